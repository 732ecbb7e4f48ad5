package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.mapping.AnnotationMappings.AnnotatedQuery;
import io.github.rollbacksafety.query.mapping.MappingModel.AttributeKind;
import io.github.rollbacksafety.query.mapping.MappingModel.ColumnSpec;
import io.github.rollbacksafety.query.mapping.MappingModel.Inheritance;
import io.github.rollbacksafety.query.mapping.MappingModel.MappedType;
import io.github.rollbacksafety.query.mapping.MappingModel.Name;
import io.github.rollbacksafety.query.mapping.MappingModel.Role;
import io.github.rollbacksafety.query.XmlTree.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Hibernate {@code *.hbm.xml} mappings into the {@link MappingModel}: classes and their tables,
 * properties (the implicit column is the property name), many-to-one, components, collections
 * (key, element, many-to-many and index columns), subclass / joined-subclass / union-subclass, {@code <join>}
 * secondary tables and sequence generators; {@code <query>} and {@code <sql-query>} are collected as queries.
 */
public final class HibernateMappingReader {

    private static final Set<String> COLLECTIONS = Set.of("set", "bag", "list", "map", "idbag", "array",
            "primitive-array");
    private static final String NOT_OWNED = "(inverse)";

    private final List<AnnotatedQuery> queries = new ArrayList<>();

    /** Named queries found ({@code jpql} true for HQL). */
    public List<AnnotatedQuery> queries() {
        return queries;
    }

    /** Adds the classes of one mapping document to the model. */
    public void read(Element root, String file, MappingModel model) {
        var pkg = root.attr("package");
        for (var e : root.elements()) {
            switch (e.name()) {
                case "class" -> entity(e, file, pkg, "", model);
                case "subclass", "joined-subclass", "union-subclass" ->
                        subclass(e, file, pkg, qualify(pkg, e.attr("extends")), model);
                case "query" -> queries.add(new AnnotatedQuery(e.text(), true, at(file, e, e.attr("name"))));
                case "sql-query" -> queries.add(new AnnotatedQuery(sqlText(e), false, at(file, e, e.attr("name"))));
                default -> {
                    // typedef, import, filter-def...: no tables
                }
            }
        }
    }

    private static String sqlText(Element e) {
        var sb = new StringBuilder();
        for (var c : e.children()) {
            if (c instanceof String s) {
                sb.append(s);
            }
        }
        return sb.toString().strip();
    }

    private static SourceLocation at(String file, Element e, String member) {
        return new SourceLocation(file, e.line(), member);
    }

    private static String qualify(String pkg, String name) {
        return name.isEmpty() || name.contains(".") || pkg.isEmpty() ? name : pkg + "." + name;
    }

    private MappedType entity(Element e, String file, String pkg, String superClass, MappingModel model) {
        var className = qualify(pkg, e.attr("name").isEmpty() ? e.attr("entity-name") : e.attr("name"));
        var type = new MappedType(className, Role.ENTITY, at(file, e, className), QuerySourceKind.HIBERNATE_XML);
        type.superClass = superClass;
        if (!e.attr("entity-name").isEmpty()) {
            type.entityName = e.attr("entity-name");
        }
        // Hibernate's default table is the unqualified class name
        type.table = e.attr("table").isEmpty() ? Name.DEFAULT : Name.explicit(e.attr("table"));
        model.add(type);
        for (var child : e.elements()) {
            member(type, child, file, pkg, "", model);
        }
        return type;
    }

    private void subclass(Element e, String file, String pkg, String superClass, MappingModel model) {
        var type = entity(e, file, pkg, superClass, model);
        var root = model.type(superClass).map(model::rootEntity).orElse(type);
        if (e.name().equals("joined-subclass")) {
            root.inheritance = Optional.of(Inheritance.JOINED);
            e.element("key").ifPresent(k -> columns(k, "").forEach(c -> type.primaryKeyJoinColumns.add(c.name())));
        } else if (e.name().equals("union-subclass")) {
            root.inheritance = Optional.of(Inheritance.TABLE_PER_CLASS);
        }
    }

    private void member(MappedType type, Element e, String file, String pkg, String table, MappingModel model) {
        var name = e.attr("name");
        switch (e.name()) {
            case "id" -> {
                var a = type.attribute(name.isEmpty() ? e.attr("column") : name);
                a.id = true;
                a.column = column(e, name.isEmpty() ? e.attr("column") : name, table);
                e.element("generator").ifPresent(g -> generator(type, g));
            }
            case "composite-id" -> {
                var holder = component(type, e, file, pkg, model);
                var a = type.attribute(name.isEmpty() ? "id" : name);
                a.id = true;
                a.kind = AttributeKind.EMBEDDED;
                a.targetClass = holder.className();
            }
            case "discriminator" -> {
                type.discriminatorDeclared = true;
                type.discriminator = column(e, "class", "").name();
            }
            case "property", "version", "timestamp", "key-property" -> {
                if (!e.attr("formula").isEmpty() && e.attr("column").isEmpty()) {
                    return;
                }
                var a = type.attribute(name);
                a.column = column(e, name, table);
            }
            case "many-to-one", "key-many-to-one" -> {
                var a = type.attribute(name);
                a.kind = AttributeKind.TO_ONE;
                a.targetClass = qualify(pkg, e.attr("class").isEmpty() ? e.attr("entity-name") : e.attr("class"));
                a.joinColumns = columns(e, name, table);
            }
            case "one-to-one" -> {
                // shares the primary key (or is the inverse of a many-to-one): no column of its own
                var a = type.attribute(name);
                a.kind = AttributeKind.TO_ONE;
                a.mappedBy = NOT_OWNED;
            }
            case "component", "dynamic-component", "nested-composite-element" -> {
                var holder = component(type, e, file, pkg, model);
                var a = type.attribute(name);
                a.kind = AttributeKind.EMBEDDED;
                a.targetClass = holder.className();
            }
            case "join" -> {
                var secondary = e.attr("table");
                var keys = new ArrayList<Name>();
                e.element("key").ifPresent(k -> columns(k, "", "").forEach(c -> keys.add(c.name())));
                type.secondaryTables.put(secondary, keys);
                for (var child : e.elements()) {
                    member(type, child, file, pkg, secondary, model);
                }
            }
            case "subclass", "joined-subclass", "union-subclass" -> subclass(e, file, pkg, type.className(), model);
            default -> {
                if (COLLECTIONS.contains(e.name())) {
                    collection(type, e, file, pkg, model);
                }
            }
        }
    }

