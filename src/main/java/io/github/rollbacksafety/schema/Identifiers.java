package io.github.rollbacksafety.schema;

import java.util.Locale;

/**
 * Normalises SQL identifiers so that names from changelogs and from queries compare equal.
 *
 * <p>Quotes ({@code "x"}, {@code `x`}, {@code [x]}) are removed and names are lower-cased. Identifiers are
 * compared case-insensitively even when quoted: a rollback check that misses a break because one side quoted
 * a name is worse than one that matches a little too eagerly. A schema prefix is dropped (tables are keyed by
 * their bare name), because applications rarely spell the schema the same way as their changelogs.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** The comparable form of one identifier part: unquoted and lower-case. */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        var s = raw.strip();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
                s = s.substring(1, s.length() - 1);
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** The comparable bare name of a possibly qualified name such as {@code public.orders} or {@code [dbo].[orders]}. */
    public static String bareName(String qualified) {
        if (qualified == null) {
            return "";
        }
        var parts = splitQualified(qualified.strip());
        return normalize(parts[parts.length - 1]);
    }

    private static String[] splitQualified(String name) {
        var parts = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == '[') {
                quote = ']';
                current.append(c);
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.toArray(String[]::new);
    }
}
