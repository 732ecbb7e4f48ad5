package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code star-select-column-dropped}: a new changeset drops a column the previous release reads only through
 * {@code SELECT *}. The queries still run, but code that maps the result by column name or position may fail or
 * read the wrong value. Explicit uses are {@code column-dropped}.
 */
public final class StarSelectColumnDroppedRule extends AbstractRule {

    public static final String ID = "star-select-column-dropped";

    public StarSelectColumnDroppedRule() {
        super(ID, Severity.RISKY, "Drops a column the previous release reads only through SELECT *");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DropColumn)) {
            return List.of();
        }
        var gone = columnGone(change, context);
        var readers = gone.map(c -> context.usage().starReadersOf(c.table())).orElse(List.of());
        if (readers.isEmpty() || !context.usage().columnRefs(gone.get().table(), gone.get().column()).isEmpty()) {
            return List.of();
        }
        var column = gone.get();
        var message = "Drops column " + column.display() + ", which the previous release reads only through SELECT *"
                + " (" + evidence(readers) + "); code that maps those rows by column name or position may fail or"
                + " read the wrong value.";
        var fix = "Expand/contract: check that the previous release's mapping of " + column.table() + " ignores "
                + column.column() + " (or release one that lists its columns instead of SELECT *), then drop it in a"
                + " later release.";
        return List.of(violation(FindingObject.column(column.table(), column.column()), message, fix, readers));
    }
}
