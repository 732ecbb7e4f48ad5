package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.CreateSequence;
import io.github.rollbacksafety.schema.SchemaOp.DropSequence;
import io.github.rollbacksafety.schema.SchemaOp.RenameSequence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceDroppedRuleTest {

    private final Rule rule = new SequenceDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .sequence("order_seq")
                .sequence("old_seq")
                .usesSequence("order_seq");
    }

    @Test
    void dropsSequenceThatPreviousReleaseUses() {
        var violations = shop().changeSet("1", new DropSequence("order_seq")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.sequence("order_seq"));
            assertThat(v.message()).contains("Drops sequence order_seq");
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("SELECT nextval('order_seq')");
        });
    }

    @Test
    void renamesSequenceThatPreviousReleaseUses() {
        var violations = shop().changeSet("1", new RenameSequence("order_seq", "orders_id_seq")).check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Renames sequence order_seq to orders_id_seq"));
    }

    @Test
    void doesNotReportSequenceThePreviousReleaseDoesNotUse() {
        var violations = shop().changeSet("1", new DropSequence("old_seq")).check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aSequenceRecreatedUnderTheOldNameIsFine() {
        var violations = shop()
                .changeSet("1", new RenameSequence("order_seq", "orders_id_seq"))
                .changeSet("2", new CreateSequence("order_seq"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportSequenceCreatedAndDroppedWithinTheRelease() {
        var violations = shop()
                .changeSet("1", new CreateSequence("tmp_seq"), new DropSequence("tmp_seq"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
