package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code column-dropped}: a new changeset drops a column that previous-release queries name explicitly. A column
 * read only through {@code SELECT *} is {@code star-select-column-dropped} instead; a column added back under the
 * same name later in the release is bridged.
 */
public final class ColumnDroppedRule extends AbstractRule {

    public static final String ID = "column-dropped";

    public ColumnDroppedRule() {
        super(ID, Severity.BREAKING, "Drops a column the previous release reads or writes");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DropColumn drop)) {
            return List.of();
        }
        var gone = columnGone(change, context);
        var refs = gone.map(c -> context.usage().columnRefs(c.table(), c.column())).orElse(List.of());
        if (refs.isEmpty()) {
            return List.of();
        }
        var column = gone.get();
        var queries = context.usage().usersOfColumn(column.table(), column.column());
        var message = "Drops column " + column.display() + nowCalled(column.display(), drop.table() + "."
                + drop.column()) + ", which the previous release " + accessVerb(refs) + " (" + evidence(queries)
                + "). Those queries fail while the previous release still runs and after a rollback.";
        var fix = "Expand/contract: first release an application that no longer reads or writes " + column.display()
                + " (make the column nullable or give it a default so inserts that omit it still work), and drop it"
                + " in a later release, once no release in the rollback window uses it.";
        return List.of(violation(FindingObject.column(column.table(), column.column()), message, fix, queries));
    }
}
