package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code unanalyzable-change}: a new change the check cannot analyse (custom change, SQL it cannot parse, ...).
 * It may break the previous release; a person has to look.
 */
public final class UnanalyzableChangeRule extends AbstractRule {

    public static final String ID = "unanalyzable-change";

    public UnanalyzableChangeRule() {
        super(ID, Severity.RISKY, "A new change could not be analysed (custom change, unparseable SQL)");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.Unanalyzable unanalyzable)) {
            return List.of();
        }
        var message = "Cannot analyse " + unanalyzable.what() + ": " + unanalyzable.reason()
                + ". The check cannot tell whether it breaks the previous release.";
        var fix = "Review the change by hand against the previous release's queries. Where possible express it with"
                + " Liquibase change types (addColumn, dropColumn, ...) or plain DDL the check understands; once"
                + " reviewed, waive the finding with the reason.";
        return List.of(new Violation(FindingObject.changeSet(change.changeSet().displayId()), message, fix,
                List.of()));
    }
}
