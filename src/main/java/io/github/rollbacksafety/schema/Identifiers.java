package io.github.rollbacksafety.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalises SQL identifiers so that names from changelogs and from queries compare equal when they name the same
 * object, and differ when they may not.
 *
 * <p>One part: unquoted names fold to lower case (as PostgreSQL folds them; the other databases fold the other
 * way, which compares the same). A double-quoted name keeps its case unless it is all lower case, because
 * {@code "Orders"} is not {@code orders} in PostgreSQL, Oracle, H2 or DB2; its key keeps the quotes
 * ({@code "Orders"}). Back-quoted and bracketed names fold like unquoted ones: MySQL and SQL Server compare them
 * case-insensitively by default.
 *
 * <p>A qualified name keeps its schema: {@code archive.orders} is not {@code app.orders}. Its key is
 * {@code schema.name} (a catalog before the schema is dropped); an unqualified name's key is the bare name. Which
 * unqualified name is which qualified one is the {@link NameResolver}'s business (default schema, search path).
 * {@value #ANY_SCHEMA} as the schema stands for a schema nobody can know (a MyBatis {@code ${schema}.orders}).
 */
public final class Identifiers {

    /** The schema part of a name whose schema is a placeholder: it may be any schema. */
    public static final String ANY_SCHEMA = "*";

    private Identifiers() {
    }

    /** The comparable form of one identifier part (see the class comment). */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        var s = raw.strip();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if (first == '"' && last == '"') {
                var inside = s.substring(1, s.length() - 1);
                return inside.equals(inside.toLowerCase(Locale.ROOT)) ? inside : s;
            }
            if ((first == '`' && last == '`') || (first == '[' && last == ']')) {
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
        return normalize(parts.get(parts.size() - 1));
    }

    /**
     * The key of a possibly qualified table, view or sequence name: {@code schema.name} when it names a schema,
     * else the bare name; both parts normalised. {@code db.schema.name} keeps the last two parts.
     */
    public static String qualifiedName(String raw) {
        if (raw == null) {
            return "";
        }
        var parts = splitQualified(raw.strip());
        var name = normalize(parts.get(parts.size() - 1));
        if (parts.size() < 2) {
            return name;
        }
        var schema = parts.get(parts.size() - 2).strip();
        return qualify(schema.equals(ANY_SCHEMA) ? ANY_SCHEMA : schema, name);
    }

    /** The key of {@code name} in {@code schema} (a Liquibase {@code schemaName}); the bare name when blank. */
    public static String qualify(String schema, String name) {
        var bare = bareName(name);
        if (schema == null || schema.isBlank()) {
            return qualifiedName(name);
        }
        var s = schema.strip().equals(ANY_SCHEMA) ? ANY_SCHEMA : normalize(schema);
        return s.isEmpty() || bare.isEmpty() ? bare : s + "." + bare;
    }

    /** The schema part of a key, empty when unqualified. */
    public static String schemaOf(String key) {
        var parts = splitQualified(key);
        return parts.size() < 2 ? "" : parts.get(parts.size() - 2);
    }

    /** Whether the key names a schema. */
    public static boolean isQualified(String key) {
        return !schemaOf(key).isEmpty();
    }

    private static List<String> splitQualified(String name) {
        var parts = new ArrayList<String>();
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
        return parts;
    }
}
