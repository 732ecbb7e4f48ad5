package io.github.rollbacksafety.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements on {@code ;}, on a line holding only {@code GO} or {@code GO n} (SQL Server)
 * and on a line holding only {@code /} (Oracle SQL*Plus), never inside string literals (with PostgreSQL's
 * backslash escapes in {@code E'...'}), quoted identifiers, {@code --} comments, block comments (which nest, as in
 * PostgreSQL and SQL Server) or PostgreSQL dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}). The one
 * splitter for both changelog SQL (the DDL translator) and the previous release's SQL (the query sources).
 *
 * <p>One linear pass that also keeps the line each statement starts on and measures its parenthesis nesting, so
 * that the translator can refuse pathological input before a recursive-descent parser overflows its stack on it.
 * Pieces holding nothing but comments and blanks are dropped. Stateless and thread-safe.
 */
public final class SqlScriptSplitter {

    /**
     * One statement of a script.
     *
     * @param text     the statement without its separator, from its first code character (leading comments dropped)
     * @param line     the 1-based line of the script its first code character is on
     * @param maxDepth the deepest parenthesis nesting outside quotes and comments
     * @param commas   the commas outside quotes and comments: a cheap measure of list sizes ({@code IN (...)},
     *                 {@code VALUES (...), (...)}), whose parse time grows with them
     */
    public record Piece(String text, int line, int maxDepth, int commas) {

        /** The first line of the statement, shortened for messages. */
        public String firstLine() {
            return SqlScriptSplitter.firstLine(text);
        }
    }

    private static final int FIRST_LINE_LIMIT = 120;

    private SqlScriptSplitter() {
    }

    public static List<Piece> split(String script) {
        return new Scan(script).run();
    }

    public static String firstLine(String text) {
        var stripped = text.strip();
        int end = stripped.indexOf('\n');
        var line = (end < 0 ? stripped : stripped.substring(0, end)).strip();
        return line.length() <= FIRST_LINE_LIMIT ? line : line.substring(0, FIRST_LINE_LIMIT) + "...";
    }

    /** The mutable state of one pass; never shared between calls. */
    private static final class Scan {
        private final String s;
        private final int n;
        private final List<Piece> pieces = new ArrayList<>();
        private int codeStart = -1;
        // line counting up to the last statement start: statements start in order, so the pass stays linear
        private int countedTo;
        private int line = 1;
        private int depth;
        private int maxDepth;
        private int commas;

        Scan(String s) {
            this.s = s;
            this.n = s.length();
        }

        List<Piece> run() {
            int i = 0;
            boolean lineStart = true;
            while (i < n) {
                if (lineStart) {
                    int separatorEnd = lineSeparatorEnd(i);
                    if (separatorEnd >= 0) {
                        finish(i);
                        i = separatorEnd;
                        continue;
                    }
                }
                char c = s.charAt(i);
                lineStart = c == '\n';
                if (c == '-' && next(i) == '-') {
                    i = lineEnd(i);
                } else if (c == '/' && next(i) == '*') {
                    i = blockCommentEnd(i);
                } else if (c == ';') {
                    finish(i);
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else {
                    if (codeStart < 0) {
                        codeStart = i;
                    }
                    i = code(i, c);
                }
            }
            finish(n);
            return pieces;
        }

        /** Consumes one code token starting at {@code i}; returns the index after it. */
        private int code(int i, char c) {
            if (c == '\'') {
                return quoteEnd(i, '\'', isEscapeString(i));
            }
            if (c == '"' || c == '`') {
                return quoteEnd(i, c, false);
            }
            if (c == '$') {
                return dollarQuoteEnd(i);
            }
            if (c == '(') {
                depth++;
                maxDepth = Math.max(maxDepth, depth);
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',') {
                commas++;
            }
            return i + 1;
        }

        private void finish(int end) {
            if (codeStart >= 0) {
                var text = s.substring(codeStart, end).strip();
                if (!text.isEmpty()) {
                    pieces.add(new Piece(text, lineOf(codeStart), maxDepth, commas));
                }
            }
            codeStart = -1;
            depth = 0;
            maxDepth = 0;
            commas = 0;
        }

        private int lineOf(int position) {
            for (; countedTo < position; countedTo++) {
                if (s.charAt(countedTo) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private char next(int i) {
            return i + 1 < n ? s.charAt(i + 1) : 0;
        }

        private int lineEnd(int i) {
            int end = s.indexOf('\n', i);
            return end < 0 ? n : end;
        }

        /** A line holding only {@code GO} (optionally with a count) or {@code /}: the index after it, else -1. */
        private int lineSeparatorEnd(int i) {
            int end = lineEnd(i);
            if (end - i > 16) {
                return -1;
            }
            var line = s.substring(i, end).strip();
            boolean go = line.length() >= 2 && line.regionMatches(true, 0, "GO", 0, 2)
                    && line.substring(2).strip().chars().allMatch(Character::isDigit);
            return go || line.equals("/") ? end : -1;
        }

        /** PostgreSQL block comments nest. */
        private int blockCommentEnd(int i) {
            int level = 0;
            int j = i;
            while (j < n) {
                if (s.charAt(j) == '/' && next(j) == '*') {
                    level++;
                    j += 2;
                } else if (s.charAt(j) == '*' && next(j) == '/') {
                    level--;
                    j += 2;
                    if (level == 0) {
                        return j;
                    }
                } else {
                    j++;
                }
            }
            return n;
        }

        /** PostgreSQL {@code E'...'} strings escape with a backslash; standard strings double the quote. */
        private boolean isEscapeString(int quote) {
            if (quote == 0 || Character.toUpperCase(s.charAt(quote - 1)) != 'E') {
                return false;
            }
            return quote == 1 || !isIdentifierChar(s.charAt(quote - 2));
        }

        private int quoteEnd(int i, char quote, boolean backslashEscapes) {
            int j = i + 1;
            while (j < n) {
                char c = s.charAt(j);
                if (backslashEscapes && c == '\\') {
                    j += 2;
                } else if (c == quote) {
                    return j + 1; // a doubled quote simply opens the next quoted run
                } else {
                    j++;
                }
            }
            return n;
        }

        /** {@code $$...$$} or {@code $tag$...$tag$}; {@code $1} and {@code a$b} are not quotes. */
        private int dollarQuoteEnd(int i) {
            if (i > 0 && isIdentifierChar(s.charAt(i - 1))) {
                return i + 1;
            }
            int j = i + 1;
            while (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
                    || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
                j++;
            }
            if (j >= n || s.charAt(j) != '$') {
                return i + 1;
            }
            var tag = s.substring(i, j + 1);
            int close = s.indexOf(tag, j + 1);
            return close < 0 ? n : close + tag.length();
        }

        private static boolean isIdentifierChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
