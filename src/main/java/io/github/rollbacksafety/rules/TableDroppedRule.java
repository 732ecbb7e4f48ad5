package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code table-dropped}: a new changeset drops a table the previous release reads or writes. Every such query
 * fails once the table is gone, so a rollback of the application lands on a schema it cannot use.
 */
public final class TableDroppedRule extends AbstractRule {

    public static final String ID = "table-dropped";

    public TableDroppedRule() {
        super(ID, Severity.BREAKING, "Drops a table the previous release reads or writes");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DropTable drop)) {
            return List.of();
        }
        return context.previousTable(drop.table()).map(table -> relationGone(context, table,
                FindingObject.table(table), "Drops table " + table + nowCalled(table, drop.table()),
                "Expand/contract: first release an application that no longer uses " + table + " and keep the"
                        + " table; drop it in a later release, once no release in the rollback window uses it. If its"
                        + " data moves elsewhere, keep both in sync (trigger or dual writes) until then."))
                .orElse(List.of());
    }
}
