package io.github.rollbacksafety.query;

/**
 * One previous-release query (or mapping turned into statements) with where it came from.
 *
 * @param sql      the statement text as found (placeholders included)
 * @param location where it was found
 * @param kind     the kind of source, for coverage
 */
public record Query(String sql, SourceLocation location, QuerySourceKind kind) {

    /** The statement shortened to one line for messages. */
    public String shortSql(int max) {
        var oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
