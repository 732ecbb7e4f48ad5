package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropNotNull;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import io.github.rollbacksafety.schema.SchemaOp.SetDefault;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.identity;
import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.notNullWithDefault;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

/** A forward rule: the kit's queries stand for the current release's (new app), the schema for the previous one. */
class ForwardInsertBrokenRuleTest {

    private final Rule rule = new ForwardInsertBrokenRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", identity("id", "bigint"), notNull("legacy_status", "varchar(20)"),
                        nullable("note", "text"), notNullWithDefault("channel", "varchar(10)", "'web'"));
    }

    @Test
    void isAForwardBreakingRule() {
        assertThat(rule.direction()).isEqualTo(Direction.FORWARD);
        assertThat(rule.severity()).isEqualTo(Severity.BREAKING);
    }

    @Test
    void stopsWritingANotNullColumnThatTheReleaseDrops() {
        var violations = shop()
                .inserts("orders", "note")
                .changeSet("3", new DropColumn("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "legacy_status"));
            assertThat(v.message()).contains("Drops orders.legacy_status").contains("changeset shop:3")
                    .contains("1 current-release query").contains("NOT NULL without a default");
            assertThat(v.fix()).contains("nullable or give it a default in a release before");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void relaxingTheColumnInTheSameReleaseIsTooLate() {
        var violations = shop()
                .inserts("orders", "note")
                .changeSet("3", new DropNotNull("orders", "legacy_status"))
                .changeSet("4", new DropColumn("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.message()).contains("Makes orders.legacy_status nullable"));
    }

    @Test
    void aDefaultAddedInTheReleaseIsTooLateToo() {
        var violations = shop()
                .inserts("orders", "note")
                .changeSet("3", new SetDefault("orders", "legacy_status", "'new'"))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void insertsThatStillNameTheColumnAreFine() {
        var violations = shop()
                .inserts("orders", "legacy_status", "note")
                .changeSet("3", new DropNotNull("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void columnsThePreviousSchemaAlreadyAcceptsWithoutValueAreFine() {
        var violations = shop()
                .inserts("orders", "legacy_status")
                .changeSet("3", new DropColumn("orders", "note"), new DropColumn("orders", "channel"),
                        new DropColumn("orders", "id"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void insertsIntoATableRenamedLaterAreFollowed() {
        var violations = shop()
                .inserts("purchases", "note")
                .changeSet("3", new DropColumn("orders", "legacy_status"))
                .changeSet("4", new RenameTable("orders", "purchases"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.message()).contains("inserts into purchases"));
    }

    @Test
    void aPositionalInsertBreaksWhenTheReleaseDropsTheColumn() {
        var violations = shop()
                .insertsPositionally("orders")
                .changeSet("3", new DropColumn("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void aPositionalInsertKeepsEveryColumnWhenOnlyTheConstraintGoes() {
        var violations = shop()
                .insertsPositionally("orders")
                .changeSet("3", new DropNotNull("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void withoutInsertsThereIsNothingToBreak() {
        var violations = shop()
                .selects("orders", "id", "note")
                .changeSet("3", new DropColumn("orders", "legacy_status"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
