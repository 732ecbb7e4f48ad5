package io.github.rollbacksafety.query;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PostgreSQL's {@code COPY} (and psql's {@code \copy}), which JSqlParser does not parse, as the DML it amounts to
 * for the schema check: {@code COPY t (a, b) FROM ...} writes those columns like {@code INSERT INTO t (a, b)}, and
 * without a column list it fills every column in table order, like a positional {@code INSERT INTO t VALUES};
 * {@code COPY t (a, b) TO ...} reads them like {@code SELECT a, b FROM t} ({@code *} without a list), and
 * {@code COPY (query) TO ...} is the query.
 */
final class CopyCommand {

    private static final Pattern TABLE_FORM = Pattern.compile(
            "(?is)\\A\\s*\\\\?copy\\s+(?:only\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))*)"
                    + "\\s*(?:\\(([^)]*)\\))?\\s*(from|to)\\b.*");
    private static final Pattern QUERY_FORM = Pattern.compile("(?is)\\A\\s*\\\\?copy\\s*\\(");

    private CopyCommand() {
    }

    /** The equivalent SELECT or INSERT when {@code sql} is a COPY command, else empty. */
    static Optional<String> asDml(String sql) {
        var query = QUERY_FORM.matcher(sql);
        if (query.lookingAt()) {
            int open = query.end() - 1;
            int close = closing(sql, open);
            return close < 0 ? Optional.empty() : Optional.of(sql.substring(open + 1, close));
        }
        var m = TABLE_FORM.matcher(sql);
        if (!m.matches()) {
            return Optional.empty();
        }
        var table = m.group(1);
        var columns = m.group(2) == null ? "" : m.group(2).strip();
        if (m.group(3).equalsIgnoreCase("to")) {
            return Optional.of("SELECT " + (columns.isEmpty() ? "*" : columns) + " FROM " + table);
        }
        if (columns.isEmpty()) {
            return Optional.of("INSERT INTO " + table + " VALUES (?)");
        }
        var values = "?" + ", ?".repeat(columns.split(",").length - 1);
        return Optional.of("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")");
    }

    /** The bracket closing the one at {@code open}, outside string literals; -1 when there is none. */
    private static int closing(String sql, int open) {
        int depth = 0;
        boolean literal = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                literal = !literal;
            } else if (!literal && c == '(') {
                depth++;
            } else if (!literal && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
