package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code not-null-column-added}: a new changeset adds a NOT NULL column without a default (and not filled by the
 * database) to a table the previous release inserts into. The previous release does not know the column, so every
 * one of its inserts omits it and fails. A default set later in the same changeset counts.
 */
public final class NotNullColumnAddedRule extends AbstractRule {

    public static final String ID = "not-null-column-added";

    public NotNullColumnAddedRule() {
        super(ID, Severity.BREAKING,
                "Adds a NOT NULL column without default to a table the previous release inserts into");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.AddColumn add) || add.column().insertableWithoutValue()) {
            return List.of();
        }
        var previous = context.previousTable(add.table());
        var name = add.column().name();
        if (previous.isEmpty() || defaultedInChangeSet(change, context, add.table(), name)) {
            return List.of();
        }
        var table = previous.get();
        var inserts = insertsOmitting(context, table, name, true);
        if (inserts.isEmpty()) {
            return List.of();
        }
        var message = "Adds NOT NULL column " + table + "." + name + nowCalled(table, add.table())
                + " without a default; the previous release inserts into " + table + " without it ("
                + evidence(inserts) + ") and those inserts fail with a NOT NULL violation.";
        var fix = "Expand/contract: add the column nullable or with a default in this release and backfill it;"
                + " add the NOT NULL constraint in a later release, once every release in the rollback window"
                + " writes the column.";
        return List.of(violation(FindingObject.column(table, name), message, fix, inserts));
    }

    private static boolean defaultedInChangeSet(PlannedChange change, RuleContext context, String table,
                                                String column) {
        return laterInChangeSet(change, context, op ->
                (op instanceof SchemaOp.SetDefault d && d.table().equals(table) && d.column().equals(column))
                        || (op instanceof SchemaOp.DropNotNull n && n.table().equals(table)
                        && n.column().equals(column)));
    }
}
