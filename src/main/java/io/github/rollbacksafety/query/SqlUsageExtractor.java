package io.github.rollbacksafety.query;

/**
 * Parses one previous-release SQL statement with JSqlParser and works out what it reads and writes:
 * tables, columns (aliases, CTEs, subqueries, UNION and unqualified columns resolved against the tables in
 * scope), inserts with their column lists, {@code *} reads and sequences. Thread-safe.
 */
public final class SqlUsageExtractor {

    /**
     * @throws UnparsableQueryException when the statement does not parse (or exceeds the parse budget)
     */
    public QueryUsage extract(Query query) throws UnparsableQueryException {
        throw new UnparsableQueryException("not implemented yet");
    }
}
