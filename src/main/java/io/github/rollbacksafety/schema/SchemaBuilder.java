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
    private final NameResolver names;

    public SchemaBuilder() {
        this(NameResolver.UNCONFIGURED);
    }

    /** An empty model whose names resolve with {@code names} (the configured default schema). */
    public SchemaBuilder(NameResolver names) {
        this.names = names;
    }

    public SchemaBuilder(Schema start) {
        this.names = start.names();
        relations.putAll(start.relations());
        sequences.addAll(start.sequences());
        uniques.putAll(start.uniques());
    }

    public Schema snapshot() {
        return new Schema(relations, sequences, uniques, names);
    }

    /** A read-only view that follows this builder (see {@link Schema#liveView}); do not keep it past an apply. */
    public Schema liveView() {
        return Schema.liveView(relations, sequences, uniques, names);
    }

    /**
     * The op with its names resolved against the objects known now ({@link NameResolver}): {@code clinlims.orders}
     * becomes {@code orders} when the changelog created it unqualified, and the other way round. Rules see these
     * names, so that a change and the previous release's queries meet on one key. A rename stays in its schema.
     */
    public SchemaOp resolved(SchemaOp op) {
        if (op instanceof SchemaOp.CreateTable t) {
            return new SchemaOp.CreateTable(names.canonical(t.table()), t.columns());
        } else if (op instanceof SchemaOp.CreateView v) {
            return new SchemaOp.CreateView(v.replace() ? relationKey(v.view()) : names.canonical(v.view()),
                    v.replace(), v.selectSql(), v.columns(), v.writes());
        } else if (op instanceof SchemaOp.DropTable t) {
            return new SchemaOp.DropTable(relationKey(t.table()));
        } else if (op instanceof SchemaOp.DropView v) {
            return new SchemaOp.DropView(relationKey(v.view()));
        } else if (op instanceof SchemaOp.RenameTable r) {
            var from = relationKey(r.from());
            return new SchemaOp.RenameTable(from, names.canonical(sameSchema(from, r.to())));
        } else if (op instanceof SchemaOp.AddColumn a) {
            return new SchemaOp.AddColumn(relationKey(a.table()), a.column());
        } else if (op instanceof SchemaOp.DropColumn d) {
            return new SchemaOp.DropColumn(relationKey(d.table()), d.column());
        } else if (op instanceof SchemaOp.RenameColumn r) {
            return new SchemaOp.RenameColumn(relationKey(r.table()), r.from(), r.to());
        } else if (op instanceof SchemaOp.AlterType a) {
            return new SchemaOp.AlterType(relationKey(a.table()), a.column(), a.newType());
        } else if (op instanceof SchemaOp.SetNotNull s) {
            return new SchemaOp.SetNotNull(relationKey(s.table()), s.column());
        } else if (op instanceof SchemaOp.DropNotNull s) {
            return new SchemaOp.DropNotNull(relationKey(s.table()), s.column());
        } else if (op instanceof SchemaOp.SetDefault s) {
            return new SchemaOp.SetDefault(relationKey(s.table()), s.column(), s.value());
        } else if (op instanceof SchemaOp.DropDefault s) {
            return new SchemaOp.DropDefault(relationKey(s.table()), s.column());
        } else if (op instanceof SchemaOp.AddUnique u) {
            return new SchemaOp.AddUnique(relationKey(u.table()), u.columns(), u.name());
        } else if (op instanceof SchemaOp.DropUnique u) {
            return new SchemaOp.DropUnique(u.table().map(this::relationKey), u.name(), u.columns());
        } else if (op instanceof SchemaOp.AddForeignKey f) {
            return new SchemaOp.AddForeignKey(relationKey(f.table()), f.columns(), relationKey(f.referencedTable()),
                    f.referencedColumns());
        } else if (op instanceof SchemaOp.AddCheck c) {
            return new SchemaOp.AddCheck(relationKey(c.table()), c.condition());
        } else if (op instanceof SchemaOp.DataChange d) {
            return new SchemaOp.DataChange(relationKey(d.table()), d.kind());
        } else if (op instanceof SchemaOp.CreateSequence s) {
            return new SchemaOp.CreateSequence(names.canonical(s.sequence()));
        } else if (op instanceof SchemaOp.DropSequence s) {
            return new SchemaOp.DropSequence(sequenceKey(s.sequence()));
        } else if (op instanceof SchemaOp.RenameSequence r) {
            var from = sequenceKey(r.from());
            return new SchemaOp.RenameSequence(from, names.canonical(sameSchema(from, r.to())));
        }
        return op;
    }

    /** The known relation a name means, or its canonical spelling when none (or not one for sure). */
    private String relationKey(String name) {
        var keys = names.resolve(name, relations::containsKey, relations.keySet()).keys();
        return keys.size() == 1 ? keys.get(0) : names.canonical(name);
    }

    private String sequenceKey(String name) {
        var keys = names.resolve(name, sequences::contains, sequences).keys();
        return keys.size() == 1 ? keys.get(0) : names.canonical(name);
    }

    /** {@code to} in the schema of {@code from}: a rename does not move an object to another schema. */
    private static String sameSchema(String from, String to) {
        return Identifiers.qualify(Identifiers.schemaOf(from), Identifiers.bareName(to));
    }

    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(name));
    }

    /** Applies one op, its names resolved first ({@link #resolved}). */
    public SchemaBuilder apply(SchemaOp op) {
        op = resolved(op);
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
            relations.put(v.view(), Relation.view(v.view(), v.selectSql(), v.columns(), v.writes()));
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
