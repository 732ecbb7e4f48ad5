package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.sql.SqlScriptSplitter.Piece;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code .sql} file shipped with a release is. Releases ship SQL that the application never runs as its
 * queries: schema scripts ({@code create}/{@code drop} scripts, upgrade and migration steps, Flyway's
 * {@code V1__init.sql}) and data dumps (sample or seed data, mostly {@code INSERT ... VALUES} rows). Counted as
 * usage they would make a release "use" every table and column it creates, and could be the only evidence of a
 * BREAKING finding; so they are left out and reported on their own.
 *
 * <p>A file is a schema script when at least half of its statements are DDL, when its path names it one
 * ({@code create}, {@code drop}, {@code ddl}, {@code schema}... as a word of the path) and it holds some DDL, or
 * when its path names an upgrade step ({@code upgrade}, {@code migration}, {@code patch}, a Flyway versioned name),
 * which may hold only DML such as a version row update. DDL behind a guard
 * ({@code if exists (...) drop table x}) counts as DDL. It is a data dump when at least 80% of at least
 * three statements are {@code INSERT ... VALUES}, or when its path names it one ({@code data}, {@code seed},
 * {@code sample}, {@code demo}, {@code dump}, {@code fixture}...) and half of its statements are such inserts.
 */
enum ScriptKind {
    QUERIES(""),
    SCHEMA_SCRIPT("DDL or migration script"),
    DATA_DUMP("data dump");

    private static final Set<String> DDL = Set.of("create", "alter", "drop", "comment", "grant", "revoke", "rename");
    private static final Set<String> NEUTRAL = Set.of("set", "begin", "commit", "rollback", "start", "end", "use",
            "go", "do", "declare", "exec", "execute", "call", "analyze", "vacuum", "checkpoint");
    private static final Set<String> SCHEMA_WORDS = Set.of("create", "drop", "ddl", "schema", "install",
            "uninstall", "init", "initdb", "teardown");
    /** Words of paths of upgrade steps, which may hold nothing but DML (e.g. a version row update). */
    private static final Set<String> MIGRATION_WORDS = Set.of("upgrade", "upgradestep", "downgrade", "migration",
            "migrations", "migrate", "flyway", "patch", "patches");
    private static final Set<String> DATA_WORDS = Set.of("data", "seed", "seeds", "sample", "samples", "demo",
            "dump", "fixture", "fixtures", "testdata", "import", "inserts", "populate", "content");
    private static final Pattern FLYWAY = Pattern.compile("(?i)(?:^|/)[VRU]\\d+(?:[._]\\d+)*__[^/]*\\.sql$");
    private static final Pattern INSERT_VALUES = Pattern.compile("(?is)\\Ainsert\\s+into\\s+.*?\\bvalues\\b.*");
    /** DDL inside a guard, e.g. SQL Server's {@code if exists (...) drop table x}. */
    private static final Pattern EMBEDDED_DDL = Pattern.compile("(?i)\\b(?:create|alter|drop)\\s+(?:unique\\s+)?"
            + "(?:table|index|view|sequence|constraint|schema|procedure|function|trigger|type)\\b");
    /** A bind parameter: an insert with one is the application's, not a row of a dump. */
    private static final Pattern BIND = Pattern.compile("\\?|(?<![:\\w]):\\w|#\\{|\\$\\d");
    private static final Pattern WORDS = Pattern.compile("[^a-z0-9]+");

    private final String label;

    ScriptKind(String label) {
        this.label = label;
    }

    /** How the kind is named in coverage, e.g. {@code data dump}. */
    String label() {
        return label;
    }

    static ScriptKind of(String path, List<Piece> statements) {
        int ddl = 0;
        int rows = 0;
        int counted = 0;
        for (var s : statements) {
            var first = firstWord(s.text());
            if (NEUTRAL.contains(first) || first.isEmpty()) {
                continue;
            }
            counted++;
            if (DDL.contains(first) || EMBEDDED_DDL.matcher(s.text()).find()) {
                ddl++;
            } else if (first.equals("insert") && INSERT_VALUES.matcher(s.text()).matches()
                    && !s.text().toLowerCase(Locale.ROOT).contains("select") && !BIND.matcher(s.text()).find()) {
                rows++;
            }
        }
        if (counted == 0) {
            return QUERIES;
        }
        var words = new java.util.HashSet<>(List.of(WORDS.split(path.toLowerCase(Locale.ROOT))));
        boolean schemaPath = words.stream().anyMatch(SCHEMA_WORDS::contains);
        boolean migrationPath = FLYWAY.matcher(path).find() || words.stream().anyMatch(MIGRATION_WORDS::contains);
        if (ddl * 2 >= counted || (schemaPath && ddl > 0 && rows * 2 < counted)
                || migrationPath) {
            return SCHEMA_SCRIPT;
        }
        if ((rows >= 3 && rows * 10 >= counted * 8)
                || (words.stream().anyMatch(DATA_WORDS::contains) && rows * 2 >= counted)) {
            return DATA_DUMP;
        }
        return QUERIES;
    }

    /** The kind a configured glob decides, if any: an include keeps a file as queries whatever it looks like. */
    static Optional<Boolean> configured(String path, List<Pattern> includes, List<Pattern> excludes) {
        if (excludes.stream().anyMatch(p -> p.matcher(path).matches())) {
            return Optional.of(false);
        }
        if (includes.stream().anyMatch(p -> p.matcher(path).matches())) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** A classpath glob ({@code **} any folders, {@code *} and {@code ?} within one name) as a pattern. */
    static Pattern glob(String glob) {
        var g = glob.strip().replace('\\', '/');
        while (g.startsWith("/")) {
            g = g.substring(1);
        }
        var sb = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                sb.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }

    private static String firstWord(String sql) {
        var t = sql.stripLeading();
        while (t.startsWith("#")) {
            // MySQL comment lines, which the script splitter leaves in place
            int eol = t.indexOf('\n');
            t = eol < 0 ? "" : t.substring(eol + 1).stripLeading();
        }
        int end = 0;
        while (end < t.length() && Character.isLetter(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
