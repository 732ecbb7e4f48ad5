package io.github.rollbacksafety.query.mybatis;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes MyBatis/Spring-style placeholders parseable. {@code #{x}} (a bind value) becomes {@code ?}. {@code ${x}}
 * (text substitution) is judged by where it stands, because real mappers use it in three ways:
 * <ul>
 * <li>glued to the front of a name ({@code ${prefix}ACT_RU_TASK}, {@code ${schema}.orders},
 * {@code ${alias}.ID_}): an unknown prefix or schema. It is dropped and the rest of the name is matched;
 * joined by an underscore ({@code ${tenant}_orders}) or at the end ({@code orders_${year}}) it makes the whole
 * name unknown;</li>
 * <li>where a value or a name is expected ({@code = ${x}}, {@code LIMIT ${n}}, {@code FROM ${table}},
 * {@code ORDER BY ${sort}}): {@code ?} for a value, the identifier {@value #MARKER} for a name, which the walker
 * ignores (nobody can know what it stands for);</li>
 * <li>anywhere else, a clause the application splices in ({@code ${limitBefore} SELECT ...},
 * {@code RES.* ${limitBetween}}, {@code ... ${orderBy}}): dropped, so that the statement around it parses.</li>
 * </ul>
 * Values declared in the MyBatis configuration are substituted before, by {@link #resolve(String, Map)}.
 */
public final class MyBatisPlaceholders {

    /** The identifier substituted for a {@code ${...}} in a name position. */
    static final String MARKER = "rbs_placeholder";

    /**
     * The schema written for {@code ${schema}.name} by {@link #replaceMarkingSchemas}: a schema nobody can know, so
     * that the name matches in any schema (and a column {@code ${alias}.ID_} stays unqualified).
     */
    public static final String ANY_SCHEMA = "rbs_any_schema";

    /** Keywords after which a value is expected. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("limit", "offset", "like", "ilike", "in", "then",
            "else", "when", "and", "or", "not", "between", "is", "top", "fetch", "first", "values", "return",
            "escape", "rows");
    /** Keywords after which a name (table, column or expression) is expected. */
    private static final Set<String> NAME_KEYWORDS = Set.of("from", "join", "into", "update", "table", "select",
            "distinct", "by", "where", "set", "on", "having", "using", "as", "truncate", "merge");

    private MyBatisPlaceholders() {
    }

    /**
     * Substitutes {@code ${name}} placeholders whose value is declared (MyBatis {@code <properties>}, an
     * {@code <include>}'s {@code <property>}); others stay as they are.
     */
    public static String resolve(String sql, Map<String, String> properties) {
        if (properties.isEmpty() || !sql.contains("${")) {
            return sql;
        }
        var out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            int start = sql.indexOf("${", i);
            int end = start < 0 ? -1 : sql.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(sql, i, sql.length());
                break;
            }
            var name = sql.substring(start + 2, end).strip();
            int colon = name.indexOf(':');
            var key = colon > 0 ? name.substring(0, colon) : name;
            var value = properties.get(key);
            out.append(sql, i, start).append(value != null ? value : sql.substring(start, end + 1));
            i = end + 1;
        }
        return out.toString();
    }

    /** The statement with every placeholder replaced as described above. */
    public static String replace(String sql) {
        return replace(sql, false);
    }

    /**
     * Like {@link #replace(String)}, but {@code ${schema}.name} becomes {@code rbs_any_schema.name} (see
     * {@link #ANY_SCHEMA}) instead of the bare name: for reading usage, not for text sent to a database.
     */
    public static String replaceMarkingSchemas(String sql) {
        return replace(sql, true);
    }

    private static String replace(String sql, boolean markSchemas) {
        if (sql.indexOf('{') < 0) {
            return sql;
        }
        var out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if ((c == '#' || c == '$') && i + 1 < sql.length() && sql.charAt(i + 1) == '{') {
                int end = closing(sql, i + 1);
                if (end < 0) {
                    out.append(sql, i, sql.length());
                    break;
                }
                if (c == '#') {
                    out.append('?');
                    i = end + 1;
                } else {
                    i = substitution(sql, end + 1, out, markSchemas);
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the brace closing the one at {@code open} (nested braces counted), or -1. */
    private static int closing(String sql, int open) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Writes what stands for a {@code ${...}} ending just before {@code next}; returns where to continue. */
    private static int substitution(String sql, int next, StringBuilder out, boolean markSchemas) {
        int n = out.length();
        // name_${suffix}, or alias.${column}: part of a name
        boolean gluedBefore = n > 0 && (isNamePart(out.charAt(n - 1))
                || out.charAt(n - 1) == '.' && n > 1 && isNamePart(out.charAt(n - 2)));
        if (next < sql.length() && !gluedBefore) {
            char after = sql.charAt(next);
            if (after == '_') {
                out.append(MARKER); // ${tenant}_orders: joined by a separator, the name itself is unknown
                return next;
            }
            if (isNamePart(after) || after == '"' || after == '`' || after == '[') {
                return next; // ${prefix}NAME: an unknown prefix, the rest is the name
            }
            if (after == '.' && next + 1 < sql.length() && (isNamePart(sql.charAt(next + 1))
                    || sql.charAt(next + 1) == '"')) {
                if (markSchemas) {
                    out.append(ANY_SCHEMA).append('.');
                }
                return next + 1; // ${schema}.name
            }
        }
        if (gluedBefore) {
            out.append(MARKER); // name_${suffix}: part of a name nobody can know
            return next;
        }
        var expected = expected(out);
        if (expected == Expected.VALUE && startsQuery(sql, next)) {
            expected = Expected.NOTHING; // "( ${limitBefore} SELECT": a spliced-in clause before a subquery
        }
        if (expected == Expected.VALUE) {
            out.append('?');
        } else if (expected == Expected.NAME) {
            out.append(MARKER);
        } else {
            out.append(' '); // a spliced-in clause: whatever it is, the statement around it stands without it
        }
        return next;
    }

    private static boolean startsQuery(String sql, int from) {
        var rest = sql.substring(from, Math.min(sql.length(), from + 12)).stripLeading().toLowerCase(Locale.ROOT);
        return rest.startsWith("select ") || rest.startsWith("with ") || rest.startsWith("select\n");
    }

    private enum Expected { VALUE, NAME, NOTHING }

    /** Whether the text so far expects a value next (after an operator, a bracket, a comma, AND, LIKE, IN...). */
    public static boolean expectsValue(CharSequence before) {
        return expected(before) == Expected.VALUE;
    }

    /** What the text so far expects next: a value (after an operator), a name (after FROM...), or nothing. */
    private static Expected expected(CharSequence before) {
        int i = before.length() - 1;
        while (i >= 0 && Character.isWhitespace(before.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return Expected.NOTHING;
        }
        char c = before.charAt(i);
        if ("=<>(,+-*/%|".indexOf(c) >= 0) {
            // "RES.*" ends a select item, a lone "*" after SELECT is a name
            return c == '*' && i > 0 && before.charAt(i - 1) == '.' ? Expected.NOTHING : Expected.VALUE;
        }
        if (!Character.isLetter(c)) {
            return Expected.NOTHING;
        }
        int end = i + 1;
        while (i >= 0 && isNamePart(before.charAt(i))) {
            i--;
        }
        var word = before.subSequence(i + 1, end).toString().toLowerCase(Locale.ROOT);
        if (VALUE_KEYWORDS.contains(word)) {
            return Expected.VALUE;
        }
        return NAME_KEYWORDS.contains(word) ? Expected.NAME : Expected.NOTHING;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    public static boolean isPlaceholder(String normalizedName) {
        return normalizedName.contains(MARKER);
    }
}
