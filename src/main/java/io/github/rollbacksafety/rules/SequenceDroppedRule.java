package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code sequence-dropped}: a new changeset drops or renames a sequence the previous release uses
 * ({@code nextval('s')}, {@code NEXT VALUE FOR s}, an id generator). Its inserts then fail to get ids.
 */
public final class SequenceDroppedRule extends AbstractRule {

    public static final String ID = "sequence-dropped";

    public SequenceDroppedRule() {
        super(ID, Severity.BREAKING, "Drops or renames a sequence the previous release uses");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        String name;
        String what;
        var op = change.op();
        if (op instanceof SchemaOp.DropSequence drop) {
            name = drop.sequence();
            what = "Drops sequence ";
        } else if (op instanceof SchemaOp.RenameSequence rename) {
            name = rename.from();
            what = "Renames sequence ";
        } else {
            return List.of();
        }
        var previous = context.previousSequence(name);
        if (previous.isEmpty()) {
            return List.of();
        }
        var sequence = previous.get();
        var users = context.usage().usersOfSequence(sequence);
        if (users.isEmpty() || context.afterRelease().hasSequence(sequence)) {
            return List.of();
        }
        var target = op instanceof SchemaOp.RenameSequence rename ? " to " + rename.to() : "";
        var message = what + sequence + nowCalled(sequence, name) + target + ", which the previous release uses ("
                + evidence(users) + "); its inserts can no longer get new ids.";
        var fix = "Expand/contract: keep " + sequence + " until no release in the rollback window uses it. When ids"
                + " move to an identity column or another sequence, first release an application that no longer"
                + " calls " + sequence + " (start the new generator above its current value), then drop it later.";
        return List.of(violation(FindingObject.sequence(sequence), message, fix, users));
    }
}
