package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.sql.SqlScriptSplitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the statements of a captured query log: plain SQL (one statement per line, or {@code ;}-separated and
 * possibly spanning lines), p6spy lines ({@code time|elapsed|statement|connection|url|prepared|sql}) and
 * PostgreSQL server log lines ({@code LOG:  statement: ...}, {@code LOG:  execute <unnamed>: ...},
 * {@code STATEMENT:  ...}; {@code DETAIL:  parameters: ...}, parse and bind lines ignored). Other log noise is
 * dropped: a plain statement must start with a SQL keyword.
 */
final class QueryLog {

    /** One statement of a log, located at the log line it came from. */
    record Statement(String sql, int line) {
    }

    private static final Pattern P6SPY = Pattern.compile(
            "\\|\\s*(statement|batch|commit|rollback|resultset|result|info|debug|outagedetection)\\s*\\|",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PG_LINE = Pattern.compile(
            "\\b(LOG|STATEMENT|DETAIL|ERROR|HINT|CONTEXT|WARNING|NOTICE|FATAL|PANIC|INFO|DEBUG\\d?):\\s+(.*)$");
    private static final Pattern PG_LOG_BODY = Pattern.compile(
            "^(?:duration:\\s*[\\d.]+\\s*ms\\s+)?(?:statement|execute\\s+[^:]*):\\s*(.*)$", Pattern.DOTALL);
    private static final Set<String> SQL_STARTS = Set.of("select", "with", "insert", "update", "delete", "merge",
            "upsert", "replace", "values", "call", "table", "(");

    private QueryLog() {
    }

    static List<Statement> statements(String text) {
        var lines = text.split("\r?\n", -1);
        var out = new ArrayList<Statement>();
        // plain lines keep their position so that the splitter reports the right line numbers
        var plain = new StringBuilder(text.length());
        boolean semicolons = false;
        StringBuilder pgStatement = null;
        int pgLine = 0;
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (pgStatement != null && line.startsWith("\t")) {
                pgStatement.append('\n').append(line.substring(1));
                plain.append('\n');
                continue;
            }
            if (pgStatement != null) {
                addAll(out, pgStatement.toString(), pgLine);
                pgStatement = null;
            }
            var p6 = P6SPY.matcher(line);
            var pg = PG_LINE.matcher(line);
            if (p6.find()) {
                var category = p6.group(1).toLowerCase(Locale.ROOT);
                if (category.equals("statement") || category.equals("batch")) {
                    addAll(out, p6spySql(line.substring(p6.end())), i + 1);
                }
            } else if (pg.find()) {
                var sql = pgSql(pg.group(1), pg.group(2));
                if (!sql.isEmpty()) {
                    pgStatement = new StringBuilder(sql);
                    pgLine = i + 1;
                }
            } else {
                plain.append(line);
                semicolons |= line.strip().endsWith(";");
            }
            plain.append('\n');
        }
        if (pgStatement != null) {
            addAll(out, pgStatement.toString(), pgLine);
        }
        if (semicolons) {
            for (var s : SqlScriptSplitter.split(plain.toString())) {
                addIfSql(out, s.text(), s.line());
            }
        } else {
            var plainLines = plain.toString().split("\n", -1);
            for (int i = 0; i < plainLines.length; i++) {
                addIfSql(out, plainLines[i].strip(), i + 1);
            }
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    /** p6spy ends with "prepared|effective": the effective SQL (values inlined) unless it is empty. */
    private static String p6spySql(String rest) {
        int split = lastSinglePipe(rest);
        var effective = rest.substring(split + 1).strip();
        if (!effective.isEmpty() || split < 0) {
            return effective;
        }
        var before = rest.substring(0, split);
        return before.substring(lastSinglePipe(before) + 1).strip();
    }

    /** The last field separator: a '|' that is not part of the SQL concatenation operator '||'. */
    private static int lastSinglePipe(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) == '|' && (i == 0 || s.charAt(i - 1) != '|')
                    && (i + 1 == s.length() || s.charAt(i + 1) != '|')) {
                return i;
            }
        }
        return -1;
    }

    private static String pgSql(String level, String body) {
        if (level.equals("STATEMENT")) {
            return body.strip();
        }
        if (!level.equals("LOG")) {
            return "";
        }
        var m = PG_LOG_BODY.matcher(body);
        return m.matches() ? m.group(1).strip() : "";
    }

    /** A server-side statement may itself hold several ';'-separated statements (simple query protocol). */
    private static void addAll(List<Statement> out, String sql, int line) {
        for (var s : SqlScriptSplitter.split(sql)) {
            out.add(new Statement(s.text(), line + s.line() - 1));
        }
    }

    private static void addIfSql(List<Statement> out, String sql, int line) {
        var s = sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
        if (s.isEmpty()) {
            return;
        }
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        var first = end == 0 ? s.substring(0, 1) : s.substring(0, end).toLowerCase(Locale.ROOT);
        if (SQL_STARTS.contains(first)) {
            out.add(new Statement(s, line));
        }
    }
}
