package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.CreateView;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class TableRenamedRuleTest {

    private final Rule rule = new TableRenamedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"))
                .view("open_orders", "id")
                .selects("orders", "id", "status")
                .selects("open_orders", "id");
    }

    @Test
    void renamesTableThatPreviousReleaseUses() {
        var violations = shop().changeSet("1", new RenameTable("orders", "purchase_orders")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("orders"));
            assertThat(v.message()).contains("Renames table orders to purchase_orders");
            assertThat(v.fix()).contains("CREATE VIEW orders AS SELECT * FROM purchase_orders");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void aViewUnderTheOldNameBridgesTheRename() {
        var violations = shop()
                .changeSet("1", new RenameTable("orders", "purchase_orders"),
                        new CreateView("orders", false, "select * from purchase_orders", List.of()))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aBridgeViewWithoutAUsedColumnDoesNotBridge() {
        var violations = shop()
                .changeSet("1", new RenameTable("orders", "purchase_orders"))
                .changeSet("2", new CreateView("orders", false, "select id from purchase_orders", List.of("id")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).contains("lacks columns [status]");
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("SELECT id, status FROM orders");
        });
    }

    @Test
    void doesNotReportRenameOfTableCreatedInThisRelease() {
        var violations = shop()
                .changeSet("1", new CreateTable("draft", List.of(nullable("id", "bigint"))))
                .changeSet("2", new RenameTable("draft", "drafts"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void leavesRenamedViewsToTheViewRule() {
        var violations = shop().changeSet("1", new RenameTable("open_orders", "pending_orders")).check(rule);

        assertThat(violations).isEmpty();
    }
}
