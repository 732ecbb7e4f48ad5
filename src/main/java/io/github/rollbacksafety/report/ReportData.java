package io.github.rollbacksafety.report;

import io.github.rollbacksafety.engine.CheckResult;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Rule;

import java.util.List;
import java.util.Objects;

/**
 * Everything a report shows: the check's result, the run's metadata, the rule catalogue and the failure policy.
 * Every format is a view of this; none re-derives findings or counts.
 *
 * @param meta   tool, project, baseline and repository layout
 * @param result the check's outcome
 * @param rules  the whole rule catalogue (SARIF lists every rule, not only those that fired)
 * @param failOn which findings fail the build (JUnit failures, console levels)
 */
public record ReportData(ReportMeta meta, CheckResult result, List<Rule> rules, FailOn failOn) {

    public ReportData {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(result, "result");
        rules = List.copyOf(rules);
        Objects.requireNonNull(failOn, "failOn");
    }

    /** True when this finding, by itself, fails the build under {@link #failOn()} (as the verdict decided it). */
    public boolean fails(Finding finding) {
        return failOn.fails(finding);
    }

    /** The versions checked against, for prose: {@code 1.1.0, 1.0.0}; empty for a first release. */
    public String baselineVersions() {
        return String.join(", ", result.baselines());
    }

    /** The baseline as prose names it: its coordinates when known, else its version(s). */
    public String baselineLabel() {
        return meta.baseline().map(ReportMeta.Coordinates::toString).orElse(baselineVersions());
    }
}
