package io.github.rollbacksafety.rules;

import java.util.List;

/**
 * One hazard the check knows. A rule is a class with a stable id (it appears in reports, waivers and docs),
 * a severity and a summary; it looks at one new change at a time, or at the changeset history.
 * Rules see only the check's own model (SchemaOp, Schema, UsageIndex), never Liquibase or JSqlParser types.
 */
public interface Rule {

    /** Stable id, e.g. {@code column-dropped}. */
    String id();

    Severity severity();

    /** One line for docs and SARIF. */
    String summary();

    /**
     * Whose queries the rule looks at: {@link Direction#BACKWARD} rules get the previous release's queries in
     * {@link RuleContext#usage()}, {@link Direction#FORWARD} rules the current release's (run only with
     * {@code checkForward}).
     */
    default Direction direction() {
        return Direction.BACKWARD;
    }

    /** Violations caused by one new change; most rules implement only this. */
    default List<Violation> check(PlannedChange change, RuleContext context) {
        return List.of();
    }

    /** Violations about the history itself (released changesets modified or removed). */
    default List<HistoryViolation> checkHistory(RuleContext context) {
        return List.of();
    }

    /** A history violation, attached to a changeset of either release. */
    record HistoryViolation(io.github.rollbacksafety.changelog.ChangeSetRef changeSet, Violation violation) {
    }
}
