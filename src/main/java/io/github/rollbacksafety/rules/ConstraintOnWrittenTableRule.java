package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;
import java.util.Optional;

/**
 * The shape shared by the constraint rules: a new constraint on a table the previous release writes may reject
 * rows that release still writes. Subclasses say which op they look at and how to word it.
 */
abstract class ConstraintOnWrittenTableRule extends AbstractRule {

    ConstraintOnWrittenTableRule(String id, String summary) {
        super(id, Severity.RISKY, summary);
    }

    /** The constrained table when the op adds this rule's kind of constraint. */
    abstract Optional<String> constrainedTable(SchemaOp op);

    /** The constraint in words, e.g. {@code "a unique constraint on orders(email)"}. */
    abstract String describe(SchemaOp op, String previousTable);

    /** What of the previous release's writes may now fail. */
    abstract String rejected();

    abstract String fix(String previousTable);

    @Override
    public final List<Violation> check(PlannedChange change, RuleContext context) {
        var table = constrainedTable(change.op());
        var previous = table.flatMap(context::previousTable);
        if (previous.isEmpty()) {
            return List.of();
        }
        var writers = context.usage().writersOf(previous.get());
        if (writers.isEmpty()) {
            return List.of();
        }
        var message = "Adds " + describe(change.op(), previous.get()) + "; the previous release writes "
                + previous.get() + " (" + evidence(writers) + ") and " + rejected() + " now fail.";
        return List.of(violation(FindingObject.table(previous.get()), message, fix(previous.get()), writers));
    }
}
