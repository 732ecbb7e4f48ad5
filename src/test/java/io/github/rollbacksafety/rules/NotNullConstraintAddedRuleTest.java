package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.SetDefault;
import io.github.rollbacksafety.schema.SchemaOp.SetNotNull;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class NotNullConstraintAddedRuleTest {

    private final Rule rule = new NotNullConstraintAddedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"),
                        nullable("note", "text"))
                .inserts("orders", "id", "status");
    }

    @Test
    void makesColumnNotNullThatAPreviousInsertOmits() {
        var violations = shop().changeSet("1", new SetNotNull("orders", "note")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "note"));
            assertThat(v.message()).contains("Makes orders.note NOT NULL").contains("without naming note");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void aDefaultSetEarlierInTheReleaseCovers() {
        var violations = shop()
                .changeSet("1", new SetDefault("orders", "note", "''"))
                .changeSet("2", new SetNotNull("orders", "note"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aDefaultSetLaterInTheSameChangeSetCounts() {
        var violations = shop()
                .changeSet("1", new SetNotNull("orders", "note"), new SetDefault("orders", "note", "''"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aDefaultSetInALaterChangeSetDoesNotCount() {
        var violations = shop()
                .changeSet("1", new SetNotNull("orders", "note"))
                .changeSet("2", new SetDefault("orders", "note", "''"))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void columnsEveryInsertNamesAreFine() {
        var violations = shop().changeSet("1", new SetNotNull("orders", "status")).check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void positionalInsertsNameEveryColumn() {
        var violations = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("note", "text"))
                .insertsPositionally("orders")
                .changeSet("1", new SetNotNull("orders", "note"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void reportsAColumnAddedSinceThePreviousReleaseThatItsInsertsCannotName() {
        // added nullable (this release, or a newer release of the rollback window), then made NOT NULL: the
        // previous release's inserts into orders never name it
        var violations = shop()
                .changeSet("1", new AddColumn("orders", nullable("currency", "char(3)")),
                        new SetNotNull("orders", "currency"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.object().display()).isEqualTo("orders.currency"));
    }

    @Test
    void doesNotReportAColumnAddedWithATableThePreviousReleaseDidNotHave() {
        var violations = shop()
                .changeSet("1", new CreateTable("invoices", List.of(nullable("id", "bigint"))),
                        new AddColumn("invoices", nullable("currency", "char(3)")),
                        new SetNotNull("invoices", "currency"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
