package io.github.rollbacksafety.query;

import java.util.regex.Pattern;

/**
 * Decides whether a string from code looks like an SQL statement: a leading statement keyword followed by the
 * structure that keyword needs ({@code select ... from}, {@code insert into}, {@code update x set},
 * {@code delete from}, {@code with x as (}, {@code merge into}, {@code truncate [table] x}, {@code call p(...)}
 * with a name or arguments prose does not have, {@code copy x from stdin}). A string that merely contains a column
 * or table name is not usage; the engine parses what passes. Shared by the bytecode and the Java source readers.
 */
public final class SqlShape {

    private static final int MAX_LENGTH = 100_000;
    private static final Pattern SHAPE = Pattern.compile(
            "(?is)\\A[\\s(]*(?:"
                    + "select\\s.*?\\sfrom\\s+\\S"
                    + "|select\\s+(?:nextval|currval|next\\s+value\\s+for)\\b"
                    + "|insert\\s+(?:ignore\\s+)?into\\s+\\S"
                    + "|update\\s+\\S+(?:\\s+(?:as\\s+)?\\w+)?\\s+set\\s"
                    + "|delete\\s+(?:\\S+\\s+)?from\\s+\\S"
                    + "|with\\s+(?:recursive\\s+)?\\S+\\s*(?:\\([^)]*\\)\\s*)?as\\s*(?:not\\s+)?(?:materialized\\s*)?\\("
                    + "|merge\\s+into\\s+\\S"
                    + "|truncate\\s+table\\s+\\S"
                    + "|truncate\\s+(?:only\\s+)?[\\w.\"]+(?:\\s*,\\s*[\\w.\"]+)*\\s*"
                    + "(?:;|(?:restart|continue|cascade|restrict)\\b)"
                    + "|truncate\\s+(?:only\\s+)?[\\w\"]*[_.\"][\\w.\"]*\\s*\\z"
                    // a procedure call: a JDBC escape, or a name or arguments no prose has (snake_case, dots, ?)
                    + "|\\{\\s*(?:\\?\\s*=\\s*)?call\\s+[\\w.$]+"
                    + "|call\\s+[\\w$]*[_.][\\w.$]*\\s*\\("
                    + "|call\\s+[\\w.$]+\\s*\\([^)]*[?:][^)]*\\)"
                    // PostgreSQL COPY to or from a file, STDIN/STDOUT or a program ("copy text to clipboard" is not)
                    + "|copy\\s+[\\w.\"]+\\s*(?:\\([^)]*\\)\\s*)?(?:from|to)\\s+"
                    + "(?:stdin|stdout|'|program\\s)"
                    + "|copy\\s*\\(\\s*(?:select|with)\\s"
                    + ")");
    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)\\A[\\s(]*(?:(?:select|insert|update|delete|with|merge|truncate|call|copy)\\s|\\{)");

    private SqlShape() {
    }

    public static boolean looksLikeSql(String s) {
        // the cheap keyword test first: most constants of an application are not SQL
        if (s.length() < 12 || s.length() > MAX_LENGTH || !KEYWORD.matcher(s).lookingAt()) {
            return false;
        }
        // prose ("Select a product from the list.") ends like a sentence; SQL does not
        var trimmed = s.strip();
        if (trimmed.endsWith(".") || trimmed.endsWith("!")) {
            return false;
        }
        return SHAPE.matcher(s).lookingAt();
    }
}
