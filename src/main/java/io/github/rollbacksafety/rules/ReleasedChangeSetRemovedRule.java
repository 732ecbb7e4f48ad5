package io.github.rollbacksafety.rules;

import java.util.List;

/**
 * {@code released-changeset-removed}: a changeset the previous release has run is gone from the changelog. Its
 * effect stays in every migrated database, but the changelog no longer describes it and cannot roll it back.
 */
public final class ReleasedChangeSetRemovedRule extends AbstractRule {

    public static final String ID = "released-changeset-removed";

    public ReleasedChangeSetRemovedRule() {
        super(ID, Severity.RISKY, "Removes a changeset the previous release has already run");
    }

    @Override
    public List<HistoryViolation> checkHistory(RuleContext context) {
        return context.removedChangeSets().stream().map(released -> {
            var message = "Changeset " + released.displayId() + " (" + released.location() + ") was run by the"
                    + " previous release but is no longer in the changelog: databases keep its effect, new databases"
                    + " will not get it, and Liquibase can no longer roll it back.";
            var fix = "Keep released changesets. To undo one, add a new changeset that reverses it; to retire old"
                    + " history, squash it only once every database is past it (and keep the ids so Liquibase does"
                    + " not run the squashed version again).";
            return new HistoryViolation(released, new Violation(FindingObject.changeSet(released.displayId()),
                    message, fix, List.of()));
        }).toList();
    }
}
