package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.QueryUsage.Access;
import io.github.rollbacksafety.query.QueryUsage.ColumnUse;
import io.github.rollbacksafety.query.QueryUsage.InsertUse;
import io.github.rollbacksafety.query.QueryUsage.TableUse;
import io.github.rollbacksafety.query.mapping.MappingModel.Attribute;
import io.github.rollbacksafety.query.mapping.MappingModel.AttributeKind;
import io.github.rollbacksafety.query.mapping.MappingModel.ColumnSpec;
import io.github.rollbacksafety.query.mapping.MappingModel.Inheritance;
import io.github.rollbacksafety.query.mapping.MappingModel.MappedType;
import io.github.rollbacksafety.query.mapping.MappingModel.Name;
import io.github.rollbacksafety.query.mapping.MappingModel.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns each mapped entity into one {@link QueryUsage}: the tables it reads and writes, every mapped column
 * (read, and written when updatable), one insert per table naming exactly the insertable columns, and the
 * sequences of its generators. Names are emitted as the release's naming spells them
 * ({@link MappingModel#spellings(Name)}).
 */
public final class MappingUsages {

    private static final Name DTYPE = Name.explicit("DTYPE");
    private static final int MAX_EMBEDDING_DEPTH = 8;

    private final MappingModel model;
    /** Root entities that have entity subclasses (they need a discriminator under SINGLE_TABLE). */
    private final Set<String> rootsWithSubclasses = new java.util.HashSet<>();

    /** @param model a complete model (indexed) */
    public MappingUsages(MappingModel model) {
        this.model = model;
        for (var t : model.types()) {
            var root = model.rootEntity(t);
            if (t.role == Role.ENTITY && root != t) {
                rootsWithSubclasses.add(root.className);
            }
        }
    }

    /** One mapped column, in the table it lives in. */
    record MappedColumn(String table, Name name, boolean insertable, boolean updatable) {
    }

    /**
     * An entity flattened to tables: the columns of each table it inserts into, columns it maintains in other
     * entities' tables, its sequences, and the columns behind each attribute path ({@code address.street},
     * {@code customer} for a foreign key) for JPQL translation.
     */
    static final class Sink {
        final Map<String, List<MappedColumn>> byTable = new LinkedHashMap<>();
        final List<MappedColumn> elsewhere = new ArrayList<>();
        final Set<String> sequences = new LinkedHashSet<>();
        final Map<String, List<MappedColumn>> byPath = new HashMap<>();

        void add(MappedColumn c) {
            byTable.computeIfAbsent(c.table, k -> new ArrayList<>()).add(c);
        }

        void add(MappedColumn c, String path) {
            add(c);
            byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(c);
        }

        void table(String t) {
            byTable.computeIfAbsent(t, k -> new ArrayList<>());
        }
    }

    /** Emits a usage for every entity of the model. */
    public void emit(QueryCollector collector) {
        for (var type : model.types()) {
            if (type.role == Role.ENTITY) {
                collector.usage(usage(type));
            }
        }
    }

    /** The usage of one entity. */
    public QueryUsage usage(MappedType entity) {
        return toUsage(entity, flatten(entity));
    }

    /** The tables and columns of one entity. */
    Sink flatten(MappedType entity) {
        var sink = new Sink();
        var strategy = model.strategy(entity);
        var root = model.rootEntity(entity);
        var chain = model.chain(entity);
        var ids = idColumns(entity);
        if (strategy == Inheritance.JOINED) {
            // every entity level has its own table holding the attributes declared from it up to the next entity
            MappedType level = null;
            List<MappedType> group = new ArrayList<>();
            for (int i = chain.size() - 1; i >= 0; i--) {
                var t = chain.get(i);
                group.add(t);
                if (t.role == Role.ENTITY) {
                    level = t;
                    var table = first(level.table.or(Name.implicit(level.entityName)));
                    sink.table(table);
                    for (var g : group) {
                        addAttributes(sink, entity, g, table);
                    }
                    if (level != root) {
                        var pk = level.primaryKeyJoinColumns.isEmpty() ? ids : level.primaryKeyJoinColumns;
                        for (var n : pk) {
                            sink.add(new MappedColumn(table, n, true, false));
                        }
                    } else if (root.discriminatorDeclared) {
                        sink.add(new MappedColumn(table, root.discriminator.or(DTYPE), true, false));
                    }
                    group = new ArrayList<>();
                }
            }
        } else {
            var table = first(model.table(entity));
            sink.table(table);
            for (int i = chain.size() - 1; i >= 0; i--) {
                addAttributes(sink, entity, chain.get(i), table);
            }
            if (strategy == Inheritance.SINGLE_TABLE && (root.discriminatorDeclared || hasEntitySubclass(root)
                    || root != entity)) {
                sink.add(new MappedColumn(table, root.discriminator.or(DTYPE), true, false));
            }
        }
        for (var t : chain) {
            sink.sequences.addAll(t.sequences);
        }
        addSecondaryTables(sink, entity, ids);
        return sink;
    }

    private boolean hasEntitySubclass(MappedType root) {
        return rootsWithSubclasses.contains(root.className);
    }

    private void addSecondaryTables(Sink sink, MappedType entity, List<Name> ids) {
        for (var t : model.chain(entity)) {
            for (var e : t.secondaryTables.entrySet()) {
                var pk = e.getValue().isEmpty() ? ids : e.getValue();
                for (var n : pk) {
                    sink.add(new MappedColumn(e.getKey(), n, true, false));
                }
            }
        }
    }

    private void addAttributes(Sink sink, MappedType entity, MappedType declaring, String table) {
        for (var a : declaring.attributes.values()) {
            var override = entity.overrides.get(a.name);
            var assoc = entity.associationOverrides.get(a.name);
            addAttribute(sink, entity, a, "", table, override, assoc, mergeOverrides(entity, a.name), 0);
        }
        for (var gen : declaring.generatorTables.entrySet()) {
            for (var col : gen.getValue()) {
                sink.elsewhere.add(new MappedColumn(gen.getKey(), Name.explicit(col), true, true));
            }
        }
    }

    /** Class-level overrides of an entity that reach into an inherited embedded attribute ({@code "address.street"}). */
    private static Map<String, ColumnSpec> mergeOverrides(MappedType entity, String attribute) {
        var prefix = attribute + ".";
        var result = new HashMap<String, ColumnSpec>();
        entity.overrides.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    private void addAttribute(Sink sink, MappedType entity, Attribute a, String path, String table,
                              ColumnSpec override, List<ColumnSpec> assocOverride, Map<String, ColumnSpec> outer,
                              int depth) {
        switch (a.kind) {
            case BASIC -> {
                var spec = override != null ? override : a.column;
                var name = spec.name().or(Name.implicit(a.name));
                sink.add(new MappedColumn(spec.table().isEmpty() ? table : spec.table(), name, spec.insertable(),
                        spec.updatable()), path + a.name);
            }
            case EMBEDDED -> {
                var embeddable = model.type(a.targetClass);
                if (embeddable.isEmpty() || depth > MAX_EMBEDDING_DEPTH) {
                    return;
                }
                var overrides = new HashMap<>(a.overrides);
                overrides.putAll(outer);
                for (var inner : model.allAttributes(embeddable.get()).values()) {
                    addAttribute(sink, entity, inner, path + a.name + ".", table, overrides.get(inner.name),
                            a.associationOverrides.get(inner.name), nested(overrides, inner.name), depth + 1);
                }
            }
            case TO_ONE -> {
                if (!a.mappedBy.isEmpty()) {
                    return;
                }
                if (a.joinTableDeclared) {
                    joinTable(sink, entity, a);
                    return;
                }
                for (var c : joinColumns(a, assocOverride)) {
                    sink.add(new MappedColumn(c.table().isEmpty() ? table : c.table(), c.name(), c.insertable(),
                            c.updatable()), path + a.name);
                }
            }
            case TO_MANY -> {
                if (!a.mappedBy.isEmpty()) {
                    return;
                }
                if (!a.joinColumns.isEmpty() && !a.joinTableDeclared) {
                    // unidirectional one-to-many: the foreign key lives in the target's table
                    var target = model.entity(a.targetClass);
                    if (target.isPresent()) {
                        var targetTable = first(model.table(target.get()));
                        for (var c : a.joinColumns) {
                            sink.elsewhere.add(new MappedColumn(targetTable, c.name().or(
                                    Name.implicit(a.name).join(idColumns(entity).get(0))), true, true));
                        }
                    }
                    return;
                }
                joinTable(sink, entity, a);
            }
            case ELEMENT_COLLECTION -> elementCollection(sink, entity, a, depth);
            default -> throw new IllegalStateException(a.kind.name());
        }
    }

    private static Map<String, ColumnSpec> nested(Map<String, ColumnSpec> overrides, String name) {
        var prefix = name + ".";
        var result = new HashMap<String, ColumnSpec>();
        overrides.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    private List<ColumnSpec> joinColumns(Attribute a, List<ColumnSpec> assocOverride) {
        var declared = assocOverride != null && !assocOverride.isEmpty() ? assocOverride : a.joinColumns;
        var targetIds = model.entity(a.targetClass).map(this::idColumns).orElse(List.of(Name.implicit("id")));
        var result = new ArrayList<ColumnSpec>();
        if (declared.isEmpty()) {
            for (var id : targetIds) {
                result.add(ColumnSpec.named(Name.implicit(a.name).join(id)));
            }
            return result;
        }
        for (int i = 0; i < declared.size(); i++) {
            var c = declared.get(i);
            var id = targetIds.get(Math.min(i, targetIds.size() - 1));
            result.add(c.withName(c.name().or(Name.implicit(a.name).join(id))));
        }
        return result;
    }

    private void joinTable(Sink sink, MappedType entity, Attribute a) {
        var target = model.entity(a.targetClass);
        var targetName = target.map(t -> t.entityName).orElse(MappingModel.simpleName(a.targetClass));
        var table = first(a.joinTable.or(Name.implicit(entity.entityName + "_" + targetName)));
        sink.table(table);
        var ownerIds = idColumns(entity);
        addKeyColumns(sink, table, a.joinColumns, Name.implicit(entity.entityName), ownerIds);
        var targetIds = target.map(this::idColumns).orElse(List.of(Name.implicit("id")));
        addKeyColumns(sink, table, a.inverseJoinColumns, Name.implicit(a.name), targetIds);
        addOrdering(sink, table, a);
    }

    private static void addKeyColumns(Sink sink, String table, List<ColumnSpec> declared, Name prefix, List<Name> ids) {
        if (declared.isEmpty()) {
            for (var id : ids) {
                sink.add(new MappedColumn(table, prefix.join(id), true, true));
            }
            return;
        }
        for (int i = 0; i < declared.size(); i++) {
            var c = declared.get(i);
            var id = ids.isEmpty() ? Name.implicit("id") : ids.get(Math.min(i, ids.size() - 1));
            sink.add(new MappedColumn(table, c.name().or(prefix.join(id)), c.insertable(), c.updatable()));
        }
    }

    private static void addOrdering(Sink sink, String table, Attribute a) {
        if (a.ordered) {
            sink.add(new MappedColumn(table, a.orderColumn.or(Name.implicit(a.name + "_ORDER")), true, true));
        }
        if (!a.mapKeyColumn.isDefault()) {
            sink.add(new MappedColumn(table, a.mapKeyColumn, true, true));
        }
    }

    private void elementCollection(Sink sink, MappedType entity, Attribute a, int depth) {
        var table = first(a.joinTable.or(Name.implicit(entity.entityName + "_" + a.name)));
        sink.table(table);
        addKeyColumns(sink, table, a.joinColumns, Name.implicit(entity.entityName), idColumns(entity));
        var element = model.type(a.targetClass);
        if (element.isPresent() && element.get().role == Role.EMBEDDABLE && depth <= MAX_EMBEDDING_DEPTH) {
            for (var inner : model.allAttributes(element.get()).values()) {
                addAttribute(sink, entity, inner, a.name + ".", table, a.overrides.get(inner.name),
                        a.associationOverrides.get(inner.name), nested(a.overrides, inner.name), depth + 1);
            }
        } else {
            var spec = a.column;
            sink.add(new MappedColumn(table, spec.name().or(Name.implicit(a.name)), spec.insertable(),
                    spec.updatable()));
        }
        addOrdering(sink, table, a);
    }

    /** The primary key column names of an entity (of its hierarchy root for inherited ids). */
    List<Name> idColumns(MappedType entity) {
        var ids = new ArrayList<Name>();
        for (var a : model.allAttributes(entity).values()) {
            if (!a.id) {
                continue;
            }
            if (a.kind == AttributeKind.EMBEDDED) {
                model.type(a.targetClass).ifPresent(t -> {
                    for (var inner : model.allAttributes(t).values()) {
                        var o = a.overrides.get(inner.name);
                        var spec = o != null ? o : inner.column;
                        ids.add(spec.name().or(Name.implicit(inner.name)));
                    }
                });
            } else if (a.kind == AttributeKind.TO_ONE) {
                joinColumns(a, null).forEach(c -> ids.add(c.name()));
            } else {
                ids.add(a.column.name().or(Name.implicit(a.name)));
            }
        }
        if (ids.isEmpty()) {
            ids.add(Name.implicit("id"));
        }
        return ids;
    }

    /** The first spelling of a table name: tables are keyed by one name, the others become extra tables. */
    private static String first(Name name) {
        return name.text();
    }

    private QueryUsage toUsage(MappedType entity, Sink sink) {
        var tables = new ArrayList<TableUse>();
        var columns = new ArrayList<ColumnUse>();
        var inserts = new ArrayList<InsertUse>();
        var seenTables = new LinkedHashSet<String>();
        for (var e : sink.byTable.entrySet()) {
            var tableNames = tableSpellings(e.getKey());
            var insertCols = new ArrayList<String>();
            for (var c : e.getValue()) {
                if (c.insertable) {
                    insertCols.addAll(model.spellings(c.name));
                }
            }
            for (var t : tableNames) {
                if (seenTables.add(t)) {
                    tables.add(new TableUse(t, true));
                }
                inserts.add(new InsertUse(t, dedupe(insertCols), false));
                for (var c : e.getValue()) {
                    addColumn(columns, t, c);
                }
            }
        }
        for (var c : sink.elsewhere) {
            for (var t : tableSpellings(c.table)) {
                if (seenTables.add(t)) {
                    tables.add(new TableUse(t, true));
                }
                addColumn(columns, t, c);
            }
        }
        // the naming in the statement text: a finding then says which spelling of a name was taken, and why
        var query = new Query("-- mapping of " + entity.className + " (names " + model.namingDescription() + ")",
                entity.location, entity.kind);
        var sequences = new LinkedHashSet<String>();
        sink.sequences.forEach(s -> sequences.addAll(model.naming().spellings(s)));
        return new QueryUsage(query, tables, columns, inserts, List.of(), List.copyOf(sequences));
    }

    /** The database names of a table of the mapping, after the release's naming. */
    List<String> tableSpellings(String table) {
        return model.naming().spellings(table);
    }

    private void addColumn(List<ColumnUse> columns, String table, MappedColumn c) {
        for (var spelling : model.spellings(c.name)) {
            columns.add(ColumnUse.of(table, spelling, Access.READ));
            if (c.updatable) {
                columns.add(ColumnUse.of(table, spelling, Access.WRITE));
            }
        }
    }

    private static List<String> dedupe(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }
}
