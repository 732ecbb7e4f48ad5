package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.Optional;

/** {@code check-constraint-added}: a check constraint on a table the previous release writes. */
public final class CheckConstraintAddedRule extends ConstraintOnWrittenTableRule {

    public static final String ID = "check-constraint-added";

    public CheckConstraintAddedRule() {
        super(ID, "Adds a check constraint on a table the previous release writes");
    }

    @Override
    Optional<String> constrainedTable(SchemaOp op) {
        return op instanceof SchemaOp.AddCheck c ? Optional.of(c.table()) : Optional.empty();
    }

    @Override
    String describe(SchemaOp op, String previousTable) {
        return "a check constraint on " + previousTable + " (" + ((SchemaOp.AddCheck) op).condition() + ")";
    }

    @Override
    String rejected() {
        return "its writes of rows that violate the condition";
    }

    @Override
    String fix(String previousTable) {
        return "Expand/contract: first release an application whose writes to " + previousTable + " always satisfy"
                + " the condition and fix existing rows; add the check in a later release (on PostgreSQL: NOT VALID"
                + " first, then VALIDATE CONSTRAINT).";
    }
}
