package io.github.rollbacksafety.database;

import io.github.rollbacksafety.query.mybatis.MyBatisPlaceholders;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A previous-release statement made ready for a database to describe: MyBatis {@code #{x}}, JPA {@code ?1} and
 * named {@code :name} parameters become {@code ?}, a trailing semicolon goes. Only queries and data changes are
 * described; DDL and session commands are not what the previous release runs against the schema.
 */
final class StatementText {

    private static final Set<String> DESCRIBABLE = Set.of("select", "insert", "update", "delete", "with", "merge",
            "values", "table", "(");

    private StatementText() {
    }

    /** The statement to describe, or empty when it is not a query or data change. */
    static Optional<String> describable(String raw) {
        var sql = parameters(MyBatisPlaceholders.replace(raw)).strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        var first = firstWord(sql);
        return DESCRIBABLE.contains(first) ? Optional.of(sql) : Optional.empty();
    }

    private static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length()) {
            if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else {
                break;
            }
        }
        if (i < sql.length() && sql.charAt(i) == '(') {
            return "(";
        }
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toLowerCase(Locale.ROOT);
    }

    /** {@code :name} and {@code ?1} outside literals, quoted names and comments become {@code ?}; {@code ::} casts stay. */
    static String parameters(String sql) {
        var out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                int end = nl < 0 ? sql.length() : nl;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                out.append('?');
                i = end;
            } else if (c == '?' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                out.append('?');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
