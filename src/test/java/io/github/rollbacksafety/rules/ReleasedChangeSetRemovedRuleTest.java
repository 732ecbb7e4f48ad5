package io.github.rollbacksafety.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasedChangeSetRemovedRuleTest {

    private final Rule rule = new ReleasedChangeSetRemovedRule();

    @Test
    void reportsAReleasedChangeSetThatIsGone() {
        var history = RuleTestKit.previousRelease().removedChangeSet("7").checkHistory(rule);

        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.changeSet().id()).isEqualTo("7");
            assertThat(h.violation().object()).isEqualTo(FindingObject.changeSet("shop:7"));
            assertThat(h.violation().message()).contains("no longer in the changelog");
        });
    }

    @Test
    void reportsEachRemovedChangeSet() {
        var history = RuleTestKit.previousRelease().removedChangeSet("7").removedChangeSet("8").checkHistory(rule);

        assertThat(history).hasSize(2);
    }

    @Test
    void aModifiedChangeSetIsNotRemoved() {
        var history = RuleTestKit.previousRelease().modifiedChangeSet("3", "9:a", "9:b").checkHistory(rule);

        assertThat(history).isEmpty();
    }

    @Test
    void anUntouchedHistoryIsFine() {
        assertThat(RuleTestKit.previousRelease().checkHistory(rule)).isEmpty();
    }

    @Test
    void isRisky() {
        assertThat(rule.severity()).isEqualTo(Severity.RISKY);
    }
}
