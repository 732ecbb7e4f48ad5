package io.github.rollbacksafety.query.mybatis;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes MyBatis/Spring-style placeholders parseable: {@code #{x}} (a bind value) becomes {@code ?}; {@code ${x}}
 * (text substitution, often a table or column name) becomes {@code ?} where a value is expected and an
 * identifier {@value #MARKER} elsewhere, so that {@code FROM ${table}} still parses. The walker ignores names
 * containing the marker: nobody can know what they stand for.
 */
public final class MyBatisPlaceholders {

    /** The identifier substituted for a {@code ${...}} in a name position. */
    static final String MARKER = "rbs_placeholder";

    private static final Pattern PLACEHOLDER = Pattern.compile("[#$]\\{[^{}]*}");
    /** Keywords after which a value is expected. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("limit", "offset", "like", "ilike", "in", "then",
            "else", "when", "and", "or", "not", "between", "is", "top", "fetch", "first", "values", "return");

    private MyBatisPlaceholders() {
    }

    public static String replace(String sql) {
        if (sql.indexOf('{') < 0) {
            return sql;
        }
        var m = PLACEHOLDER.matcher(sql);
        var out = new StringBuilder(sql.length());
        int last = 0;
        while (m.find()) {
            out.append(sql, last, m.start());
            boolean bind = sql.charAt(m.start()) == '#';
            out.append(bind || valueExpected(sql, m.start()) ? "?" : MARKER);
            last = m.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }

    /** Whether the text before {@code at} ends with an operator, an opening bracket, a comma or a value keyword. */
    private static boolean valueExpected(String sql, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = sql.charAt(i);
        if ("=<>(,+-*/%|".indexOf(c) >= 0) {
            return true;
        }
        if (i == at - 1) {
            // glued to the previous token (orders_${suffix}, '${x}', t.${col}): part of a name or literal
            return false;
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(sql.charAt(i))) {
            i--;
        }
        return VALUE_KEYWORDS.contains(sql.substring(i + 1, end).toLowerCase(Locale.ROOT));
    }

    public static boolean isPlaceholder(String normalizedName) {
        return normalizedName.contains(MARKER);
    }
}
