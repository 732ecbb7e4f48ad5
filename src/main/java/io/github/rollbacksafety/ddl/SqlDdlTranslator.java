package io.github.rollbacksafety.ddl;

import io.github.rollbacksafety.sql.SqlParsers;
import io.github.rollbacksafety.sql.SqlScriptSplitter;

import io.github.rollbacksafety.schema.Identifiers;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.ViewWrites;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates raw SQL from {@code sql}, {@code sqlFile} and formatted SQL changesets into {@link SchemaOp}s,
 * parsing with JSqlParser. A statement that cannot be parsed becomes {@link SchemaOp.Unanalyzable}. Thread-safe.
 *
 * <p>A script is first cut into statements by {@link SqlScriptSplitter} (aware of quotes, comments and
 * {@code $$} bodies), which also measures each statement so that oversized or deeply nested input is refused
 * before the recursive-descent parser sees it. Statements JSqlParser is known not to parse are recognised by
 * {@link SqlGapStatements}. Runs of the other statements are parsed together, so that procedural bodies whose
 * inner {@code ;} the splitter cannot know about still parse as one statement; when such a run fails, each of its
 * statements is parsed alone, so that one bad statement costs one {@link SchemaOp.Unanalyzable} and no more.
 *
 * <p>The parser is called directly on the calling thread (no executor, no timeout thread): the length and depth
 * bounds are what keeps a pathological statement cheap.
 */
public final class SqlDdlTranslator {

    /** Longer statements are not parsed: a migration statement this long is generated data, not DDL. */
    static final int MAX_STATEMENT_LENGTH = SqlParsers.MAX_LENGTH;
    /** Deeper parenthesis nesting is not parsed: JSqlParser recurses per level and overflows a small stack. */
    static final int MAX_NESTING_DEPTH = SqlParsers.MAX_NESTING;
    /** More list items are not parsed: a 100,000-element {@code IN} list takes the parser seconds. */
    static final int MAX_LIST_ITEMS = 20_000;

    /** Translates a script of one or more statements. */
    public List<SchemaOp> translate(String sql) {
        if (sql == null || sql.isBlank()) {
            return List.of();
        }
        var ops = new ArrayList<SchemaOp>();
        var run = new ArrayList<SqlScriptSplitter.Piece>();
        for (var piece : SqlScriptSplitter.split(sql)) {
            var direct = refusal(piece).or(() -> SqlGapStatements.recognise(piece.text()));
            if (direct.isPresent()) {
                translateRun(run, ops);
                run.clear();
                ops.addAll(direct.get());
            } else {
                run.add(new SqlScriptSplitter.Piece(SqlGapStatements.rewrite(piece.text()), piece.line(),
                        piece.maxDepth(), piece.commas()));
            }
        }
        translateRun(run, ops);
        return List.copyOf(ops);
    }

