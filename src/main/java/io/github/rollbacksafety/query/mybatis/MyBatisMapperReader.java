package io.github.rollbacksafety.query.mybatis;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.XmlTree.Element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the MyBatis mappers of a release: every {@code select/insert/update/delete} becomes one SQL statement with
 * its dynamic SQL flattened so that every column any branch can touch is in it (the union of all {@code if},
 * {@code choose} and {@code foreach} branches, joined so that the result parses: {@code AND} between conditions,
 * a comma between list items; {@code where/set/trim} applied with their fixes; {@code bind} dropped).
 *
 * <p>Mappers are added one by one and read together in {@link #emit}, because real applications spread them over
 * files: {@code <include refid="ns.id">} is resolved across mappers (with the include's {@code <property>} values
 * substituted in the fragment), {@code ${name}} placeholders are resolved from the {@code <properties>} of a
 * MyBatis configuration file ({@link #addConfiguration}), and of statements that differ by {@code databaseId} the
 * one for the checked database is read ({@code dbms}), else the one without a {@code databaseId}. Branches that
 * test {@code _databaseId} are read only for that database. {@code #{}} and unresolved {@code ${}} are left for
 * the SQL extractor ({@link MyBatisPlaceholders}). The columns of a {@code resultMap} used by a statement on a
 * single table are reported as a read of that table.
 */
public final class MyBatisMapperReader {

    private static final Set<String> STATEMENTS = Set.of("select", "insert", "update", "delete");
    private static final Pattern LEADING_AND_OR = Pattern.compile("(?i)\\A\\s*(?:and|or)\\b");
    private static final Pattern TRAILING_COMMA = Pattern.compile(",\\s*\\z");
    private static final Pattern SINGLE_TABLE = Pattern.compile(
            "(?is)\\bfrom\\s+([\\w.\"`]+)(?:\\s+(?:as\\s+)?\\w+)?\\s*(?:where\\b|order\\b|group\\b|limit\\b|\\z)");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\A\\s*\\$\\{[^}]*}\\s*\\z");
    private static final Pattern DATABASE_ID_TEST = Pattern.compile(
            "_databaseId\\s*(==|!=|eq|neq)\\s*['\"]([^'\"]*)['\"]");
    /** The last clause keyword before a junction decides how two branches are joined. */
    private static final Pattern CLAUSE = Pattern.compile(
            "(?i)\\b(select|from|where|set|order\\s+by|group\\s+by|having|on|values|join)\\b");
    /** Words after which (or before which) no operand stands, so no AND or comma is needed at a junction. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "where", "set", "select", "from", "by",
            "on", "in", "is", "like", "between", "when", "then", "else", "case", "join", "inner", "left", "right",
            "outer", "full", "cross", "as", "distinct", "values", "into", "update", "delete", "insert", "having",
            "union", "all", "exists", "with", "group", "order", "limit", "offset", "escape", "top", "end", "asc",
            "desc", "returning", "for", "fetch", "intersect", "except", "minus", "using", "natural", "lateral");
    /** Leftovers of flattening that no database would accept, with their repair. */
    private static final List<Map.Entry<Pattern, String>> REPAIRS = List.of(
            Map.entry(Pattern.compile("(?i)\\b(where|on|having|when)\\s+(?:(?:and|or)\\s+)+"), "$1 "),
            Map.entry(Pattern.compile("(?i)\\(\\s*(?:and|or)\\s+"), "("),
            Map.entry(Pattern.compile("(?i)\\b(?:and|or)\\s*(\\)|\\z|order\\b|group\\b|limit\\b|union\\b)"), "$1"),
            Map.entry(Pattern.compile("(?i)\\bwhere\\s*(\\)|\\z|order\\b|group\\b|limit\\b|union\\b)"), "$1"),
            Map.entry(Pattern.compile(",\\s*(?=,)"), ""),
            Map.entry(Pattern.compile("(?i),\\s*(\\)|from\\b|where\\b|\\z)"), " $1"),
            Map.entry(Pattern.compile("(?i)\\b(set|select)\\s*,"), "$1 "),
            Map.entry(Pattern.compile("\\(\\s*,"), "("));
    private static final int MAX_INCLUDE_DEPTH = 16;

    private record Mapper(Element root, String file, String namespace) {
    }

    private final List<Mapper> mappers = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Optional<String> dbms;

    /** Reads every statement as if for any database (statements without a {@code databaseId} preferred). */
    public MyBatisMapperReader() {
        this(Optional.empty());
    }

    /** @param dbms the database checked (Liquibase's name, e.g. {@code postgresql}); selects databaseId variants */
    public MyBatisMapperReader(Optional<String> dbms) {
        this.dbms = dbms.map(d -> d.toLowerCase(Locale.ROOT)).filter(d -> !d.isBlank());
    }

    /** Whether a document is a MyBatis mapper (root {@code <mapper>}). */
    public static boolean isMapper(Element root) {
        return root.name().equals("mapper");
    }

    /**
     * Whether a document is a MyBatis configuration: root {@code <configuration>} with one of MyBatis' sections
     * (other tools, e.g. Logback, use the same root name).
     */
    public static boolean isConfiguration(Element root) {
        return root.name().equals("configuration") && root.elements().stream().anyMatch(e -> switch (e.name()) {
            case "properties", "settings", "typeAliases", "mappers", "environments", "databaseIdProvider" -> true;
            default -> false;
        });
    }

    /** Adds a mapper; nothing is reported before {@link #emit}. */
    public void add(Element mapper, String file) {
        mappers.add(new Mapper(mapper, file, mapper.attr("namespace")));
    }

    /** Takes the {@code <properties><property name value/>} of a MyBatis configuration. */
    public void addConfiguration(Element configuration) {
        for (var props : configuration.elements("properties")) {
            for (var p : props.elements("property")) {
                if (!p.attr("name").isEmpty()) {
                    properties.putIfAbsent(p.attr("name"), p.attr("value"));
                }
            }
        }
    }

    /** Properties declared outside MyBatis' own files, e.g. Spring's {@code mybatis.configuration-properties.*}. */
    public void addProperties(Map<String, String> more) {
        more.forEach(properties::putIfAbsent);
    }

    /** Reports the statements of one mapper at once (no other mapper's fragments). */
    public void read(Element mapper, String file, QueryCollector collector) {
        var single = new MyBatisMapperReader(dbms);
        single.properties.putAll(properties);
        single.add(mapper, file);
        single.emit(collector);
    }

    /** Reports the statements of every mapper added. */
    public void emit(QueryCollector collector) {
        var fragments = new HashMap<String, List<Element>>();
        for (var m : mappers) {
            for (var e : m.root().elements("sql")) {
                fragments.computeIfAbsent(m.namespace() + "." + e.attr("id"), k -> new ArrayList<>()).add(e);
            }
        }
        for (var m : mappers) {
            emit(m, fragments, collector);
        }
        mappers.clear();
    }

    private void emit(Mapper m, Map<String, List<Element>> fragments, QueryCollector collector) {
        var resultMaps = new HashMap<String, Element>();
        for (var e : m.root().elements("resultMap")) {
            resultMaps.put(e.attr("id"), e);
            resultMaps.put(m.namespace() + "." + e.attr("id"), e);
        }
        var member = m.namespace().isEmpty() ? "" : m.namespace() + "#";
        var reported = new LinkedHashSet<String>();
        var flattener = new Flattener(m.namespace(), fragments);
        for (var e : chosenStatements(m.root())) {
            var location = new SourceLocation(m.file(), e.line(), member + e.attr("id"));
            for (var key : e.elements("selectKey")) {
                if (databaseIdMatches(key)) {
                    report(flattener.flatten(key), new SourceLocation(m.file(), key.line(), location.member()),
                            collector);
                }
            }
            flattener.missing.clear();
            var sql = flattener.flatten(e);
            if (sql.isBlank() && !flattener.missing.isEmpty()) {
                collector.unparsed(new Query(sql, location, QuerySourceKind.MYBATIS_XML),
                        "includes <sql> fragment " + String.join(", ", flattener.missing)
                                + " that is not among the release's mappers");
                continue;
            }
            report(sql, location, collector);
            var map = resultMaps.get(e.attr("resultMap"));
            if (map != null) {
                resultMapRead(map, sql, m.file(), member, collector, reported);
            }
        }
    }

    private static void report(String sql, SourceLocation location, QueryCollector collector) {
        var query = new Query(sql, location, QuerySourceKind.MYBATIS_XML);
        if (WHOLE_PLACEHOLDER.matcher(sql).matches()) {
            collector.unparsed(query, "the whole statement is supplied at run time (" + sql.strip() + ")");
        } else {
            collector.sql(query);
        }
    }

    /** Of statements sharing an id, the one for the checked database, else the one without a databaseId. */
    private List<Element> chosenStatements(Element root) {
        var byId = new LinkedHashMap<String, List<Element>>();
        for (var e : root.elements()) {
            if (STATEMENTS.contains(e.name())) {
                byId.computeIfAbsent(e.attr("id"), k -> new ArrayList<>()).add(e);
            }
        }
        var chosen = new ArrayList<Element>();
        byId.values().forEach(variants -> chosen.addAll(choose(variants)));
        return chosen;
    }

    private List<Element> choose(List<Element> variants) {
        if (variants.size() == 1) {
            return variants;
        }
        if (dbms.isPresent()) {
            var matching = variants.stream().filter(v -> !v.attr("databaseId").isEmpty()
                    && sameDatabase(v.attr("databaseId"), dbms.get())).toList();
            if (!matching.isEmpty()) {
                return matching.subList(0, 1);
            }
        }
        var general = variants.stream().filter(v -> v.attr("databaseId").isEmpty()).toList();
        // no general statement and no match: every database's variant, so that no usage is missed
        return general.isEmpty() ? variants : general.subList(0, 1);
    }

    private boolean databaseIdMatches(Element e) {
        var id = e.attr("databaseId");
        return id.isEmpty() || dbms.isEmpty() || sameDatabase(id, dbms.get());
    }

    /** MyBatis' databaseId names (VendorDatabaseIdProvider aliases) against Liquibase's dbms names. */
    static boolean sameDatabase(String databaseId, String dbms) {
        var a = canonical(databaseId);
        var b = canonical(dbms);
        return a.equals(b) || a.startsWith(b) || b.startsWith(a);
    }

    private static String canonical(String name) {
        var n = name.toLowerCase(Locale.ROOT).replace(" ", "");
        if (n.startsWith("postgres")) {
            return "postgres";
        }
        if (n.startsWith("mariadb")) {
            return "mysql";
        }
        if (n.equals("sqlserver") || n.startsWith("microsoftsqlserver")) {
            return "mssql";
        }
        return n;
    }

    /** Whether an {@code if}/{@code when} is taken for the checked database: tests on {@code _databaseId} decide. */
    private boolean branchApplies(Element e) {
        var m = DATABASE_ID_TEST.matcher(e.attr("test"));
        if (!m.find()) {
            return true;
        }
        boolean equal = m.group(1).equals("==") || m.group(1).equals("eq");
        boolean same = dbms.isPresent() && sameDatabase(m.group(2), dbms.get());
        // unknown database: branches for one database are left out, branches for "all but one" are read
        return dbms.isEmpty() ? !equal : equal == same;
    }

    private static void resultMapRead(Element map, String sql, String file, String member, QueryCollector collector,
                                      Set<String> reported) {
        var text = MyBatisPlaceholders.replace(sql);
        var m = SINGLE_TABLE.matcher(text);
        if (!m.find() || text.toLowerCase(Locale.ROOT).contains(" join ")
                || MyBatisPlaceholders.isPlaceholder(m.group(1).toLowerCase(Locale.ROOT))) {
            return;
        }
        var columns = new LinkedHashSet<String>();
        collectColumns(map, columns);
        var table = m.group(1);
        if (columns.isEmpty() || !reported.add(map.attr("id") + "@" + table)) {
            return;
        }
        var select = "SELECT " + String.join(", ", columns) + " FROM " + table;
        collector.sql(new Query(select, new SourceLocation(file, map.line(), member + map.attr("id")),
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
        return new MyBatisMapperReader().new Flattener("", Map.of()).flatten(script);
    }

    /** Flattens the statements of one mapper. */
    private final class Flattener {
        private final String namespace;
        private final Map<String, List<Element>> fragments;
        /** Fragments included but not found in the release (e.g. in a library's mappers). */
        final Set<String> missing = new LinkedHashSet<>();

        Flattener(String namespace, Map<String, List<Element>> fragments) {
            this.namespace = namespace;
            this.fragments = fragments;
        }

        String flatten(Element e) {
            var sb = new StringBuilder();
            append(sb, e, properties, 0, "");
            var sql = BLANKS.matcher(sb).replaceAll(" ").strip();
            for (var repair : REPAIRS) {
                sql = repair.getKey().matcher(sql).replaceAll(repair.getValue());
            }
            return balanced(BLANKS.matcher(sql).replaceAll(" ").strip());
        }

        /** {@code context}: the clause in effect where this text starts (a branch is flattened on its own). */
        private void append(StringBuilder sb, Element e, Map<String, String> props, int depth, String context) {
            for (var c : e.children()) {
                if (c instanceof String s) {
                    sb.append(MyBatisPlaceholders.resolve(s, props));
                    continue;
                }
                var child = (Element) c;
                var here = lastClause(sb, context);
                switch (child.name()) {
                    case "include" -> include(sb, child, props, depth, here);
                    case "where" -> {
                        var inner = inner(child, props, depth, "where");
                        if (!inner.isBlank()) {
                            sb.append(" WHERE ").append(LEADING_AND_OR.matcher(inner).replaceFirst("")).append(' ');
                        }
                    }
                    case "set" -> {
                        var inner = inner(child, props, depth, "set");
                        if (!inner.isBlank()) {
                            sb.append(" SET ").append(TRAILING_COMMA.matcher(inner.strip()).replaceFirst(""))
                                    .append(' ');
                        }
                    }
                    case "trim" -> trim(sb, child, props, depth, here);
                    case "foreach" -> junction(sb, child.attr("open") + inner(child, props, depth, here)
                            + child.attr("close"), here);
                    case "choose" -> choose(sb, child, props, depth, context);
                    case "bind", "selectKey", "property" -> {
                        // no SQL text of the statement itself
                    }
                    default -> {
                        // if and anything unknown: their text counts, joined to what precedes
                        if (branchApplies(child)) {
                            junction(sb, inner(child, props, depth, here), here);
                        }
                    }
                }
            }
        }

        /**
         * The union of a choose's branches when they are conditions, list items or joins; when they are
         * alternatives inside one expression (operators such as {@code =}/{@code LIKE}), the first that applies.
         */
        private void choose(StringBuilder sb, Element choose, Map<String, String> props, int depth,
                            String context) {
            var texts = new ArrayList<String>();
            for (var branch : choose.elements()) {
                if (branchApplies(branch)) {
                    var text = inner(branch, props, depth, lastClause(sb, context));
                    if (!text.isBlank()) {
                        texts.add(text);
                    }
                }
            }
            if (texts.isEmpty()) {
                return;
            }
            if (!texts.stream().allMatch(MyBatisMapperReader::unitesWithOthers)) {
                texts = new ArrayList<>(texts.subList(0, 1));
            }
            for (var text : texts) {
                junction(sb, text, lastClause(sb, context));
            }
        }

        private void include(StringBuilder sb, Element include, Map<String, String> props, int depth,
                             String context) {
            if (depth >= MAX_INCLUDE_DEPTH) {
                return;
            }
            var refid = MyBatisPlaceholders.resolve(include.attr("refid"), props);
            var candidates = fragments.getOrDefault(namespace + "." + refid, fragments.get(refid));
            if (candidates == null || candidates.isEmpty()) {
                missing.add(refid);
                return;
            }
            var fragment = candidates.stream().filter(f -> !f.attr("databaseId").isEmpty() && dbms.isPresent()
                    && sameDatabase(f.attr("databaseId"), dbms.get())).findFirst()
                    .or(() -> candidates.stream().filter(f -> f.attr("databaseId").isEmpty()).findFirst())
                    .orElse(candidates.get(0));
            var scoped = new HashMap<>(props);
            for (var p : include.elements("property")) {
                scoped.put(p.attr("name"), MyBatisPlaceholders.resolve(p.attr("value"), props));
            }
            sb.append(' ');
            append(sb, fragment, scoped, depth + 1, context);
            sb.append(' ');
        }

        private String inner(Element e, Map<String, String> props, int depth, String context) {
            var sb = new StringBuilder();
            append(sb, e, props, depth, context);
            return BLANKS.matcher(sb).replaceAll(" ").strip();
        }

        private void trim(StringBuilder sb, Element e, Map<String, String> props, int depth, String context) {
            var prefix = e.attr("prefix");
            var inner = inner(e, props, depth, lastClause(prefix, context));
            if (inner.isBlank()) {
                return;
            }
            inner = strip(inner, e.attr("prefixOverrides"), true);
            inner = strip(inner, e.attr("suffixOverrides"), false);
            sb.append(' ').append(prefix).append(' ').append(inner).append(' ').append(e.attr("suffix"))
                    .append(' ');
        }
    }

    /**
     * Appends a branch: when both the text so far and the branch are operands ({@code a = 1} then {@code b = 2}),
     * the union of branches needs a joint, {@code AND} in conditions and a comma in lists.
     */
    private static void junction(StringBuilder sb, String text, String clause) {
        if (text.isBlank()) {
            return;
        }
        if (endsWithOperand(sb) && startsWithOperand(text)) {
            sb.append(switch (clause) {
                case "where", "having", "on" -> " AND ";
                case "select", "set", "order by", "group by", "values" -> ", ";
                default -> " ";
            });
        } else {
            sb.append(' ');
        }
        sb.append(text).append(' ');
    }

    private static boolean endsWithOperand(CharSequence sb) {
        int i = sb.length() - 1;
        while (i >= 0 && Character.isWhitespace(sb.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = sb.charAt(i);
        if (c == '\'' || c == ')' || c == '?' || c == '}' || c == '"' || c == '`') {
            return true;
        }
        if (!Character.isLetterOrDigit(c) && c != '_') {
            return false;
        }
        int end = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(sb.charAt(i)) || sb.charAt(i) == '_')) {
            i--;
        }
        return !KEYWORDS.contains(sb.subSequence(i + 1, end).toString().toLowerCase(Locale.ROOT));
    }

    /**
     * The statement with brackets that branches opened but left to other branches to close (an {@code if} with
     * {@code and (} and another with {@code )}) closed at the end, so that it parses.
     */
    static String balanced(String sql) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
        }
        return depth == 0 ? sql : sql + ")".repeat(depth);
    }

    /** Whether a branch can stand next to its siblings: a condition, a list item, a join. */
    private static boolean unitesWithOthers(String text) {
        var t = text.strip().toLowerCase(Locale.ROOT);
        return startsWithOperand(t) || t.startsWith(",") || t.matches("(?s)(and|or|inner|left|right|full|cross|join"
                + "|order|group)\\b.*");
    }

    private static boolean startsWithOperand(String text) {
        var t = text.strip();
        char c = t.charAt(0);
        if (c == '\'' || c == '(' || c == '#' || c == '?' || c == '"' || c == '`') {
            return true; // not ${...}: a spliced-in clause such as ${limitAfter} needs no joint
        }
        if (!Character.isLetterOrDigit(c) && c != '_') {
            return false;
        }
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
            end++;
        }
        var word = t.substring(0, end).toLowerCase(Locale.ROOT);
        return word.equals("not") || word.equals("exists") || !KEYWORDS.contains(word);
    }

    /** The last clause keyword of {@code sb}, or {@code context} when it has none. */
    private static String lastClause(CharSequence sb, String context) {
        var m = CLAUSE.matcher(sb);
        String last = context;
        while (m.find()) {
            last = BLANKS.matcher(m.group(1).toLowerCase(Locale.ROOT)).replaceAll(" ");
        }
        return last;
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
