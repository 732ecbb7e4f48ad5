package io.github.rollbacksafety.database;

import io.github.rollbacksafety.query.Query;

/**
 * What the database said about one previous-release statement.
 *
 * @param query    the statement as the static check collected it
 * @param verdict  the database's verdict
 * @param sqlState the SQLSTATE of the failure, empty when it passed or was not checked
 * @param message  the database's message, or why the statement was not checked or is inconclusive
 */
public record QueryVerdict(Query query, Verdict verdict, String sqlState, String message) {

    /** The database's verdict on a statement. */
    public enum Verdict {
        /** Described cleanly against the new schema (and its inserts name every required column). */
        OK,
        /** Worked on the previous release's schema, fails on the new one. */
        BROKEN,
        /** The database cannot tell: untyped parameters, dialect, or it fails on the previous schema already. */
        INCONCLUSIVE,
        /** Not a query the database can describe (DDL, JPQL, a mapping), or the check could not run. */
        NOT_CHECKED
    }

    static QueryVerdict ok(Query query) {
        return new QueryVerdict(query, Verdict.OK, "", "");
    }
}
