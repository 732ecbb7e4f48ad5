package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.CreateView;
import io.github.rollbacksafety.schema.SchemaOp.DropView;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static org.assertj.core.api.Assertions.assertThat;

class ViewDroppedRuleTest {

    private final Rule rule = new ViewDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"))
                .view("order_totals", "id", "total", "currency", "legacy_flag")
                .view("unused_report", "id")
                .selects("order_totals", "id", "total", "currency");
    }

    @Test
    void dropsViewThatPreviousReleaseReads() {
        var violations = shop().changeSet("1", new DropView("order_totals")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.view("order_totals"));
            assertThat(v.message()).contains("Drops view order_totals");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void replacesViewWithoutAColumnThePreviousReleaseReads() {
        var violations = shop()
                .changeSet("1", new CreateView("order_totals", true, "select id, total from orders",
                        List.of("id", "total")))
                .check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Replaces view order_totals").contains("[currency]"));
    }

    @Test
    void renamesViewThatPreviousReleaseReads() {
        var violations = shop().changeSet("1", new RenameTable("order_totals", "order_sums")).check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Renames view order_totals to order_sums"));
    }

    @Test
    void dropAndRecreateWithTheUsedColumnsIsFine() {
        var violations = shop()
                .changeSet("1", new DropView("order_totals"),
                        new CreateView("order_totals", false, "select ...", List.of("id", "total", "currency")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void replacingAwayOnlyAnUnusedColumnIsFine() {
        var violations = shop()
                .changeSet("1", new CreateView("order_totals", true, "select ...", List.of("id", "total", "currency")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportViewsThePreviousReleaseDoesNotUse() {
        var violations = shop()
                .changeSet("1", new DropView("unused_report"))
                .changeSet("2", new CreateView("scratch", false, "select 1", List.of("x")), new DropView("scratch"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
