package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropNotNull;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class NotNullDroppedRuleTest {

    private final Rule rule = new NotNullDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), notNull("status", "varchar(20)"),
                        notNull("written_only", "int"), nullable("note", "text"));
    }

    @Test
    void makesAColumnThePreviousReleaseReadsNullable() {
        var violations = shop().selects("orders", "status")
                .changeSet("1", new DropNotNull("orders", "status"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "status"));
            assertThat(v.message()).contains("Makes orders.status nullable");
        });
    }

    @Test
    void readsThroughSelectStarCount() {
        var violations = shop().selectsStar("orders")
                .changeSet("1", new DropNotNull("orders", "status"))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void columnsThePreviousReleaseOnlyWritesAreFine() {
        var violations = shop().updates("orders", "written_only")
                .changeSet("1", new DropNotNull("orders", "written_only"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void alreadyNullableAndNewColumnsAreFine() {
        var violations = shop().selects("orders", "note", "fresh")
                .changeSet("1", new DropNotNull("orders", "note"),
                        new AddColumn("orders", notNull("fresh", "int")), new DropNotNull("orders", "fresh"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
