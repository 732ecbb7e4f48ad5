package io.github.rollbacksafety.report;

/** Escaping for the text formats: HTML, Markdown, and characters XML 1.0 cannot carry. */
final class Escaping {

    private Escaping() {
    }

    /** HTML text and attribute values. */
    static String html(String s) {
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return xmlChars(out.toString());
    }

    /**
     * Markdown prose: characters that would start emphasis, code, links, HTML or table cells are escaped, so a
     * message is shown as written.
     */
    static String markdown(String s) {
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> { }
                case '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An inline code span that shows {@code s} literally: the fence is longer than any backtick run in the text and
     * line breaks become spaces.
     */
    static String markdownCode(String s) {
        return codeSpan(s.replace("\r", "").replace('\n', ' '));
    }

    /**
     * A code span for a GitHub table cell: as {@link #markdownCode}, and pipes are escaped because GFM splits
     * cells before it parses code spans (the backslash is removed again inside the cell).
     */
    static String markdownCell(String s) {
        return codeSpan(s.replace("\r", "").replace('\n', ' ').replace("|", "\\|"));
    }

    private static String codeSpan(String text) {
        if (text.isEmpty()) {
            return "";
        }
        var fence = "`".repeat(longestRun(text, '`') + 1);
        var pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }

    /** A fenced code block that cannot be closed early by backticks in its content. */
    static String markdownBlock(String language, String s) {
        var fence = "`".repeat(Math.max(3, longestRun(s, '`') + 1));
        return fence + language + "\n" + s.replace("\r", "").strip() + "\n" + fence + "\n";
    }

    /** Drops characters XML 1.0 does not allow (control characters other than tab, newline, carriage return). */
    static String xmlChars(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || Character.isSurrogate(c);
            if (!ok && out == null) {
                out = new StringBuilder(s.length());
                out.append(s, 0, i);
            }
            if (out != null && ok) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
