package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.TypeChange;

import java.util.List;

/**
 * {@code column-type-changed}: a new changeset changes the type of a column the previous release uses in a way
 * its values or mappings do not survive: narrowing (shorter length, less precision or scale, BIGINT to INT, TEXT
 * to VARCHAR(n)) or another type family. Widening is safe. TIMESTAMP to TIMESTAMP WITH TIME ZONE is reported with
 * severity RISKY. A type the check cannot judge (unresolved {@code ${property}}) is not reported.
 */
public final class ColumnTypeChangedRule extends AbstractRule {

    public static final String ID = "column-type-changed";

    public ColumnTypeChangedRule() {
        super(ID, Severity.BREAKING, "Changes the type of a column the previous release uses incompatibly");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.AlterType alter)) {
            return List.of();
        }
        var oldType = context.before().column(alter.table(), alter.column()).flatMap(c -> c.type());
        var previous = previousColumn(context, alter.table(), alter.column());
        if (oldType.isEmpty() || previous.isEmpty()) {
            return List.of();
        }
        var verdict = TypeChange.between(oldType.get(), alter.newType());
        if (verdict.compatibility() == TypeChange.Compatibility.SAFE
                || verdict.compatibility() == TypeChange.Compatibility.UNKNOWN) {
            return List.of();
        }
        var column = previous.get();
        var queries = distinct(context.usage().usersOfColumn(column.table(), column.column()),
                context.usage().starReadersOf(column.table()));
        if (queries.isEmpty()) {
            return List.of();
        }
        var message = "Changes the type of " + column.display() + ": " + verdict.reason() + "; the previous release"
                + " uses the column (" + evidence(queries) + ") and may fail to write or read its values.";
        var fix = "Expand/contract: add a new column of type " + alter.newType().raw() + ", keep it in sync with "
                + column.column() + " (trigger or writes to both) and backfill it, switch the application to it,"
                + " and drop " + column.column() + " in a later release. Widening changes (longer VARCHAR, INT to"
                + " BIGINT, more precision) are safe and need none of this.";
        var violation = violation(FindingObject.column(column.table(), column.column()), message, fix, queries);
        return List.of(verdict.compatibility() == TypeChange.Compatibility.RISKY
                ? violation.withSeverity(Severity.RISKY) : violation);
    }
}
