package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code data-change-in-deploy}: a new changeset updates or deletes rows of a table the previous release uses.
 * The previous release keeps running while the migration does: long locks block it, and rows it writes meanwhile
 * are missed or overwritten. Inserted or loaded rows (seed and reference data) are not reported.
 */
public final class DataChangeInDeployRule extends AbstractRule {

    public static final String ID = "data-change-in-deploy";

    public DataChangeInDeployRule() {
        super(ID, Severity.RISKY, "Updates or deletes rows of a table the previous release uses during deployment");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DataChange data) || (data.kind() != SchemaOp.DataChange.Kind.UPDATE
                && data.kind() != SchemaOp.DataChange.Kind.DELETE)) {
            return List.of();
        }
        var previous = context.previousTable(data.table());
        if (previous.isEmpty()) {
            return List.of();
        }
        var table = previous.get();
        var users = tableUsers(context, table);
        if (users.isEmpty()) {
            return List.of();
        }
        var verb = data.kind() == SchemaOp.DataChange.Kind.UPDATE ? "Updates" : "Deletes";
        var message = verb + " rows of " + table + nowCalled(table, data.table()) + " during deployment while the"
                + " previous release uses it (" + evidence(users) + "): long locks block it, and rows it writes"
                + " meanwhile may be missed or overwritten.";
        var fix = "Move backfills and clean-ups to a background job of the new application (batched, idempotent,"
                + " restartable), and keep deployment changesets to schema changes. If it must stay in the"
                + " changelog, batch it and make it idempotent.";
        return List.of(violation(FindingObject.table(table), message, fix, users));
    }
}
