package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.DropTable;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static org.assertj.core.api.Assertions.assertThat;

class ReleasedChangeSetModifiedRuleTest {

    private final Rule rule = new ReleasedChangeSetModifiedRule();

    @Test
    void reportsAReleasedChangeSetWithAnotherChecksum() {
        var history = RuleTestKit.previousRelease()
                .modifiedChangeSet("3", "9:aaa", "9:bbb")
                .checkHistory(rule);

        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.changeSet().checksum()).contains("9:bbb");
            assertThat(h.violation().object()).isEqualTo(FindingObject.changeSet("shop:3"));
            assertThat(h.violation().message()).contains("9:aaa").contains("9:bbb");
            assertThat(h.violation().fix()).contains("<validCheckSum>9:aaa</validCheckSum>");
        });
    }

    @Test
    void reportsEveryModifiedChangeSet() {
        var history = RuleTestKit.previousRelease()
                .modifiedChangeSet("3", "9:aaa", "9:bbb")
                .modifiedChangeSet("4", "9:ccc", "9:ddd")
                .checkHistory(rule);

        assertThat(history).extracting(h -> h.changeSet().id()).containsExactly("3", "4");
    }

    @Test
    void anUntouchedHistoryIsFine() {
        var history = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"))
                .changeSet("9", new DropTable("orders"))
                .checkHistory(rule);

        assertThat(history).isEmpty();
    }

    @Test
    void doesNotLookAtNewChanges() {
        var violations = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"))
                .selects("orders", "id")
                .modifiedChangeSet("3", "9:aaa", "9:bbb")
                .changeSet("9", new DropTable("orders"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
