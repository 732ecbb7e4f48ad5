package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddForeignKey;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class ForeignKeyAddedRuleTest {

    private final Rule rule = new ForeignKeyAddedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("customer_id", "bigint"))
                .table("customers", notNull("id", "bigint"))
                .inserts("orders", "id", "customer_id")
                .selects("customers", "id");
    }

    @Test
    void addsForeignKeyOnTableThePreviousReleaseWrites() {
        var violations = shop()
                .changeSet("1", new AddForeignKey("orders", List.of("customer_id"), "customers", List.of("id")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("orders"));
            assertThat(v.message()).contains("foreign key orders[customer_id] -> customers[id]");
        });
    }

    @Test
    void reportsThePreviousTableNameAfterARename() {
        var violations = shop()
                .changeSet("1", new RenameTable("orders", "purchase_orders"),
                        new AddForeignKey("purchase_orders", List.of("customer_id"), "customers", List.of("id")))
                .check(rule);

        assertThat(violations).extracting(v -> v.object().table()).containsExactly("orders");
    }

    @Test
    void tablesThePreviousReleaseOnlyReadsAreFine() {
        var violations = shop()
                .changeSet("1", new AddForeignKey("customers", List.of("id"), "orders", List.of("id")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void tablesCreatedInThisReleaseAreFine() {
        var violations = shop()
                .changeSet("1", new CreateTable("invoices", List.of(nullable("order_id", "bigint"))),
                        new AddForeignKey("invoices", List.of("order_id"), "orders", List.of("id")))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
