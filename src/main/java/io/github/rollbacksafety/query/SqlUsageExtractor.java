package io.github.rollbacksafety.query;

import io.github.rollbacksafety.sql.SqlParsers;
import io.github.rollbacksafety.query.mybatis.MyBatisPlaceholders;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one previous-release SQL statement with JSqlParser and works out what it reads and writes:
 * tables, columns (aliases, CTEs, subqueries, UNION and unqualified columns resolved against the tables in
 * scope), inserts with their column lists, {@code *} reads and sequences. Templates real code writes into SQL
 * ({@code String.format}'s {@code %s}, JDBI's {@code <list>}, MyBatis {@code ${x}}...) are made parseable first
 * ({@link SqlTemplates}), PostgreSQL {@code COPY} becomes the SELECT or INSERT it amounts to, and a statement that
 * fails only because it names a table like {@code sample}, which JSqlParser reserves, is parsed again quoted.
 * Strings from code that are HQL/JPQL go to the {@link EntityQueries} of the release's mappings, or are reported as
 * HQL. Thread-safe: it holds no mutable state (translators serialise their own calls), and
 * each call builds its own parser and walker; a {@link Batch} reuses one parser for many statements on one thread.
 *
 * <p>The parser is called directly (no timeout thread per statement: about four times faster). Pathological input
 * is bounded before parsing instead: statements over {@value #MAX_LENGTH} characters or nested deeper than
 * {@value #MAX_NESTING} brackets are refused, because JSqlParser's recursive descent overflows the stack at a few
 * hundred levels and slows down sharply before that. Statements that are not queries or DML (DDL, SET,
 * COMMIT...) give an empty usage.
 */
public final class SqlUsageExtractor {

    /** Longest statement parsed (see {@link SqlParsers}). */
    static final int MAX_LENGTH = SqlParsers.MAX_LENGTH;
    /** Deepest bracket nesting parsed (see {@link SqlParsers}). */
    static final int MAX_NESTING = SqlParsers.MAX_NESTING;

    /** First words of statements that are neither queries nor DML. */
    private static final Set<String> NOT_DML = Set.of("set", "reset", "create", "alter", "drop", "grant", "revoke",
            "commit", "rollback", "begin", "start", "end", "savepoint", "release", "vacuum", "analyze", "comment",
            "show", "use", "declare", "deallocate", "discard", "listen", "notify", "unlisten", "refresh", "cluster",
            "reindex", "checkpoint", "rename", "exec", "execute", "call", "do", "prepare");

    private static final Pattern TRUNCATE_IDENTITY = Pattern.compile(
            "(?is)(\\A\\s*truncate\\s.*?)\\s(?:restart|continue)\\s+identity\\b");

    private final List<EntityQueries> entityQueries;

    public SqlUsageExtractor() {
        this(List.of());
    }

    private SqlUsageExtractor(List<EntityQueries> entityQueries) {
        this.entityQueries = List.copyOf(entityQueries);
    }

    /**
     * An extractor that reads strings from code naming mapped entities (or shaped like HQL) through these
     * translators instead of the SQL parser; the usage keeps the statement's own source kind.
     */
    public SqlUsageExtractor withEntityQueries(List<EntityQueries> translators) {
        return translators.isEmpty() && entityQueries.isEmpty() ? this : new SqlUsageExtractor(translators);
    }

    /**
     * @throws UnparsableQueryException when the statement does not parse (or exceeds the parse bounds)
     */
    public QueryUsage extract(Query query) throws UnparsableQueryException {
        return extract(query, new Batch());
    }

    /** A batch for extracting many statements on one thread with one reused parser. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Extracts statements one after another on one thread, reusing one JSqlParser instance: building a parser
     * (token manager, feature configuration, look-ahead tables) costs about as much as parsing a short statement.
     * Not thread-safe: one batch per thread. A parser that failed is discarded, so a bad statement cannot leave
     * state behind for the next one.
     */
    public final class Batch {
        private CCJSqlParser parser;

        private Batch() {
        }

        /** As {@link SqlUsageExtractor#extract(Query)}. */
        public QueryUsage extract(Query query) throws UnparsableQueryException {
            return SqlUsageExtractor.this.extract(query, this);
        }

        private Statement parse(String sql) throws UnparsableQueryException {
            var p = parser;
            parser = null; // kept only when the parse succeeds
            if (p == null) {
                p = SqlParsers.forQuery(sql);
            } else {
                p.ReInit(new StringProvider(sql));
            }
            var statement = SqlUsageExtractor.parse(p);
            parser = p;
            return statement;
        }

        /** A second attempt after a rewrite: the statement, or null when it does not parse either. */
        private Statement parseOrNull(String sql) {
            try {
                return parse(sql);
            } catch (UnparsableQueryException e) {
                return null;
            }
        }
    }

    private QueryUsage extract(Query query, Batch batch) throws UnparsableQueryException {
        var sql = prepare(query.sql());
        if (query.kind() == QuerySourceKind.JAVA_SOURCE || query.kind() == QuerySourceKind.BYTECODE_STRING) {
            // a string from code may be HQL/JPQL: read as SQL it would report entity names as tables
            var hql = HqlShape.hqlSign(sql, !entityQueries.isEmpty());
            var translated = entityQuery(query, hql.isPresent());
            if (translated.isPresent()) {
                return translated.get();
            }
            if (hql.isPresent()) {
                throw new UnparsableQueryException("HQL/JPQL, not SQL (" + hql.get() + "): its entities are not "
                        + "mapped in the sources read");
            }
        }
        Statement statement;
        try {
            statement = batch.parse(sql);
        } catch (UnparsableQueryException e) {
            var quoted = SqlTemplates.quoteRestrictedNames(sql);
            statement = quoted.equals(sql) ? null : batch.parseOrNull(quoted);
            if (statement == null) {
                if (NOT_DML.contains(firstWord(sql))) {
                    // DDL and session commands the parser does not know (SET x TO y, VACUUM...) touch no table data
                    return new QueryUsage(query, List.of(), List.of(), List.of(), List.of(), List.of());
                }
                throw e;
            }
        }
        QueryUsage usage;
        var walker = new UsageWalker();
        try {
            usage = walker.usage(query, statement);
        } catch (StackOverflowError e) {
            throw new UnparsableQueryException("statement too deeply nested to analyse");
        } catch (RuntimeException e) {
            throw new UnparsableQueryException("could not analyse the statement: " + e, e);
        }
        if (usage.tables().isEmpty() && walker.sawPlaceholderTable()) {
            // FROM %s, FROM ${table}, FROM <table>: counting it as understood would hide that nothing was checked
            throw new UnparsableQueryException("the table name is supplied at run time (a template such as %s, "
                    + "${table} or <table>): which table it reads or writes cannot be known");
        }
        return usage;
    }

    /**
     * The statement read through the first translator whose mappings name its entities. A failed translation is
     * the reason when the text is HQL for sure; otherwise the text may still be SQL naming a table spelled like an
     * entity, and is parsed as SQL.
     */
    private java.util.Optional<QueryUsage> entityQuery(Query query, boolean surelyHql) throws UnparsableQueryException {
        for (var translator : entityQueries) {
            if (translator.namesEntity(query.sql())) {
                try {
                    return java.util.Optional.of(translate(translator, query));
                } catch (UnparsableQueryException e) {
                    if (surelyHql) {
                        throw new UnparsableQueryException("HQL/JPQL: " + e.getMessage(), e);
                    }
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Text filled in at run time ({@code ORDER BY o.${sortProperty}}, {@code %s}) names nothing the mapping can
     * resolve: for the translator it is a parameter, so that the rest of the statement is read.
     */
    private static QueryUsage translate(EntityQueries translator, Query query) throws UnparsableQueryException {
        var text = SqlTemplates.rewrite(query.sql());
        if (!text.contains("${")) {
            return translator.translate(query);
        }
        var u = translator.translate(new Query(RUN_TIME_TEXT.matcher(text).replaceAll("?"), query.location(),
                query.kind()));
        return new QueryUsage(query, u.tables(), u.columns(), u.inserts(), u.starReads(), u.sequences(), u.upserts());
    }

    private static final Pattern RUN_TIME_TEXT = Pattern.compile(
            "(?:[A-Za-z_][\\w$]*\\s*\\.\\s*)?\\$\\{[^}]*\\}");

    /** Placeholders replaced, a trailing semicolon dropped, bounds checked. */
    private static String prepare(String raw) throws UnparsableQueryException {
        if (raw.length() > MAX_LENGTH) {
            throw new UnparsableQueryException("statement too long to parse (" + raw.length() + " characters, limit "
                    + MAX_LENGTH + ")");
        }
        // String.format, JDBI, MessageFormat and iBATIS templates in MyBatis form first: one set of placement rules
        var sql = MyBatisPlaceholders.replaceMarkingSchemas(SqlTemplates.rewrite(raw)).strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        sql = CopyCommand.asDml(sql).orElse(sql);
        // PostgreSQL's TRUNCATE options JSqlParser does not know; they change nothing about the tables it names
        sql = TRUNCATE_IDENTITY.matcher(sql).replaceFirst("$1");
        if (sql.isEmpty()) {
            throw new UnparsableQueryException("empty statement");
        }
        int depth = nestingDepth(sql);
        if (depth > MAX_NESTING) {
            throw new UnparsableQueryException("statement nested too deeply to parse (" + depth
                    + " levels of brackets, limit " + MAX_NESTING + ")");
        }
        return sql;
    }

    /** Deepest bracket nesting outside string literals and quoted identifiers. */
    static int nestingDepth(String sql) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    private static Statement parse(CCJSqlParser parser) throws UnparsableQueryException {
        try {
            return parser.Statement();
        } catch (ParseException e) {
            throw new UnparsableQueryException(reason(e), e);
        } catch (StackOverflowError e) {
            throw new UnparsableQueryException("statement too deeply nested to parse");
        } catch (RuntimeException e) {
            // the token manager throws TokenMgrException (unchecked) on characters it cannot lex
            throw new UnparsableQueryException("does not parse: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstWord(String sql) {
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static String reason(ParseException e) {
        Token next = e.currentToken == null ? null : e.currentToken.next;
        if (next != null && next.image != null) {
            var near = next.kind == 0 ? "end of statement" : "'" + shorten(next.image) + "'";
            return "does not parse at line " + next.beginLine + ", column " + next.beginColumn + ": unexpected "
                    + near;
        }
        return "does not parse: " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown parser error";
        }
        var line = message.strip().lines().findFirst().orElse("");
        return shorten(line);
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
