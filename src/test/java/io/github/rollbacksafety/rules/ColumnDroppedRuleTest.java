package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import io.github.rollbacksafety.schema.SchemaOp.RenameColumn;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class ColumnDroppedRuleTest {

    private final Rule rule = new ColumnDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("legacy_status", "varchar(20)"),
                        nullable("note", "text"), nullable("unused", "int"));
    }

    @Test
    void dropsColumnThatPreviousReleaseSelects() {
        var violations = shop().selects("orders", "id", "legacy_status")
                .changeSet("5", new DropColumn("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "legacy_status"));
            assertThat(v.message()).contains("orders.legacy_status").contains("previous release reads");
            assertThat(v.queries()).extracting(q -> q.location().toString()).containsExactly("sql/queries.sql:1");
        });
    }

    @Test
    void dropsAColumnReadThroughAnAliasACteOrASubquery() {
        // as real code writes it; the extractor resolves the alias, the CTE and the unqualified column
        var violations = shop()
                .sql("SELECT o.id FROM orders o WHERE o.note LIKE ?")
                .sql("WITH recent AS (SELECT id, legacy_status FROM orders) SELECT legacy_status FROM recent")
                .sql("SELECT id FROM orders WHERE id IN (SELECT id FROM orders WHERE unused > 0)")
                .changeSet("5", new DropColumn("orders", "note"), new DropColumn("orders", "legacy_status"),
                        new DropColumn("orders", "unused"))
                .check(rule);

        assertThat(violations).extracting(v -> v.object().display())
                .containsExactly("orders.note", "orders.legacy_status", "orders.unused");
        assertThat(violations).extracting(v -> v.queries().get(0).location().toString())
                .containsExactly("sql/queries.sql:1", "sql/queries.sql:2", "sql/queries.sql:3");
    }

    @Test
    void aColumnOfAnotherTableWithTheSameNameIsNotDropped() {
        var violations = shop().table("customers", notNull("id", "bigint"), nullable("note", "text"))
                .sql("SELECT c.note FROM customers c JOIN orders o ON o.id = c.id")
                .changeSet("5", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void dropsColumnThatPreviousReleaseWrites() {
        var violations = shop().updates("orders", "note").selects("orders", "note")
                .changeSet("5", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).contains("reads and writes").contains("2 previous-release queries");
            assertThat(v.queries()).hasSize(2);
        });
    }

    @Test
    void reportsThePreviousNamesAfterTableAndColumnRenames() {
        var violations = shop().selects("orders", "legacy_status")
                .changeSet("1", new RenameTable("orders", "purchase_orders"))
                .changeSet("2", new RenameColumn("purchase_orders", "legacy_status", "old_status"))
                .changeSet("3", new DropColumn("purchase_orders", "old_status"))
                .check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.object()).isEqualTo(FindingObject.column("orders", "legacy_status")));
    }

    @Test
    void capsTheListedQueries() {
        var kit = shop();
        for (int i = 0; i < 25; i++) {
            kit.selects("orders", "note", "id /* " + i + " */");
        }
        var violations = kit.changeSet("5", new DropColumn("orders", "note")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.queries()).hasSize(AbstractRule.MAX_QUERIES);
            assertThat(v.message()).contains("25 previous-release queries");
        });
    }

    @Test
    void doesNotReportColumnReadOnlyThroughSelectStar() {
        var violations = shop().selectsStar("orders")
                .changeSet("5", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportColumnThePreviousReleaseDoesNotUse() {
        var violations = shop().selects("orders", "id")
                .changeSet("5", new DropColumn("orders", "unused"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportColumnAddedAndDroppedWithinTheRelease() {
        var violations = shop().selects("orders", "id")
                .changeSet("1", new AddColumn("orders", nullable("tmp_total", "numeric(12,2)")))
                .changeSet("2", new DropColumn("orders", "tmp_total"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aColumnDroppedAndAddedBackThenDroppedAgainIsReported() {
        var violations = shop().selects("orders", "note")
                .changeSet("1", new DropColumn("orders", "note"))
                .changeSet("2", new AddColumn("orders", nullable("note", "text")))
                .changeSet("3", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void aTemplatedListStillReadsItsColumns() {
        // String.format("... IN (%s)", ids): the template is a value, the columns around it are usage
        var violations = shop().sql("SELECT legacy_status FROM orders WHERE id IN (%s)")
                .changeSet("5", new DropColumn("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).extracting(v -> v.object().display()).containsExactly("orders.legacy_status");
    }

    @Test
    void aColumnOfATableNamedAtRunTimeIsNotPinnedOnAKnownTable() {
        // t is "%s" (or <table>): its note is not orders.note, whatever the template stands for
        var violations = shop()
                .sql("SELECT o.id, t.note FROM orders o JOIN %s t ON t.order_id = o.id")
                .sql("SELECT o.id FROM orders o JOIN <archive> a ON a.id = o.id WHERE a.note IS NULL")
                .changeSet("5", new DropColumn("orders", "note"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
