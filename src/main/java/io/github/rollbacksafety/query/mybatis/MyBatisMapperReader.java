package io.github.rollbacksafety.query.mybatis;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.XmlTree.Element;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads MyBatis mapper XML: every {@code select/insert/update/delete} becomes one SQL statement with its dynamic
 * SQL flattened so that every column any branch can touch is in it (all {@code if}/{@code choose} branches
 * concatenated, {@code where}/{@code set}/{@code trim} applied with their leading and trailing fixes,
 * {@code foreach} bodies once, {@code include} resolved, {@code bind} dropped). {@code #{}}/{@code ${}} are left
 * for the SQL extractor. The columns of a {@code resultMap} used by a statement on a single table are reported
 * as a read of that table.
 */
public final class MyBatisMapperReader {

    private static final Set<String> STATEMENTS = Set.of("select", "insert", "update", "delete");
    private static final Pattern LEADING_AND_OR = Pattern.compile("(?i)\\A\\s*(?:and|or)\\b");
    private static final Pattern TRAILING_COMMA = Pattern.compile(",\\s*\\z");
    private static final Pattern SINGLE_TABLE = Pattern.compile(
            "(?is)\\bfrom\\s+([\\w.\"`]+)(?:\\s+(?:as\\s+)?\\w+)?\\s*(?:where\\b|order\\b|group\\b|limit\\b|\\z)");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** Whether a document is a MyBatis mapper (root {@code <mapper>}). */
    public static boolean isMapper(Element root) {
        return root.name().equals("mapper");
    }

    /** Reports the statements of one mapper. */
    public void read(Element mapper, String file, QueryCollector collector) {
        var namespace = mapper.attr("namespace");
        var fragments = new HashMap<String, Element>();
        var resultMaps = new HashMap<String, Element>();
        for (var e : mapper.elements()) {
            if (e.name().equals("sql")) {
                fragments.put(e.attr("id"), e);
                fragments.put(namespace + "." + e.attr("id"), e);
            } else if (e.name().equals("resultMap")) {
                resultMaps.put(e.attr("id"), e);
                resultMaps.put(namespace + "." + e.attr("id"), e);
            }
        }
        var member = namespace.isEmpty() ? "" : namespace + "#";
        var reported = new LinkedHashSet<String>();
        for (var e : mapper.elements()) {
            if (!STATEMENTS.contains(e.name())) {
                continue;
            }
            var location = new SourceLocation(file, e.line(), member.isEmpty() ? e.attr("id") : member + e.attr("id"));
            for (var key : e.elements("selectKey")) {
                collector.sql(new Query(flatten(key, fragments, 0), new SourceLocation(file, key.line(),
                        location.member()), QuerySourceKind.MYBATIS_XML));
            }
            var sql = flatten(e, fragments, 0);
            collector.sql(new Query(sql, location, QuerySourceKind.MYBATIS_XML));
            var map = resultMaps.get(e.attr("resultMap"));
            if (map != null) {
                resultMapRead(map, sql, file, member, collector, reported);
            }
        }
    }

    private static void resultMapRead(Element map, String sql, String file, String member, QueryCollector collector,
                                      Set<String> reported) {
        var m = SINGLE_TABLE.matcher(sql);
        if (!m.find() || sql.toLowerCase(Locale.ROOT).contains(" join ")) {
            return;
        }
        var columns = new LinkedHashSet<String>();
        collectColumns(map, columns);
        var table = m.group(1);
        if (columns.isEmpty() || !reported.add(map.attr("id") + "@" + table)) {
            return;
        }
        var text = "SELECT " + String.join(", ", columns) + " FROM " + table;
        collector.sql(new Query(text, new SourceLocation(file, map.line(), member + map.attr("id")),
                QuerySourceKind.MYBATIS_XML));
    }

    private static void collectColumns(Element e, Set<String> columns) {
        var column = e.attr("column");
        // composite columns "{prop=col,...}" pass values to nested selects: each col is read
        if (column.startsWith("{")) {
            for (var part : column.substring(1, column.length() - 1).split(",")) {
                int eq = part.indexOf('=');
                columns.add(part.substring(eq + 1).strip());
            }
        } else if (!column.isEmpty() && e.attr("columnPrefix").isEmpty()) {
            columns.add(column);
        }
        for (var child : e.elements()) {
            if (child.attr("columnPrefix").isEmpty() && child.attr("resultMap").isEmpty()) {
                collectColumns(child, columns);
            }
        }
    }

    /** The SQL of a {@code <script>} annotation value, flattened like a mapper statement. */
    public static String flattenScript(Element script) {
        return flatten(script, Map.of(), 0);
    }

    static String flatten(Element e, Map<String, Element> fragments, int depth) {
        var sb = new StringBuilder();
        append(sb, e, fragments, depth);
        return BLANKS.matcher(sb).replaceAll(" ").strip();
    }

    private static void append(StringBuilder sb, Element e, Map<String, Element> fragments, int depth) {
        for (var c : e.children()) {
            if (c instanceof String s) {
                sb.append(s);
                continue;
            }
            var child = (Element) c;
            switch (child.name()) {
                case "include" -> {
                    var fragment = fragments.get(child.attr("refid"));
                    if (fragment != null && depth < MAX_INCLUDE_DEPTH) {
                        sb.append(' ');
                        append(sb, fragment, fragments, depth + 1);
                        sb.append(' ');
                    }
                }
                case "where" -> {
                    var inner = inner(child, fragments, depth);
                    if (!inner.isBlank()) {
                        sb.append(" WHERE ").append(LEADING_AND_OR.matcher(inner).replaceFirst("")).append(' ');
                    }
                }
                case "set" -> {
                    var inner = inner(child, fragments, depth);
                    if (!inner.isBlank()) {
                        sb.append(" SET ").append(TRAILING_COMMA.matcher(inner.strip()).replaceFirst("")).append(' ');
                    }
                }
                case "trim" -> trim(sb, child, fragments, depth);
                case "foreach" -> sb.append(' ').append(child.attr("open")).append(inner(child, fragments, depth))
                        .append(child.attr("close")).append(' ');
                case "bind", "selectKey", "property" -> {
                    // no SQL text of the statement itself
                }
                default -> {
                    // if, choose, when, otherwise and anything unknown: their text counts
                    sb.append(' ');
                    append(sb, child, fragments, depth);
                    sb.append(' ');
                }
            }
        }
    }

    private static String inner(Element e, Map<String, Element> fragments, int depth) {
        var sb = new StringBuilder();
        append(sb, e, fragments, depth);
        return BLANKS.matcher(sb).replaceAll(" ").strip();
    }

    private static void trim(StringBuilder sb, Element e, Map<String, Element> fragments, int depth) {
        var inner = inner(e, fragments, depth);
        if (inner.isBlank()) {
            return;
        }
        inner = strip(inner, e.attr("prefixOverrides"), true);
        inner = strip(inner, e.attr("suffixOverrides"), false);
        sb.append(' ').append(e.attr("prefix")).append(' ').append(inner).append(' ').append(e.attr("suffix"))
                .append(' ');
    }

    private static String strip(String text, String overrides, boolean leading) {
        if (overrides.isEmpty()) {
            return text;
        }
        for (var o : List.of(overrides.split("\\|"))) {
            var token = o.strip();
            if (token.isEmpty()) {
                continue;
            }
            var upper = text.toUpperCase(Locale.ROOT);
            var t = token.toUpperCase(Locale.ROOT);
            if (leading && upper.startsWith(t)) {
                return text.substring(token.length()).strip();
            }
            if (!leading && upper.endsWith(t)) {
                return text.substring(0, text.length() - token.length()).strip();
            }
        }
        return text;
    }
}
