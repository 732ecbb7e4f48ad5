package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code column-renamed}: a new changeset renames a column that previous-release queries name. Not reported when
 * the old name comes back later in the release (a column added under the old name, kept in sync by a trigger) or
 * the table is bridged by a view under its previous name that exposes the old column name.
 */
public final class ColumnRenamedRule extends AbstractRule {

    public static final String ID = "column-renamed";

    public ColumnRenamedRule() {
        super(ID, Severity.BREAKING, "Renames a column the previous release reads or writes");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.RenameColumn rename)) {
            return List.of();
        }
        // only the rename that moves the previous name away reports; renaming it again breaks nothing new
        var gone = columnGone(change, context).filter(c -> c.column().equals(rename.from()));
        var refs = gone.map(c -> context.usage().columnRefs(c.table(), c.column())).orElse(List.of());
        if (refs.isEmpty()) {
            return List.of();
        }
        var column = gone.get();
        var queries = context.usage().usersOfColumn(column.table(), column.column());
        var message = "Renames column " + column.display() + " to " + rename.to() + "; the previous release "
                + accessVerb(refs) + " it under the old name (" + evidence(queries) + ") and those queries fail"
                + " after the rename.";
        var fix = "Expand/contract: add " + rename.to() + " as a new column, keep both in sync (trigger or writes to"
                + " both), backfill it, switch the application to " + rename.to() + ", and drop "
                + column.column() + " in a later release, once no release in the rollback window uses it.";
        return List.of(violation(FindingObject.column(column.table(), column.column()), message, fix, queries));
    }
}
