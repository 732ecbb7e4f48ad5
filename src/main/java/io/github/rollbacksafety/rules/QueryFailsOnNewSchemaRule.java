package io.github.rollbacksafety.rules;

/**
 * A previous-release statement that a real database described cleanly on the previous schema fails to describe on
 * the new one (the database check). Findings come from the database: {@link #check} finds nothing.
 */
public final class QueryFailsOnNewSchemaRule extends AbstractRule {

    public static final String ID = "query-fails-on-new-schema";

    public QueryFailsOnNewSchemaRule() {
        super(ID, Severity.BREAKING, "A previous-release query that works on the previous schema fails on the new one,"
                + " as a real database says");
    }
}
