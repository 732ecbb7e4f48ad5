package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code table-renamed}: a new changeset renames a table the previous release uses. Not reported when the release
 * creates a view (or table) under the old name later: that bridge keeps the previous release working.
 */
public final class TableRenamedRule extends AbstractRule {

    public static final String ID = "table-renamed";

    public TableRenamedRule() {
        super(ID, Severity.BREAKING, "Renames a table the previous release uses, without a view under the old name");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.RenameTable rename)
                || context.before().view(rename.from()).isPresent()) {
            return List.of();
        }
        // only the rename that moves the previous name away reports; renaming it again breaks nothing new
        return context.previousTable(rename.from()).filter(rename.from()::equals).map(table -> relationGone(context, table,
                FindingObject.table(table), "Renames table " + table + " to " + rename.to(),
                "Expand/contract: in the same release create a view under the old name (CREATE VIEW " + table
                        + " AS SELECT * FROM " + rename.to() + "; simple views are updatable on PostgreSQL, MySQL,"
                        + " Oracle and SQL Server) and drop that view in a later release, once no release in the"
                        + " rollback window uses " + table + "."))
                .orElse(List.of());
    }
}
