package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.database.DatabaseSummary;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Severity;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a check; every report is a view of this.
 *
 * @param baselines      versions checked against, newest first (empty for a first release)
 * @param verdict        PASS or FAIL per {@code failOn}
 * @param newChangeSets  changesets the newest baseline has not run
 * @param coverage       what the check could see of the previous release's queries
 * @param findings       all findings, waived ones included, in changelog order
 * @param unusedWaivers  waivers that matched nothing
 * @param notes          remarks worth reading (skipped changesets, undecidable preconditions, ...)
 * @param forwardCoverage what the check could see of the current release's queries; empty unless the forward
 *                        direction (new app + old schema) was checked
 * @param database       the database check's view per statement, next to the static one, when it ran
 */
public record CheckResult(List<String> baselines, Verdict verdict, List<ChangeSetRef> newChangeSets,
                          Coverage coverage, List<Finding> findings, List<Waiver> unusedWaivers, List<String> notes,
                          Optional<Coverage> forwardCoverage, Optional<DatabaseSummary> database) {

    public CheckResult {
        baselines = List.copyOf(baselines);
        newChangeSets = List.copyOf(newChangeSets);
        findings = List.copyOf(findings);
        unusedWaivers = List.copyOf(unusedWaivers);
        notes = List.copyOf(notes);
    }

    /** The outcome of a backward-only check. */
    public CheckResult(List<String> baselines, Verdict verdict, List<ChangeSetRef> newChangeSets, Coverage coverage,
                       List<Finding> findings, List<Waiver> unusedWaivers, List<String> notes) {
        this(baselines, verdict, newChangeSets, coverage, findings, unusedWaivers, notes, Optional.empty());
    }

    /** The outcome of a check without the database check. */
    public CheckResult(List<String> baselines, Verdict verdict, List<ChangeSetRef> newChangeSets, Coverage coverage,
                       List<Finding> findings, List<Waiver> unusedWaivers, List<String> notes,
                       Optional<Coverage> forwardCoverage) {
        this(baselines, verdict, newChangeSets, coverage, findings, unusedWaivers, notes, forwardCoverage,
                Optional.empty());
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity && !f.waived()).count();
    }

    public long waivedCount() {
        return findings.stream().filter(Finding::waived).count();
    }
}
