package io.github.rollbacksafety.rules;

/**
 * A new changeset fails when a real database applies it after the previous release's changelog (the database
 * check, {@code database=postgresql|h2|jdbc:...}). Findings come from the database, not from the static model:
 * {@link #check} finds nothing.
 */
public final class MigrationFailsRule extends AbstractRule {

    public static final String ID = "migration-fails";

    public MigrationFailsRule() {
        super(ID, Severity.BREAKING, "A new changeset fails on a real database that holds the previous release's schema");
    }
}
