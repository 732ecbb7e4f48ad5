package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code positional-insert-broken}: a new changeset adds or drops a column of a table the previous release inserts
 * into without a column list ({@code INSERT INTO t VALUES (...)}); its values no longer line up with the columns.
 * A column added and dropped again within the release leaves the shape as it was and is not reported.
 */
public final class PositionalInsertBrokenRule extends AbstractRule {

    public static final String ID = "positional-insert-broken";

    public PositionalInsertBrokenRule() {
        super(ID, Severity.BREAKING,
                "Adds or drops a column of a table the previous release inserts into without a column list");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        var op = change.op();
        String table;
        String previousColumn;
        String what;
        if (op instanceof SchemaOp.AddColumn add) {
            table = add.table();
            previousColumn = add.column().name();
            what = "Adds";
        } else if (op instanceof SchemaOp.DropColumn drop) {
            var previous = context.previousColumn(drop.table(), drop.column());
            if (previous.isEmpty()) {
                return List.of();
            }
            table = drop.table();
            previousColumn = previous.get();
            what = "Drops";
        } else {
            return List.of();
        }
        var previousTable = context.previousTable(table);
        if (previousTable.isEmpty()) {
            return List.of();
        }
        var prev = previousTable.get();
        var positional = new LinkedHashSet<Query>();
        context.usage().insertsInto(prev).stream().filter(i -> i.positional())
                .forEach(i -> positional.add(context.usage().queryOf(i)));
        // the scan of the rest of the release runs only for tables with positional inserts
        if (positional.isEmpty() || (op instanceof SchemaOp.AddColumn
                && droppedLater(change, context, table, previousColumn))) {
            return List.of();
        }
        var queries = List.copyOf(positional);
        var message = what + " column " + prev + "." + previousColumn + nowCalled(prev, table) + "; the previous"
                + " release inserts into " + prev + " without a column list (" + evidence(queries) + "), so its"
                + " VALUES no longer match the table's columns.";
        var fix = "Expand/contract: first release an application whose inserts into " + prev + " name their columns"
                + " (INSERT INTO " + prev + " (a, b) VALUES ...); add or drop the column in a later release.";
        return List.of(violation(FindingObject.column(prev, previousColumn), message, fix, queries));
    }

    private static boolean droppedLater(PlannedChange change, RuleContext context, String table, String column) {
        return context.after(change).stream().anyMatch(later -> later.op() instanceof SchemaOp.DropColumn d
                && d.table().equals(table) && d.column().equals(column));
    }
}