    private MappedType component(MappedType owner, Element e, String file, String pkg, MappingModel model) {
        // components are declared inline: a synthetic embeddable per owner and path keeps them apart
        var name = owner.className() + "#" + (e.attr("name").isEmpty() ? "id" : e.attr("name"));
        var holder = new MappedType(name, Role.EMBEDDABLE, at(file, e, name), QuerySourceKind.HIBERNATE_XML);
        model.add(holder);
        for (var child : e.elements()) {
            member(holder, child, file, pkg, "", model);
        }
        return holder;
    }

    private void collection(MappedType type, Element e, String file, String pkg, MappingModel model) {
        var a = type.attribute(e.attr("name"));
        var inverse = "true".equals(e.attr("inverse"));
        a.joinTable = Name.explicit(e.attr("table")).or(Name.implicit(e.attr("name")));
        a.joinColumns = e.element("key").map(k -> columns(k, "", "")).orElse(new ArrayList<>());
        for (var indexName : List.of("list-index", "index")) {
            e.element(indexName).ifPresent(i -> {
                var c = column(i, "idx", "").name();
                if (e.name().equals("map")) {
                    a.mapKeyColumn = c;
                } else {
                    a.ordered = true;
                    a.orderColumn = c;
                }
            });
        }
        e.element("map-key").ifPresent(k -> a.mapKeyColumn = column(k, "idx", "").name());
        var oneToMany = e.element("one-to-many");
        var manyToMany = e.element("many-to-many");
        var element = e.element("element");
        var composite = e.element("composite-element");
        if (oneToMany.isPresent()) {
            a.kind = AttributeKind.TO_MANY;
            a.targetClass = qualify(pkg, oneToMany.get().attr("class"));
            if (inverse) {
                a.mappedBy = NOT_OWNED;
            }
        } else if (manyToMany.isPresent()) {
            a.kind = AttributeKind.TO_MANY;
            a.joinTableDeclared = true;
            a.targetClass = qualify(pkg, manyToMany.get().attr("class"));
            a.inverseJoinColumns = columns(manyToMany.get(), "elt", "");
            if (inverse) {
                a.mappedBy = NOT_OWNED;
            }
        } else if (composite.isPresent()) {
            a.kind = AttributeKind.ELEMENT_COLLECTION;
            a.targetClass = component(type, composite.get(), file, pkg, model).className();
        } else {
            a.kind = AttributeKind.ELEMENT_COLLECTION;
            a.targetClass = "java.lang.Object";
            a.column = element.map(el -> column(el, "elt", "")).orElse(ColumnSpec.named(Name.explicit("elt")));
        }
    }

    private static void generator(MappedType type, Element g) {
        var cls = g.attr("class");
        if (!cls.contains("sequence") && !cls.equals("seqhilo")) {
            return;
        }
        String sequence = "hibernate_sequence";
        for (var p : g.elements("param")) {
            if (p.attr("name").equals("sequence") || p.attr("name").equals("sequence_name")) {
                sequence = p.text();
            }
        }
        type.sequences.add(sequence);
    }

    /** The single column of a property: {@code column} attribute, nested {@code <column name>}, or implicit. */
    private static ColumnSpec column(Element e, String implicit, String table) {
        var cols = columns(e, implicit, table);
        return cols.get(0);
    }

    private static List<ColumnSpec> columns(Element e, String implicit) {
        return columns(e, implicit, "");
    }

    private static List<ColumnSpec> columns(Element e, String implicit, String table) {
        var insertable = !"false".equals(e.attr("insert"));
        var updatable = !"false".equals(e.attr("update"));
        var result = new ArrayList<ColumnSpec>();
        if (!e.attr("column").isEmpty()) {
            result.add(new ColumnSpec(Name.explicit(e.attr("column")), table, insertable, updatable));
        }
        for (var c : e.elements("column")) {
            result.add(new ColumnSpec(Name.explicit(c.attr("name")), table, insertable, updatable));
        }
        if (result.isEmpty()) {
            result.add(new ColumnSpec(implicit.isEmpty() ? Name.DEFAULT : Name.implicit(implicit), table,
                    insertable, updatable));
        }
        return result;
    }
}
