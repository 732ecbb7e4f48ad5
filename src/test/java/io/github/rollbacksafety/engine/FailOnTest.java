package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.FindingObject;
import io.github.rollbacksafety.rules.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FailOnTest {

    private static Finding finding(Severity severity) {
        var cs = new ChangeSetRef("1", "shop", "db/master.xml", 3, "9:x", false, false, Set.of(), Optional.empty(),
                List.of(), List.of());
        return new Finding("some-rule", severity, cs, FindingObject.table("orders"), "m", "f", List.of(),
                Optional.empty(), List.of("1.0"));
    }

    @Test
    void breakingFailsOnlyOnUnwaivedBreakingFindings() {
        assertThat(FailOn.BREAKING.verdictOf(List.of(finding(Severity.BREAKING)))).isEqualTo(Verdict.FAIL);
        assertThat(FailOn.BREAKING.verdictOf(List.of(finding(Severity.RISKY)))).isEqualTo(Verdict.PASS);
        assertThat(FailOn.BREAKING.verdictOf(List.of(finding(Severity.BREAKING).waive("ok")))).isEqualTo(Verdict.PASS);
    }

    @Test
    void riskyFailsOnAnyUnwaivedFinding() {
        assertThat(FailOn.RISKY.verdictOf(List.of(finding(Severity.RISKY)))).isEqualTo(Verdict.FAIL);
        assertThat(FailOn.RISKY.verdictOf(List.of(finding(Severity.RISKY).waive("ok")))).isEqualTo(Verdict.PASS);
    }

    @Test
    void noneNeverFailsAndNoFindingsPass() {
        assertThat(FailOn.NONE.verdictOf(List.of(finding(Severity.BREAKING)))).isEqualTo(Verdict.PASS);
        assertThat(FailOn.BREAKING.verdictOf(List.of())).isEqualTo(Verdict.PASS);
    }

    @Test
    void aFindingFailsExactlyWhenItAloneMakesTheVerdictFail() {
        for (var failOn : FailOn.values()) {
            for (var severity : Severity.values()) {
                for (var f : List.of(finding(severity), finding(severity).waive("ok"))) {
                    assertThat(failOn.fails(f)).isEqualTo(failOn.verdictOf(List.of(f)) == Verdict.FAIL);
                }
            }
        }
    }
}
