package io.github.rollbacksafety.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays {@link SchemaOp}s into a mutable model; {@link #snapshot()} gives an immutable {@link Schema}.
 * Replay is lenient: an op on an object the model does not know (created outside Liquibase, or by SQL we could
 * not analyse) is ignored rather than failing, because the check must not be stricter than the database.
 */
public final class SchemaBuilder {

    private final Map<String, Relation> relations = new HashMap<>();
    private final Set<String> sequences = new HashSet<>();
    private final Map<String, Schema.UniqueKey> uniques = new HashMap<>();

    public SchemaBuilder() {
    }

    public SchemaBuilder(Schema start) {
        relations.putAll(start.relations());
        sequences.addAll(start.sequences());
        uniques.putAll(start.uniques());
    }

    public Schema snapshot() {
        return new Schema(relations, sequences, uniques);
    }

    /** A read-only view that follows this builder (see {@link Schema#liveView}); do not keep it past an apply. */
    public Schema liveView() {
        return Schema.liveView(relations, sequences, uniques);
    }

    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(name));
    }

    /** Applies one op. */
    public SchemaBuilder apply(SchemaOp op) {
        if (op instanceof SchemaOp.CreateTable t) {
            relations.put(t.table(), Relation.table(t.table(), t.columns()));
        } else if (op instanceof SchemaOp.AddUnique u && u.name().isPresent()) {
            uniques.put(Identifiers.bareName(u.name().get()), new Schema.UniqueKey(u.table(), u.columns()));
        } else if (op instanceof SchemaOp.DropUnique d) {
            uniques.remove(d.name());
        } else if (op instanceof SchemaOp.DropTable t) {
            relations.remove(t.table());
            uniques.values().removeIf(k -> k.table().equals(t.table()));
        } else if (op instanceof SchemaOp.RenameTable t) {
            var r = relations.remove(t.from());
            if (r != null) {
                relations.put(t.to(), r.renamed(t.to()));
            }
        } else if (op instanceof SchemaOp.AddColumn a) {
            editColumns(a.table(), cols -> cols.put(a.column().name(), Column.of(a.column())));
        } else if (op instanceof SchemaOp.DropColumn d) {
            editColumns(d.table(), cols -> cols.remove(d.column()));
        } else if (op instanceof SchemaOp.RenameColumn r) {
            editColumns(r.table(), cols -> renameKey(cols, r.from(), r.to()));
        } else if (op instanceof SchemaOp.AlterType a) {
            editColumn(a.table(), a.column(), c -> c.withType(a.newType()));
        } else if (op instanceof SchemaOp.SetNotNull s) {
            editColumn(s.table(), s.column(), c -> c.withNullable(false));
        } else if (op instanceof SchemaOp.DropNotNull s) {
            editColumn(s.table(), s.column(), c -> c.withNullable(true));
        } else if (op instanceof SchemaOp.SetDefault s) {
            editColumn(s.table(), s.column(), c -> c.withDefault(Optional.of(s.value())));
        } else if (op instanceof SchemaOp.DropDefault s) {
            editColumn(s.table(), s.column(), c -> c.withDefault(Optional.empty()));
        } else if (op instanceof SchemaOp.CreateView v) {
            relations.put(v.view(), Relation.view(v.view(), v.selectSql(), v.columns()));
        } else if (op instanceof SchemaOp.DropView v) {
            relations.remove(v.view());
        } else if (op instanceof SchemaOp.CreateSequence s) {
            sequences.add(s.sequence());
        } else if (op instanceof SchemaOp.DropSequence s) {
            sequences.remove(s.sequence());
        } else if (op instanceof SchemaOp.RenameSequence s) {
            if (sequences.remove(s.from())) {
                sequences.add(s.to());
            }
        }
        // constraints, data changes and unanalysable changes do not change the shape the rules look at
        return this;
    }

    private void editColumns(String table, java.util.function.Consumer<LinkedHashMap<String, Column>> edit) {
        var r = relations.get(table);
        if (r == null) {
            return;
        }
        var cols = new LinkedHashMap<>(r.columns());
        edit.accept(cols);
        relations.put(table, r.withColumns(cols));
    }

    private static void renameKey(LinkedHashMap<String, Column> cols, String from, String to) {
        if (!cols.containsKey(from)) {
            return;
        }
        var renamed = new LinkedHashMap<String, Column>();
        cols.forEach((k, v) -> {
            if (k.equals(from)) {
                renamed.put(to, v.withName(to));
            } else {
                renamed.put(k, v);
            }
        });
        cols.clear();
        cols.putAll(renamed);
    }

    private void editColumn(String table, String column, java.util.function.UnaryOperator<Column> edit) {
        editColumns(table, cols -> cols.computeIfPresent(column, (k, c) -> edit.apply(c)));
    }
}
