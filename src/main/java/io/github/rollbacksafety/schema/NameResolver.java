package io.github.rollbacksafety.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides which known relation (or sequence) a possibly qualified name means, the way a database resolves it
 * against its default schema, and only when that is certain enough to report a break on it.
 *
 * <p>With a {@code defaultSchema}, an unqualified name is in that schema and {@code <defaultSchema>.orders} is
 * {@code orders}: names resolve exactly. Without one, the default schema is "the one the changelog's unqualified
 * objects live in", whatever it is called:
 * <ul>
 * <li>{@code app.orders} is {@code app.orders} when the changelog has it, else the unqualified {@code orders}
 * (the changelog never said which schema that is, so it may well be {@code app});</li>
 * <li>an unqualified {@code orders} is the unqualified {@code orders}, else the one qualified {@code x.orders} (a
 * changelog that qualifies everything, with the application on that schema's search path); when several schemas
 * have an {@code orders} it is ambiguous and resolves to none;</li>
 * <li>{@code *.orders} (a schema nobody can know) is every {@code orders}.</li>
 * </ul>
 * A name that differs only in the case of a quoted part ({@code "Orders"} and {@code orders}) is another object in
 * PostgreSQL and the same in other databases: it resolves to none (no break reported on a guess) and is listed as
 * {@link Resolution#uncertain()}.
 */
public final class NameResolver {

    /** No default schema configured: unqualified names are in the changelog's own default schema. */
    public static final NameResolver UNCONFIGURED = new NameResolver(Optional.empty());

    private final Optional<String> defaultSchema;

    private NameResolver(Optional<String> defaultSchema) {
        this.defaultSchema = defaultSchema;
    }

    /** A resolver for the given default schema; {@link #UNCONFIGURED} when empty or blank. */
    public static NameResolver withDefaultSchema(Optional<String> schema) {
        return schema.filter(s -> !s.isBlank())
                .map(s -> new NameResolver(Optional.of(Identifiers.normalize(s)))).orElse(UNCONFIGURED);
    }

    /** The configured default schema, normalised. */
    public Optional<String> defaultSchema() {
        return defaultSchema;
    }

    /** The key of a name with the default schema left out ({@code public.orders} is {@code orders}). */
    public String canonical(String name) {
        var key = Identifiers.qualifiedName(name);
        if (defaultSchema.isPresent() && Identifiers.schemaOf(key).equals(defaultSchema.get())) {
            return Identifiers.bareName(key);
        }
        return key;
    }

    /**
     * What a name resolves to.
     *
     * @param keys      the known names it means (several only for an unknown schema); empty when none or unsure
     * @param uncertain known names it may mean but was not resolved to (ambiguous schema, case of a quoted part)
     */
    public record Resolution(List<String> keys, List<String> uncertain) {
        public Resolution {
            keys = List.copyOf(keys);
            uncertain = List.copyOf(uncertain);
        }

        static Resolution of(String key) {
            return new Resolution(List.of(key), List.of());
        }
    }

    /**
     * Resolves {@code name} among the known names.
     *
     * @param exists whether a key is known (the fast path)
     * @param all    every known key, scanned only when the name is not known as spelled
     */
    public Resolution resolve(String name, Predicate<String> exists, Collection<String> all) {
        var key = canonical(name);
        var schema = Identifiers.schemaOf(key);
        var bare = Identifiers.bareName(key);
        if (schema.equals(Identifiers.ANY_SCHEMA)) {
            var matches = new ArrayList<String>();
            for (var k : all) {
                if (Identifiers.bareName(k).equals(bare)) {
                    matches.add(k);
                }
            }
            return new Resolution(matches, List.of());
        }
        if (exists.test(key)) {
            return Resolution.of(key);
        }
        if (defaultSchema.isEmpty()) {
            if (!schema.isEmpty() && exists.test(bare)) {
                return Resolution.of(bare);
            }
            if (schema.isEmpty()) {
                var qualified = new ArrayList<String>();
                for (var k : all) {
                    if (Identifiers.isQualified(k) && Identifiers.bareName(k).equals(bare)) {
                        qualified.add(k);
                    }
                }
                if (qualified.size() == 1) {
                    return Resolution.of(qualified.get(0));
                }
                if (qualified.size() > 1) {
                    return new Resolution(List.of(), qualified);
                }
            }
        }
        return new Resolution(List.of(), caseVariants(key, all));
    }

    /** The resolution among the relations of a schema. */
    public Resolution resolveRelation(String name, Schema schema) {
        return resolve(name, k -> schema.relations().containsKey(k), schema.relations().keySet());
    }

    /** The resolution among the sequences of a schema. */
    public Resolution resolveSequence(String name, Schema schema) {
        return resolve(name, schema.sequences()::contains, schema.sequences());
    }

    /** Known names equal to {@code key} but for the case of quoted parts. */
    private static List<String> caseVariants(String key, Collection<String> all) {
        if (key.indexOf('"') < 0 && all.stream().noneMatch(k -> k.indexOf('"') >= 0)) {
            return List.of();
        }
        var folded = fold(key);
        return all.stream().filter(k -> !k.equals(key) && fold(k).equals(folded)).toList();
    }

    private static String fold(String key) {
        return key.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return defaultSchema.map(s -> "default schema " + s).orElse("default schema of the changelog");
    }
}