    /** The output column names of a view's SELECT, or empty when they cannot be derived (e.g. {@code *}). */
    public List<String> viewColumns(String selectSql) {
        var select = singleSelect(selectSql);
        if (select.isEmpty()) {
            return List.of();
        }
        try {
            return SqlStatementTranslator.selectColumns(select.get()).orElse(List.of()).stream()
                    .map(Identifiers::normalize).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** What can be written through a view with this query ({@link ViewWrites}); empty when it cannot be read. */
    public Optional<ViewWrites> viewWrites(String selectSql) {
        return singleSelect(selectSql).flatMap(select -> SqlStatementTranslator.viewWrites(select, List.of()));
    }

    /** A view's query parsed, when it is one SELECT within the bounds. */
    private static Optional<Select> singleSelect(String selectSql) {
        if (selectSql == null || selectSql.isBlank()) {
            return Optional.empty();
        }
        var pieces = SqlScriptSplitter.split(selectSql);
        if (pieces.size() != 1 || refusal(pieces.get(0)).isPresent()) {
            return Optional.empty();
        }
        var parsed = parse(pieces.get(0).text());
        if (parsed.statements().size() != 1 || !(parsed.statements().get(0) instanceof Select select)) {
            return Optional.empty();
        }
        return Optional.of(select);
    }

    private static Optional<List<SchemaOp>> refusal(SqlScriptSplitter.Piece piece) {
        if (piece.text().length() > MAX_STATEMENT_LENGTH) {
            return Optional.of(List.of(new SchemaOp.Unanalyzable(piece.firstLine(),
                    "statement too large to analyse (" + piece.text().length() + " characters)")));
        }
        if (piece.maxDepth() > MAX_NESTING_DEPTH) {
            return Optional.of(List.of(new SchemaOp.Unanalyzable(piece.firstLine(),
                    "statement nested too deeply to analyse (" + piece.maxDepth() + " levels of parentheses)")));
        }
        if (piece.commas() >= MAX_LIST_ITEMS) {
            return Optional.of(List.of(new SchemaOp.Unanalyzable(piece.firstLine(),
                    "statement too large to analyse (" + (piece.commas() + 1) + " list items)")));
        }
        return Optional.empty();
    }

    private static void translateRun(List<SqlScriptSplitter.Piece> run, List<SchemaOp> ops) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() > 1) {
            var script = new StringBuilder();
            run.forEach(p -> script.append(p.text()).append("\n;\n"));
            if (script.length() <= MAX_STATEMENT_LENGTH) {
                var parsed = parse(script.toString());
                if (parsed.error().isEmpty()) {
                    parsed.statements().forEach(s -> ops.addAll(translate(s)));
                    return;
                }
            }
        }
        for (var piece : run) {
            var parsed = parse(piece.text());
            if (parsed.error().isPresent()) {
                ops.add(new SchemaOp.Unanalyzable(piece.firstLine(), parsed.error().get()));
            } else {
                parsed.statements().forEach(s -> ops.addAll(translate(s)));
            }
        }
    }

    private static List<SchemaOp> translate(Statement statement) {
        try {
            return SqlStatementTranslator.translate(statement);
        } catch (RuntimeException e) {
            // a parsed statement with a shape the translator did not expect: say so, never fail the build on it
            return List.of(new SchemaOp.Unanalyzable(SqlScriptSplitter.firstLine(String.valueOf(statement)),
                    "could not interpret the parsed statement: " + e));
        }
    }

    /** Statements, or the parser's reason for refusing them. */
    private record Parsed(List<Statement> statements, Optional<String> error) {
    }

    private static Parsed parse(String text) {
        var first = parseOnce(text, false, false);
        boolean brackets = text.indexOf('[') >= 0;
        boolean backslashes = text.contains("\\'");
        if (first.error().isPresent() && (brackets || backslashes)) {
            // SQL Server [quoted] names and MySQL/PostgreSQL E'\'' escapes only on demand: either option changes
            // the meaning of otherwise valid text (PostgreSQL arrays, standard strings ending in a backslash)
            var second = parseOnce(text, brackets, backslashes);
            return second.error().isPresent() ? first : second;
        }
        return first;
    }

    private static Parsed parseOnce(String text, boolean squareBrackets, boolean backslashEscapes) {
        try {
            CCJSqlParser parser = SqlParsers.forScript(text, squareBrackets, backslashEscapes);
            var statements = parser.Statements();
            return new Parsed(statements == null ? List.of()
                    : statements.stream().filter(java.util.Objects::nonNull).toList(), Optional.empty());
        } catch (ParseException | RuntimeException e) {
            return new Parsed(List.of(), Optional.of("SQL parser: " + firstLineOf(e.getMessage())));
        } catch (StackOverflowError e) {
            return new Parsed(List.of(), Optional.of("statement nested too deeply to analyse"));
        }
    }

    private static String firstLineOf(String message) {
        if (message == null || message.isBlank()) {
            return "cannot parse";
        }
        return SqlScriptSplitter.firstLine(message);
    }
}
