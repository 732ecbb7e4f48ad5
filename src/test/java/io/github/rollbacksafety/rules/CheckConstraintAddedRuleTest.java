package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddCheck;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class CheckConstraintAddedRuleTest {

    private final Rule rule = new CheckConstraintAddedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("total", "numeric(12,2)"))
                .table("rates", notNull("id", "bigint"))
                .selects("rates", "id");
    }

    @Test
    void addsCheckOnTableThePreviousReleaseUpdates() {
        var violations = shop().updates("orders", "total")
                .changeSet("1", new AddCheck("orders", "total >= 0"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).contains("check constraint on orders (total >= 0)");
            assertThat(v.fix()).contains("NOT VALID");
        });
    }

    @Test
    void addsCheckOnTableThePreviousReleaseDeletesFrom() {
        var violations = shop().deletes("orders").changeSet("1", new AddCheck("orders", "total >= 0")).check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void readOnlyTablesAreFine() {
        var violations = shop().changeSet("1", new AddCheck("rates", "id > 0")).check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void tablesCreatedInThisReleaseAreFine() {
        var violations = shop().updates("orders", "total")
                .changeSet("1", new CreateTable("refunds", List.of(nullable("amount", "int"))),
                        new AddCheck("refunds", "amount > 0"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
