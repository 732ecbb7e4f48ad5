package io.github.rollbacksafety.query;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Template syntax that real code puts into SQL text, rewritten into the MyBatis placeholder forms so that
 * {@link io.github.rollbacksafety.query.mybatis.MyBatisPlaceholders} judges each one by where it stands (a value,
 * a whole name, a prefix or schema glued to a name, a spliced-in clause), one set of rules for every template
 * language:
 * <ul>
 * <li>{@code String.format}/{@code formatted}: {@code %s}, {@code %d}, {@code %1$s} become {@code ${...}};
 * {@code %%} is a {@code %}, {@code %n} a line break;</li>
 * <li>JDBI/StringTemplate {@code <name>} ({@code IN (<ids>)} with {@code @BindList}, {@code FROM <table>},
 * {@code <prefix>orders}) becomes {@code ${name}};</li>
 * <li>{@code MessageFormat} {@code {0}} becomes {@code ${0}};</li>
 * <li>iBATIS 2 {@code #name#} (a bind value) becomes {@code #{name}};</li>
 * <li>a JDBC call escape {@code {call p(?)}} / {@code {? = call p(?)}} becomes {@code CALL p(?)}.</li>
 * </ul>
 * String literals, quoted identifiers and comments are left as they are, except a quoted identifier that is
 * nothing but a template ({@code "%s"}), which stands for an unknown name. Spring's {@code :name} and JDBC's
 * {@code ?} already parse.
 */
final class SqlTemplates {

    private static final Pattern JDBC_CALL = Pattern.compile(
            "(?is)\\A\\s*\\{\\s*(?:\\?\\s*=\\s*)?(call\\s.*?)\\}\\s*;?\\s*\\z");
    /** A format specifier: {@code %s}, {@code %d}, {@code %2$s}, {@code %-10s} (flags and width tolerated). */
    private static final Pattern FORMAT = Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(?:\\.\\d+)?([sSdfx])");
    private static final Pattern ANGLE = Pattern.compile("<([A-Za-z_][A-Za-z0-9_]*)>");
    private static final Pattern BRACED_INDEX = Pattern.compile("\\{(\\d{1,2})(?:,[^}]*)?\\}");
    private static final Pattern IBATIS_VALUE = Pattern.compile("#([A-Za-z_][A-Za-z0-9_.]*(?::[A-Za-z_]+)*)#");

    /**
     * Words JSqlParser reserves (they must be quoted) that PostgreSQL, MySQL and Oracle applications use as plain
     * table and column names ({@code sample} is a core table of OpenELIS), measured against JSqlParser 5.4.
     */
    private static final Set<String> RESTRICTED_NAMES = Set.of("sample", "unknown", "final", "errors", "csv",
            "import", "extend", "includes", "excludes", "fbv", "preferring", "prior", "current", "double");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private SqlTemplates() {
    }

    /**
     * The statement with the {@link #RESTRICTED_NAMES} quoted where they stand as names (not called as functions),
     * for a second parse after the first failed; the statement itself when it has none. Quoted in lower case, the
     * name an unquoted identifier folds to.
     */
    static String quoteRestrictedNames(String sql) {
        var out = new StringBuilder(sql.length() + 16);
        boolean changed = false;
        int i = 0;
        while (i < sql.length()) {
            int skip = skipQuotedOrComment(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            var m = WORD.matcher(sql).region(i, sql.length());
            if ((i == 0 || !isNamePart(sql.charAt(i - 1))) && m.lookingAt()) {
                var word = m.group().toLowerCase(Locale.ROOT);
                if (RESTRICTED_NAMES.contains(word) && !calledAt(sql, m.end())) {
                    out.append('"').append(word).append('"');
                    changed = true;
                } else {
                    out.append(m.group());
                }
                i = m.end();
            } else {
                out.append(c);
                i++;
            }
        }
        return changed ? out.toString() : sql;
    }

    private static boolean calledAt(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '(';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Where a string literal, quoted identifier or comment starting at {@code i} ends; {@code i} when none does. */
    private static int skipQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            return closingQuote(sql, i, c);
        }
        if (c == '-' && sql.startsWith("--", i)) {
            return lineEnd(sql, i);
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            return commentEnd(sql, i);
        }
        return i;
    }

    /** The statement with template syntax rewritten as described above; unchanged when it has none. */
    static String rewrite(String sql) {
        var call = JDBC_CALL.matcher(sql);
        if (call.matches()) {
            sql = call.group(1);
        }
        if (sql.indexOf('%') < 0 && sql.indexOf('<') < 0 && sql.indexOf('{') < 0 && sql.indexOf('#') < 0) {
            return sql;
        }
        var out = new StringBuilder(sql.length() + 16);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int skip = skipQuotedOrComment(sql, i);
            if (skip > i) {
                var whole = c == '"' || c == '`' ? template(sql.substring(i + 1, Math.max(i + 1, skip - 1)), 0) : null;
                out.append(whole != null && whole.end() == skip - i - 2 ? whole.placeholder() : sql.substring(i, skip));
                i = skip;
            } else if (c == '$' && i + 1 < sql.length() && sql.charAt(i + 1) == '{') {
                // a MyBatis placeholder already: copied whole, its contents are not templates
                int end = sql.indexOf('}', i);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '%' && i + 1 < sql.length() && sql.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
            } else if (c == '%' && i + 1 < sql.length() && sql.charAt(i + 1) == 'n'
                    && !(i + 2 < sql.length() && isNamePart(sql.charAt(i + 2)))) {
                out.append('\n');
                i += 2;
            } else {
                var t = template(sql, i);
                if (t != null) {
                    out.append(t.placeholder());
                    i = t.end();
                } else {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** A template starting at {@code at}: what replaces it and where it ends. */
    private record Template(String placeholder, int end) {
    }

    private static Template template(String sql, int at) {
        if (at >= sql.length()) {
            return null;
        }
        char c = sql.charAt(at);
        if (c == '%') {
            var m = FORMAT.matcher(sql).region(at, sql.length());
            if (m.lookingAt() && !followedByLetterOrDigit(sql, m.end())) {
                return new Template("${" + (m.group(1) == null ? "" : m.group(1).replace("$", "")) + m.group(2) + "}",
                        m.end());
            }
        } else if (c == '<') {
            var m = ANGLE.matcher(sql).region(at, sql.length());
            // "a <b> c" with spaces is not a comparison; "<>" and "<=" never match the name pattern
            if (m.lookingAt() && !(m.end() < sql.length() && sql.charAt(m.end()) == '=')) {
                return new Template("${" + m.group(1) + "}", m.end());
            }
        } else if (c == '{') {
            var m = BRACED_INDEX.matcher(sql).region(at, sql.length());
            if (m.lookingAt()) {
                return new Template("${" + m.group(1) + "}", m.end());
            }
        } else if (c == '#' && !(at + 1 < sql.length() && sql.charAt(at + 1) == '{')) {
            var m = IBATIS_VALUE.matcher(sql).region(at, sql.length());
            if (m.lookingAt()) {
                return new Template("#{" + m.group(1) + "}", m.end());
            }
        }
        return null;
    }

    private static boolean followedByLetterOrDigit(String sql, int i) {
        return i < sql.length() && Character.isLetterOrDigit(sql.charAt(i));
    }

    /** The index after the quote closing the one at {@code open} (a doubled quote escapes it). */
    private static int closingQuote(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int lineEnd(String sql, int from) {
        int end = sql.indexOf('\n', from);
        return end < 0 ? sql.length() : end;
    }

    private static int commentEnd(String sql, int from) {
        int end = sql.indexOf("*/", from + 2);
        return end < 0 ? sql.length() : end + 2;
    }
}
