package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.CreateView;
import io.github.rollbacksafety.schema.SchemaOp.DropTable;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class TableDroppedRuleTest {

    private final Rule rule = new TableDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"))
                .table("audit_log", notNull("id", "bigint"), nullable("note", "text"));
    }

    @Test
    void dropsTableThatPreviousReleaseSelects() {
        var violations = shop().selects("orders", "id", "status")
                .changeSet("1", new DropTable("orders"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("orders"));
            assertThat(v.message()).contains("Drops table orders").contains("sql/queries.sql:1");
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("SELECT id, status FROM orders");
            assertThat(v.fix()).contains("later release");
        });
    }

    @Test
    void dropsTableThatPreviousReleaseOnlyInsertsInto() {
        var violations = shop().inserts("audit_log", "id", "note")
                .changeSet("1", new DropTable("audit_log"))
                .check(rule);

        assertThat(violations).extracting(v -> v.object().display()).containsExactly("audit_log");
    }

    @Test
    void reportsTheNameThePreviousReleaseUsesAfterARename() {
        var violations = shop().selects("orders", "status")
                .changeSet("1", new RenameTable("orders", "purchase_orders"))
                .changeSet("2", new DropTable("purchase_orders"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object().table()).isEqualTo("orders");
            assertThat(v.message()).contains("now called purchase_orders");
        });
    }

    @Test
    void doesNotReportDropOfTableThePreviousReleaseDoesNotUse() {
        var violations = shop().selects("orders", "status")
                .changeSet("1", new DropTable("audit_log"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportTableCreatedAndDroppedWithinTheRelease() {
        var violations = shop().selects("orders", "status")
                .changeSet("1", new CreateTable("orders_import", List.of(nullable("status", "varchar(20)"))))
                .changeSet("2", new DropTable("orders_import"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportTableReplacedByAViewWithTheUsedColumns() {
        var violations = shop().selects("orders", "id", "status")
                .changeSet("1", new RenameTable("orders", "orders_v2"))
                .changeSet("2", new DropTable("orders_v2"), new CreateTable("orders_v3", List.of(notNull("id", "bigint"))),
                        new CreateView("orders", false, "select id, status from orders_v3", List.of("id", "status")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void reportsWhenTheReplacementViewLacksAUsedColumn() {
        var violations = shop().selects("orders", "id", "status")
                .changeSet("1", new DropTable("orders"),
                        new CreateView("orders", false, "select id from orders_v2", List.of("id")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("[status]"));
    }
}
