package io.github.rollbacksafety.schema;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of a database schema: tables, views and sequences, keyed by bare normalised name.
 * Built by replaying {@link SchemaOp}s with a {@link SchemaBuilder}.
 */
public record Schema(Map<String, Relation> relations, Set<String> sequences) {

    public static final Schema EMPTY = new Schema(Map.of(), Set.of());

    public Schema {
        relations = Map.copyOf(relations);
        sequences = Set.copyOf(sequences);
    }

    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(Identifiers.bareName(name)));
    }

    public Optional<Relation> table(String name) {
        return relation(name).filter(r -> !r.view());
    }

    public Optional<Relation> view(String name) {
        return relation(name).filter(Relation::view);
    }

    public Optional<Column> column(String table, String column) {
        return relation(table).flatMap(r -> r.column(column));
    }

    public boolean hasSequence(String name) {
        return sequences.contains(Identifiers.bareName(name));
    }
}
