package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.Optional;

/** {@code foreign-key-added}: a foreign key on a table the previous release writes. */
public final class ForeignKeyAddedRule extends ConstraintOnWrittenTableRule {

    public static final String ID = "foreign-key-added";

    public ForeignKeyAddedRule() {
        super(ID, "Adds a foreign key on a table the previous release writes");
    }

    @Override
    Optional<String> constrainedTable(SchemaOp op) {
        return op instanceof SchemaOp.AddForeignKey fk ? Optional.of(fk.table()) : Optional.empty();
    }

    @Override
    String describe(SchemaOp op, String previousTable) {
        var fk = (SchemaOp.AddForeignKey) op;
        return "a foreign key " + previousTable + fk.columns() + " -> " + fk.referencedTable()
                + fk.referencedColumns();
    }

    @Override
    String rejected() {
        return "its writes of values without a matching referenced row (or in the wrong order)";
    }

    @Override
    String fix(String previousTable) {
        return "Expand/contract: first release an application that only writes valid references to " + previousTable
                + " and clean up orphans; add the foreign key in a later release (on PostgreSQL: NOT VALID first,"
                + " then VALIDATE CONSTRAINT).";
    }
}
