package io.github.rollbacksafety.git;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells SQL statements apart from other strings in source code: a statement keyword followed by the structure
 * that keyword needs ({@code select ... from}, {@code insert into}, {@code update t set}, {@code delete from},
 * {@code with x as (}, {@code merge into}). Column names, log messages and labels do not pass.
 */
final class SqlShape {

    private static final Set<String> KEYWORDS = Set.of("select", "insert", "update", "delete", "with", "merge");

    private static final Pattern STATEMENT = Pattern.compile("(?is)\\s*(?:"
            + "select\\s.*?\\bfrom\\s+\\S"
            + "|select\\s+(?:nextval|currval|next\\s+value\\s+for)\\b"
            + "|insert\\s+(?:ignore\\s+)?into\\s+\\S"
            + "|update\\s+\\S+(?:\\s+(?:as\\s+)?\\w+)?\\s+set\\s"
            + "|delete\\s+(?:\\S+\\s+)?from\\s+\\S"
            + "|with\\s+(?:recursive\\s+)?\\S+\\s*(?:\\([^)]*\\)\\s*)?as\\s*(?:not\\s+)?(?:materialized\\s*)?\\("
            + "|merge\\s+into\\s+\\S)");

    private SqlShape() {
    }

    static boolean looksLikeSql(String text) {
        int start = 0;
        int n = text.length();
        while (start < n && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < n && Character.isLetter(text.charAt(end))) {
            end++;
        }
        // cheap test first: almost no string in a code base starts with a statement keyword
        if (end - start < 4 || end - start > 6
                || !KEYWORDS.contains(text.substring(start, end).toLowerCase(Locale.ROOT))) {
            return false;
        }
        var trimmed = text.strip();
        // prose ("Select a product from the list.") ends like a sentence; SQL does not
        if (trimmed.endsWith(".") || trimmed.endsWith("!")) {
            return false;
        }
        return STATEMENT.matcher(text).lookingAt();
    }
}
