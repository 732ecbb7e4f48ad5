package io.github.rollbacksafety.rules;

import java.util.List;

/**
 * {@code released-changeset-modified}: a changeset the previous release has run now has another checksum (and
 * neither {@code runOnChange}, {@code runAlways} nor a {@code validCheckSum} accepts that). Liquibase then refuses
 * to update every database the previous release has already migrated.
 */
public final class ReleasedChangeSetModifiedRule extends AbstractRule {

    public static final String ID = "released-changeset-modified";

    public ReleasedChangeSetModifiedRule() {
        super(ID, Severity.BREAKING, "Modifies a changeset the previous release has already run");
    }

    @Override
    public List<HistoryViolation> checkHistory(RuleContext context) {
        return context.modifiedChangeSets().stream().map(m -> {
            var released = m.released();
            var current = m.current();
            var message = "Changeset " + current.displayId() + " (" + current.location() + ") was run by the previous"
                    + " release with checksum " + m.releasedChecksum() + " and now has checksum " + m.currentChecksum()
                    + ": Liquibase's validation fails on every database the previous release has updated, and those"
                    + " databases keep the released version of the change.";
            var fix = "Restore the changeset to its released content and make the change in a new changeset. If the"
                    + " edit changes nothing in the database (formatting, comments), add <validCheckSum>"
                    + m.releasedChecksum() + "</validCheckSum> to it; use runOnChange=\"true\" only for re-runnable"
                    + " definitions (views, procedures).";
            return new HistoryViolation(current, new Violation(FindingObject.changeSet(current.displayId()), message,
                    fix, List.of()));
        }).toList();
    }
}
