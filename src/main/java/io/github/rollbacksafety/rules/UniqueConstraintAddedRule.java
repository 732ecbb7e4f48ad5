package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.Optional;

/** {@code unique-constraint-added}: a unique constraint or unique index on a table the previous release writes. */
public final class UniqueConstraintAddedRule extends ConstraintOnWrittenTableRule {

    public static final String ID = "unique-constraint-added";

    public UniqueConstraintAddedRule() {
        super(ID, "Adds a unique constraint or index on a table the previous release writes");
    }

    @Override
    Optional<String> constrainedTable(SchemaOp op) {
        return op instanceof SchemaOp.AddUnique u ? Optional.of(u.table()) : Optional.empty();
    }

    @Override
    String describe(SchemaOp op, String previousTable) {
        var unique = (SchemaOp.AddUnique) op;
        return "a unique constraint" + unique.name().map(n -> " " + n).orElse("") + " on " + previousTable
                + unique.columns();
    }

    @Override
    String rejected() {
        return "its inserts or updates that write a duplicate value";
    }

    @Override
    String fix(String previousTable) {
        return "Expand/contract: first release an application that never writes duplicates to " + previousTable
                + " (check before insert, or upsert), clean up existing duplicates, and add the constraint in a"
                + " later release (on PostgreSQL: CREATE UNIQUE INDEX CONCURRENTLY, then attach it).";
    }
}
