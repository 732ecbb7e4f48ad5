package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code default-dropped}: a new changeset drops the default of a NOT NULL column that a previous-release insert
 * omits; those inserts relied on the default and now fail. Replacing the default (or dropping the NOT NULL) in the
 * same changeset is fine.
 */
public final class DefaultDroppedRule extends AbstractRule {

    public static final String ID = "default-dropped";

    public DefaultDroppedRule() {
        super(ID, Severity.BREAKING,
                "Drops the default of a NOT NULL column that a previous-release insert omits");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DropDefault drop)) {
            return List.of();
        }
        var before = context.before().column(drop.table(), drop.column());
        if (before.isEmpty() || before.get().nullable() || before.get().autoIncrement()) {
            return List.of();
        }
        var previous = previousOrAddedColumn(context, drop.table(), drop.column());
        if (previous.isEmpty() || laterInChangeSet(change, context, op -> sameColumn(op, drop))) {
            return List.of();
        }
        var column = previous.get();
        var inserts = insertsOmitting(context, column.table(), column.column(), false);
        if (inserts.isEmpty()) {
            return List.of();
        }
        var message = "Drops the default of NOT NULL column " + column.display() + "; the previous release inserts"
                + " into " + column.table() + " without naming " + column.column() + " (" + evidence(inserts)
                + ") and relies on the default, so those inserts fail.";
        var fix = "Expand/contract: keep the default until no release in the rollback window omits "
                + column.column() + " from its inserts: first release an application that always sets it, then drop"
                + " the default in a later release.";
        return List.of(violation(FindingObject.column(column.table(), column.column()), message, fix, inserts));
    }

    private static boolean sameColumn(SchemaOp op, SchemaOp.DropDefault drop) {
        if (op instanceof SchemaOp.SetDefault d) {
            return d.table().equals(drop.table()) && d.column().equals(drop.column());
        }
        if (op instanceof SchemaOp.DropNotNull n) {
            return n.table().equals(drop.table()) && n.column().equals(drop.column());
        }
        return false;
    }
}
