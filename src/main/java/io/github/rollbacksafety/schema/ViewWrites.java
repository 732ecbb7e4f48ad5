package io.github.rollbacksafety.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether rows can be written through a view, as a database's automatically updatable views allow (PostgreSQL's
 * rules, which MySQL, SQL Server and Oracle share for the cases that matter here): the view reads exactly one
 * table (or view), without DISTINCT, GROUP BY, HAVING, aggregates, window functions, set operations, WITH or
 * LIMIT; then INSERT, UPDATE and DELETE work, but only its plain column references can be written, not the columns
 * it computes ({@code CASE}, expressions, function calls, constants).
 *
 * @param readOnlyBecause why no row can be written through the view at all, e.g. {@code joins several tables};
 *                        empty when it is updatable
 * @param baseRelation    the one table or view it reads (empty when read-only)
 * @param computed        output columns it computes, normalised, each with how ({@code CASE expression})
 */
public record ViewWrites(Optional<String> readOnlyBecause, Optional<String> baseRelation,
                         Map<String, String> computed) {

    public ViewWrites {
        baseRelation = baseRelation.map(Identifiers::qualifiedName);
        var normalised = new LinkedHashMap<String, String>();
        computed.forEach((column, how) -> normalised.put(Identifiers.normalize(column), how));
        computed = java.util.Collections.unmodifiableMap(normalised);
    }

    /** A view no row can be written through. */
    public static ViewWrites readOnly(String because) {
        return new ViewWrites(Optional.of(because), Optional.empty(), Map.of());
    }

    /** An updatable view over {@code base}, with the columns it computes. */
    public static ViewWrites updatable(String base, Map<String, String> computed) {
        return new ViewWrites(Optional.empty(), Optional.of(base), computed);
    }

    /** How the view computes the column, when it does (then the column cannot be written). */
    public Optional<String> computedHow(String column) {
        return Optional.ofNullable(computed.get(Identifiers.normalize(column)));
    }
}
