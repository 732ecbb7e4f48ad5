package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code forward-insert-broken} (forward: new app + old schema): the current release inserts into a table without
 * naming a column that is NOT NULL without a default in the previous schema, and this release's changesets are what
 * make that legal (they drop the column, drop its NOT NULL or give it a default). Until the migration has run,
 * those inserts fail with a NOT NULL violation. A positional insert counts when the release drops the column: on
 * the previous schema its values no longer line up with the columns.
 *
 * <p>A column that stays NOT NULL without a default after the release is not reported here: the current release's
 * inserts fail on its own schema too, which its tests find; it is no deployment-order hazard.
 */
public final class ForwardInsertBrokenRule extends ForwardRule {

    public static final String ID = "forward-insert-broken";

    public ForwardInsertBrokenRule() {
        super(ID, Severity.BREAKING, "A current-release insert omits a column that is NOT NULL without a default in"
                + " the previous schema (new app + old schema)");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        String table;
        String column;
        String what;
        boolean dropped = false;
        if (change.op() instanceof SchemaOp.DropColumn d) {
            table = d.table();
            column = d.column();
            what = "Drops " + table + "." + column;
            dropped = true;
        } else if (change.op() instanceof SchemaOp.DropNotNull n) {
            table = n.table();
            column = n.column();
            what = "Makes " + table + "." + column + " nullable";
        } else if (change.op() instanceof SchemaOp.SetDefault s) {
            table = s.table();
            column = s.column();
            what = "Gives " + table + "." + column + " a default";
        } else {
            return List.of();
        }
        // only the first change of the release that relaxes the column: before it, it is still as the previous
        // schema has it
        var before = context.before().column(table, column);
        var previous = previousColumn(context, table, column);
        if (before.isEmpty() || before.get().insertableWithoutValue() || previous.isEmpty()) {
            return List.of();
        }
        var old = context.previous().column(previous.get().table(), previous.get().column());
        if (old.isEmpty() || old.get().insertableWithoutValue()) {
            return List.of();
        }
        var endTable = tableAtReleaseEnd(change, context, table);
        if (endTable.isEmpty()) {
            return List.of();
        }
        // the column's name at the end of the release; a dropped one keeps the name it had
        var endColumn = dropped ? column : columnAtReleaseEnd(change, context, table, column)
                .map(EndColumn::column).orElse(column);
        var inserts = new LinkedHashSet<Query>();
        for (var insert : context.usage().insertsInto(endTable.get())) {
            if (insert.positional() ? dropped : !insert.columns().contains(endColumn)) {
                inserts.add(context.usage().queryOf(insert));
            }
        }
        if (inserts.isEmpty()) {
            return List.of();
        }
        var queries = List.copyOf(inserts);
        var col = previous.get();
        var message = what + " (" + provider(change) + "); the current release inserts into " + endTable.get()
                + " without " + (dropped ? "a value for " : "naming ") + column + " (" + evidence(queries,
                Direction.FORWARD) + "), but the previous schema has " + col.display() + " NOT NULL without a"
                + " default: those inserts fail whenever the new code runs before the migration (or after the"
                + " database is restored).";
        var fix = "Expand first: make " + col.display() + " nullable or give it a default in a release before the one"
                + " whose code stops writing it, so the previous schema already accepts the new inserts; drop the"
                + " column in a later release. Or keep writing " + col.column() + " in this release.";
        return List.of(violation(FindingObject.column(col.table(), col.column()), message, fix, queries));
    }
}
