package io.github.rollbacksafety.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of a database schema: tables, views and sequences, keyed by normalised name (schema kept
 * when the changelog gave one, see {@link Identifiers#qualifiedName}). Built by replaying {@link SchemaOp}s with a
 * {@link SchemaBuilder}; its {@link NameResolver} says how the names of queries and later changes find these.
 */
public final class Schema {

    public static final Schema EMPTY = new Schema(Map.of(), Set.of());

    private final Map<String, Relation> relations;
    private final Set<String> sequences;
    private final Map<String, UniqueKey> uniques;
    private final NameResolver names;

    /** A named unique constraint or unique index: the columns that a conflict target ({@code ON CONFLICT}) names. */
    public record UniqueKey(String table, List<String> columns) {
        public UniqueKey {
            columns = List.copyOf(columns);
        }
    }

    public Schema(Map<String, Relation> relations, Set<String> sequences) {
        this(relations, sequences, Map.of());
    }

    public Schema(Map<String, Relation> relations, Set<String> sequences, Map<String, UniqueKey> uniques) {
        this(relations, sequences, uniques, NameResolver.UNCONFIGURED);
    }

    public Schema(Map<String, Relation> relations, Set<String> sequences, Map<String, UniqueKey> uniques,
                  NameResolver names) {
        this.relations = Map.copyOf(relations);
        this.sequences = Set.copyOf(sequences);
        this.uniques = Map.copyOf(uniques);
        this.names = names;
    }

    private Schema(Map<String, Relation> relations, Set<String> sequences, Map<String, UniqueKey> uniques,
                   NameResolver names, boolean live) {
        this.relations = Collections.unmodifiableMap(relations);
        this.sequences = Collections.unmodifiableSet(sequences);
        this.uniques = Collections.unmodifiableMap(uniques);
        this.names = names;
    }

    /**
     * A read-only view over a builder's maps: no copy, so it follows the builder. For a reader that moves on
     * with the builder (the rule context's "schema just before this change"), where a copy per change would make
     * a release of n changes over t tables cost n * t.
     */
    static Schema liveView(Map<String, Relation> relations, Set<String> sequences, Map<String, UniqueKey> uniques,
                           NameResolver names) {
        return new Schema(relations, sequences, uniques, names, true);
    }

    /** How names of queries and later changes resolve to this schema's keys (the default schema). */
    public NameResolver names() {
        return names;
    }

    /** An empty schema whose names resolve with {@code names}. */
    public static Schema empty(NameResolver names) {
        return new Schema(Map.of(), Set.of(), Map.of(), names);
    }

    /** Named unique constraints and unique indexes by bare normalised name. */
    public Map<String, UniqueKey> uniques() {
        return uniques;
    }

    /** The unique constraint or unique index of that name, if the replayed changelogs created one. */
    public Optional<UniqueKey> unique(String name) {
        return Optional.ofNullable(uniques.get(Identifiers.bareName(name)));
    }

    /** Tables and views by normalised (possibly schema-qualified) name. */
    public Map<String, Relation> relations() {
        return relations;
    }

    /** Sequence names, normalised (possibly schema-qualified). */
    public Set<String> sequences() {
        return sequences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && relations.equals(other.relations) && sequences.equals(other.sequences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relations, sequences);
    }

    @Override
    public String toString() {
        return "Schema" + relations.keySet() + " sequences " + sequences;
    }

    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(Identifiers.qualifiedName(name)));
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
        return sequences.contains(Identifiers.qualifiedName(name));
    }
}
