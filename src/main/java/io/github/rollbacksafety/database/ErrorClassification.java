package io.github.rollbacksafety.database;

import java.util.Set;

/**
 * What a database error means for the check: a real break of the previous release, or inconclusive (the database,
 * its dialect or its environment cannot tell). A false break is the worst outcome, so only errors that say "this
 * name or shape no longer exists" count as breaks; everything else is inconclusive. Callers apply it only to
 * queries that described cleanly on the previous release's schema, so dialect noise never reaches it for queries.
 */
public final class ErrorClassification {

    /** The verdict of one error. */
    public enum Outcome { BREAK, INCONCLUSIVE }

    /** Where the error happened. */
    public enum Stage {
        /** Describing a previous-release query against the new schema. */
        QUERY,
        /** Applying a new changeset. */
        MIGRATION
    }

    /** PostgreSQL (and servers speaking its SQLSTATEs): a query no longer resolves against the schema. */
    private static final Set<String> POSTGRES_QUERY_BREAKS = Set.of(
            "42703", // undefined_column
            "42P01", // undefined_table
            "42883", // undefined_function (a dropped function, or an operator on a changed type)
            "42704", // undefined_object (a dropped type, e.g. an enum the query casts to)
            "42702", // ambiguous_column (a new column makes an unqualified reference ambiguous)
            "42804", // datatype_mismatch (a changed column type)
            "42846", // cannot_coerce
            "42809", // wrong_object_type (e.g. a sequence replaced by a table)
            "42P10"); // invalid_column_reference (ON CONFLICT target lost its unique constraint)

    /** Untyped parameters: the statement may be fine, the describe cannot tell. */
    private static final Set<String> UNTYPED_PARAMETERS = Set.of("42P18", "42725");

    /** H2 (and MySQL, SQL Server...): the standard "not found" states, and H2's own for sequences and schemas. */
    private static final Set<String> NOT_FOUND = Set.of("42S02", "42S03", "42S04", "42S12", "42S22",
            "90036", "90079", "90022");

    /**
     * SQLSTATE classes of a failing changeset that say more about the throwaway database's environment than about
     * the changeset: missing roles, extensions, files, privileges, features; connection and resource problems.
     */
    private static final Set<String> ENVIRONMENT_STATES = Set.of("42704", "58P01", "0A000", "42501", "3D000",
            "42883", "3F000");
    private static final Set<String> ENVIRONMENT_CLASSES = Set.of("08", "28", "53", "54", "57", "58", "XX", "HY");

    /** H2: a changeset failing on these fails for the same reason on any database (dependent objects, data). */
    private static final Set<String> H2_MIGRATION_BREAKS = Set.of("90083", "90107");

    private ErrorClassification() {
    }

    /**
     * Classifies one error.
     *
     * @param dialect  the database that raised it
     * @param stage    query describe or changeset application
     * @param sqlState the SQLSTATE, or null/empty when the failure was not a database error
     */
    public static Outcome classify(Dialect dialect, Stage stage, String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return Outcome.INCONCLUSIVE;
        }
        var state = sqlState.toUpperCase(java.util.Locale.ROOT);
        if (stage == Stage.QUERY) {
            return switch (dialect) {
                case POSTGRESQL -> POSTGRES_QUERY_BREAKS.contains(state) ? Outcome.BREAK : Outcome.INCONCLUSIVE;
                case H2 -> NOT_FOUND.contains(state) ? Outcome.BREAK : Outcome.INCONCLUSIVE;
                case OTHER -> NOT_FOUND.contains(state) || state.equals("42703") || state.equals("42P01")
                        ? Outcome.BREAK : Outcome.INCONCLUSIVE;
            };
        }
        if (dialect == Dialect.H2) {
            return H2_MIGRATION_BREAKS.contains(state) || state.startsWith("23") ? Outcome.BREAK
                    : Outcome.INCONCLUSIVE;
        }
        return ENVIRONMENT_STATES.contains(state) || ENVIRONMENT_CLASSES.contains(state.substring(0, 2))
                ? Outcome.INCONCLUSIVE : Outcome.BREAK;
    }

    /** Whether a describe failed only because parameters have no type (retry with typed parameters). */
    public static boolean untypedParameters(String sqlState) {
        return sqlState != null && UNTYPED_PARAMETERS.contains(sqlState.toUpperCase(java.util.Locale.ROOT));
    }
}
