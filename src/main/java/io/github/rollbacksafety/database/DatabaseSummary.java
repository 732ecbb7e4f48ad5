package io.github.rollbacksafety.database;

import io.github.rollbacksafety.query.Query;

import java.util.List;
import java.util.Set;

/**
 * The database check's part of a report: the database used, the release it checked against (the newest of the
 * rollback window) and every statement's static and dynamic verdicts side by side.
 *
 * @param database how the database is named
 * @param release  the previous release the comparison is about
 * @param queries  one comparison per statement
 */
public record DatabaseSummary(String database, String release, List<QueryComparison> queries) {

    public DatabaseSummary {
        queries = List.copyOf(queries);
    }

    /**
     * Puts the database's verdicts next to the static check's.
     *
     * @param outcome  the database check's outcome
     * @param flagged  statements named by a BREAKING static finding
     * @param unparsed statements the static parser could not understand
     */
    public static DatabaseSummary compare(DatabaseOutcome outcome, Set<Query> flagged, Set<Query> unparsed) {
        var comparisons = outcome.verdicts().stream().map(v -> new QueryComparison(v.query(),
                unparsed.contains(v.query()) ? QueryComparison.StaticVerdict.NOT_UNDERSTOOD
                        : flagged.contains(v.query()) ? QueryComparison.StaticVerdict.FLAGGED
                        : QueryComparison.StaticVerdict.PASSED, v)).toList();
        return new DatabaseSummary(outcome.database(), outcome.release(), comparisons);
    }

    public long count(QueryVerdict.Verdict verdict) {
        return queries.stream().filter(q -> q.dynamic().verdict() == verdict).count();
    }

    /** Statements the static check could not read but the database could decide. */
    public long verifiedOnlyDynamically() {
        return queries.stream().filter(QueryComparison::verifiedOnlyDynamically).count();
    }

    public List<QueryComparison> disagreements() {
        return queries.stream().filter(q -> q.disagreement().isPresent()).toList();
    }
}
