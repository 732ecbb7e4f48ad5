package io.github.rollbacksafety.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at {@code ;}, keeping the 1-based line where each statement starts.
 * Semicolons inside string literals, quoted identifiers, {@code --} and block comments and PostgreSQL
 * dollar-quoted bodies ({@code $$ ... $$}, {@code $tag$ ... $tag$}) do not split. A line holding only {@code /}
 * or {@code GO} also ends a statement (Oracle and SQL Server scripts). Statements that are only comments are
 * dropped. Stateless and thread-safe.
 */
public final class SqlStatementSplitter {

    /** One statement of a script: its text (without the terminator) and the line its first token is on. */
    public record Statement(String sql, int line) {
    }

    public List<Statement> split(String script) {
        var out = new ArrayList<Statement>();
        int n = script.length();
        int line = 1;
        int firstToken = -1;
        int firstTokenLine = 1;
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\n') {
                if (firstToken >= 0 && isTerminatorLine(script, i)) {
                    add(out, script, firstToken, lineStart(script, i), firstTokenLine);
                    firstToken = -1;
                }
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(script, i, end);
                i = end;
                continue;
            }
            if (c == ';') {
                add(out, script, firstToken, i, firstTokenLine);
                firstToken = -1;
                i++;
                continue;
            }
            if (firstToken < 0) {
                firstToken = i;
                firstTokenLine = line;
            }
            int end = skipQuoted(script, i);
            line += count(script, i, end);
            i = end;
        }
        if (firstToken >= 0 && isTerminatorLine(script, n)) {
            n = lineStart(script, n);
        }
        add(out, script, firstToken, n, firstTokenLine);
        return out;
    }

    /** If a literal, quoted identifier or dollar-quoted body starts at {@code i}, the index after it; else i + 1. */
    private static int skipQuoted(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < s.length()) {
                if (s.charAt(j) == c) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j += 2; // doubled quote escapes itself
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return s.length();
        }
        if (c == '$') {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                var tag = s.substring(i, j + 1);
                int end = s.indexOf(tag, j + 1);
                return end < 0 ? s.length() : end + tag.length();
            }
        }
        return i + 1;
    }

    /** A line that is only "/" or "GO" ends the statement before it (and is no statement itself). */
    private static boolean isTerminatorLine(String s, int newline) {
        var lineText = s.substring(lineStart(s, newline), newline).strip();
        return lineText.equals("/") || lineText.equalsIgnoreCase("go");
    }

    private static int lineStart(String s, int newline) {
        int j = s.lastIndexOf('\n', newline - 1);
        return j + 1;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int j = from; j < to; j++) {
            if (s.charAt(j) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static void add(List<Statement> out, String script, int firstToken, int end, int line) {
        if (firstToken >= 0 && end > firstToken) {
            var sql = script.substring(firstToken, end).strip();
            if (!sql.isEmpty()) {
                out.add(new Statement(sql, line));
            }
        }
    }
}
