package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code not-null-constraint-added}: a new changeset makes a column NOT NULL while a previous-release insert does
 * not name it and no default fills it (neither before the change nor later in the same changeset). A positional
 * insert gives every column it knew a value, so it is not affected.
 */
public final class NotNullConstraintAddedRule extends AbstractRule {

    public static final String ID = "not-null-constraint-added";

    public NotNullConstraintAddedRule() {
        super(ID, Severity.BREAKING,
                "Makes a column NOT NULL without a default while a previous-release insert omits it");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.SetNotNull set)) {
            return List.of();
        }
        var before = context.before().column(set.table(), set.column());
        if (before.isPresent() && (!before.get().nullable() || before.get().defaultValue().isPresent()
                || before.get().autoIncrement())) {
            return List.of();
        }
        var previous = previousOrAddedColumn(context, set.table(), set.column());
        if (previous.isEmpty() || laterInChangeSet(change, context, op -> op instanceof SchemaOp.SetDefault d
                && d.table().equals(set.table()) && d.column().equals(set.column()))) {
            return List.of();
        }
        var column = previous.get();
        var inserts = insertsOmitting(context, column.table(), column.column(), false);
        if (inserts.isEmpty()) {
            return List.of();
        }
        var message = "Makes " + column.display() + " NOT NULL without a default; the previous release inserts into "
                + column.table() + " without naming " + column.column() + " (" + evidence(inserts)
                + ") and those inserts fail with a NOT NULL violation.";
        var fix = "Expand/contract: give the column a default in the same changeset (addDefaultValue), or first"
                + " release an application whose inserts always set " + column.column() + " and add the"
                + " constraint in a later release, once no release in the rollback window omits it.";
        return List.of(violation(FindingObject.column(column.table(), column.column()), message, fix, inserts));
    }
}
