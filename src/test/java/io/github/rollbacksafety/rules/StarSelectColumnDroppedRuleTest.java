package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class StarSelectColumnDroppedRuleTest {

    private final Rule rule = new StarSelectColumnDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("note", "text"))
                .table("customers", notNull("id", "bigint"), nullable("fax", "text"));
    }

    @Test
    void dropsColumnReadOnlyThroughSelectStar() {
        var violations = shop().selectsStar("orders")
                .changeSet("1", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "note"));
            assertThat(v.message()).contains("only through SELECT *");
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("SELECT * FROM orders");
        });
    }

    @Test
    void reportsEachStarReadColumnDropped() {
        var violations = shop().selectsStar("customers")
                .changeSet("1", new DropColumn("customers", "fax"), new DropColumn("customers", "id"))
                .check(rule);

        assertThat(violations).hasSize(2);
    }

    @Test
    void explicitUsesAreLeftToColumnDropped() {
        var violations = shop().selectsStar("orders").selects("orders", "note")
                .changeSet("1", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void tablesNotReadThroughStarAndNewColumnsAreFine() {
        var violations = shop().selectsStar("orders")
                .changeSet("1", new DropColumn("customers", "fax"),
                        new AddColumn("orders", nullable("tmp", "int")), new DropColumn("orders", "tmp"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
