package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.DataChange;
import io.github.rollbacksafety.schema.SchemaOp.DataChange.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class DataChangeInDeployRuleTest {

    private final Rule rule = new DataChangeInDeployRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"))
                .table("countries", notNull("code", "char(2)"))
                .table("archive", notNull("id", "bigint"))
                .selects("orders", "id", "status")
                .selects("countries", "code");
    }

    @Test
    void backfillingATableThePreviousReleaseUsesIsRisky() {
        var violations = shop().changeSet("1", new DataChange("orders", Kind.UPDATE)).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("orders"));
            assertThat(v.message()).contains("Updates rows of orders");
            assertThat(v.fix()).contains("background job");
        });
    }

    @Test
    void deletingRowsOfATableThePreviousReleaseUsesIsRisky() {
        var violations = shop().changeSet("1", new DataChange("orders", Kind.DELETE)).check(rule);

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("Deletes rows"));
    }

    @Test
    void seedDataInsertsAreFine() {
        var violations = shop()
                .changeSet("1", new DataChange("countries", Kind.INSERT), new DataChange("countries", Kind.LOAD))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void unusedAndNewTablesAreFine() {
        var violations = shop()
                .changeSet("1", new DataChange("archive", Kind.DELETE),
                        new CreateTable("staging", List.of(nullable("x", "int"))), new DataChange("staging", Kind.UPDATE))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
