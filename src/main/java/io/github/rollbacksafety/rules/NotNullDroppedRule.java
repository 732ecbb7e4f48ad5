package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.UsageIndex;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * {@code not-null-dropped}: a new changeset makes a column nullable that the previous release reads. Once the new
 * release writes NULLs there, the previous release may read a value it assumed could never be missing.
 */
public final class NotNullDroppedRule extends AbstractRule {

    public static final String ID = "not-null-dropped";

    public NotNullDroppedRule() {
        super(ID, Severity.RISKY, "Makes a column nullable that the previous release reads");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DropNotNull drop)) {
            return List.of();
        }
        // an already nullable column changes nothing; a column the model does not know may have been NOT NULL
        var before = context.before().column(drop.table(), drop.column());
        if (before.isPresent() && before.get().nullable()) {
            return List.of();
        }
        var previous = previousColumn(context, drop.table(), drop.column());
        if (previous.isEmpty()) {
            return List.of();
        }
        var column = previous.get();
        var readers = context.usage().columnRefs(column.table(), column.column()).stream()
                .filter(r -> r.access() == QueryUsage.Access.READ).map(UsageIndex.ColumnRef::query).toList();
        var queries = distinct(readers, context.usage().starReadersOf(column.table()));
        if (queries.isEmpty()) {
            return List.of();
        }
        var message = "Makes " + column.display() + " nullable; the previous release reads it (" + evidence(queries)
                + ") and may not expect NULL once the new release writes one (a NullPointerException or a wrong"
                + " default when mapping it).";
        var fix = "Expand/contract: drop the NOT NULL now, but let the new release keep writing a value until no"
                + " release in the rollback window reads " + column.column() + " as mandatory; only then start"
                + " writing NULLs.";
        return List.of(violation(FindingObject.column(column.table(), column.column()), message, fix, queries));
    }
}
