package io.github.rollbacksafety.query;

import java.util.regex.Pattern;

/**
 * Decides whether a string from code looks like an SQL statement: a leading statement keyword followed by the
 * structure that keyword needs ({@code select ... from}, {@code insert into}, {@code update x set},
 * {@code delete from}, {@code with x as (}, {@code merge into}). A string that merely contains a column or table
 * name is not usage; the engine parses what passes. Shared by the bytecode and the Java source readers.
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
                    + ")");
    private static final Pattern KEYWORD = Pattern.compile("(?i)\\A[\\s(]*(select|insert|update|delete|with|merge)\\s");

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
