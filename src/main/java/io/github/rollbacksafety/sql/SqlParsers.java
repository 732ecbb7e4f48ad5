package io.github.rollbacksafety.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * The one place JSqlParser is configured, and the bounds within which it is called. The parser runs directly on
 * the calling thread (no timeout thread per statement: about four times faster); what keeps pathological input
 * cheap is refusing it before parsing: too long, or nested too deeply for JSqlParser's recursive descent, which
 * overflows the stack at a few hundred levels and slows down sharply before that.
 */
public final class SqlParsers {

    /** Longest statement parsed; a 50,000-element IN list is about 300 kB and parses in well under a second. */
    public static final int MAX_LENGTH = 1_000_000;
    /** Deepest bracket nesting parsed; 500 levels still parse on a 1 MB stack, 800 do not. */
    public static final int MAX_NESTING = 200;

    private SqlParsers() {
    }

    /** A parser for one statement of the previous release's queries; {@code ReInit} it for the next one. */
    public static CCJSqlParser forQuery(String sql) {
        return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true);
    }

    /**
     * A parser for changelog SQL, a script of statements: PostgreSQL dollar-quoted bodies too. SQL Server
     * {@code [quoted]} names and backslash escapes ({@code E'\''}) only when asked for, after a plain parse failed:
     * either option changes the meaning of otherwise valid text (PostgreSQL arrays, standard strings ending in a
     * backslash).
     */
    public static CCJSqlParser forScript(String sql, boolean squareBrackets, boolean backslashEscapes) {
        return CCJSqlParserUtil.newParser(sql)
                .withAllowComplexParsing(true)
                .withDollarQuotedStringTags(true)
                .withSquareBracketQuotation(squareBrackets)
                .withBackslashEscapeCharacter(backslashEscapes);
    }
}
