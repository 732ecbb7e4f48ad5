package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.mapping.AnnotationMappings.AnnotatedQuery;
import io.github.rollbacksafety.query.mapping.MappingModel.Attribute;
import io.github.rollbacksafety.query.mapping.MappingModel.AttributeKind;
import io.github.rollbacksafety.query.mapping.MappingModel.ColumnSpec;
import io.github.rollbacksafety.query.mapping.MappingModel.Inheritance;
import io.github.rollbacksafety.query.mapping.MappingModel.MappedType;
import io.github.rollbacksafety.query.mapping.MappingModel.Name;
import io.github.rollbacksafety.query.mapping.MappingModel.Role;
import io.github.rollbacksafety.query.XmlTree.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads JPA {@code orm.xml} ({@code entity-mappings}) into the {@link MappingModel}: entities, mapped
 * superclasses and embeddables with their tables, inheritance, discriminator, attribute overrides and attributes
 * ({@code id}, {@code basic}, {@code version}, relations with join columns and join tables,
 * {@code element-collection}, {@code embedded}, {@code transient}), generators and named queries. An entity
 * already mapped by annotations is completed (XML wins where it says something) unless
 * {@code metadata-complete} is set, in which case the XML alone counts.
 */
public final class OrmXmlReader {

    private final List<AnnotatedQuery> queries = new ArrayList<>();
    private final AnnotationMappings classes;

    /** @param classes the classes of the archive, for the Java types of attributes XML does not spell */
    public OrmXmlReader(AnnotationMappings classes) {
        this.classes = classes;
    }

    public List<AnnotatedQuery> queries() {
        return queries;
    }

    /** Applies one document to the model (after annotations were built). */
    public void read(Element root, String file, MappingModel model) {
        var pkg = root.element("package").map(Element::text).orElse("");
        for (var e : root.elements()) {
            switch (e.name()) {
                case "entity" -> type(e, file, pkg, Role.ENTITY, model);
                case "mapped-superclass" -> type(e, file, pkg, Role.MAPPED_SUPERCLASS, model);
                case "embeddable" -> type(e, file, pkg, Role.EMBEDDABLE, model);
                case "named-query" -> namedQuery(e, file, true);
                case "named-native-query" -> namedQuery(e, file, false);
                default -> {
                    // persistence-unit-metadata, generators at top level are only used through entities
                }
            }
        }
        model.index();
    }

    private void namedQuery(Element e, String file, boolean jpql) {
        var text = e.element("query").map(Element::text).orElse("");
        queries.add(new AnnotatedQuery(text, jpql, new SourceLocation(file, e.line(), e.attr("name"))));
    }

    private static String qualify(String pkg, String name) {
        return name.contains(".") || pkg.isEmpty() ? name : pkg + "." + name;
    }

    private void type(Element e, String file, String pkg, Role role, MappingModel model) {
        var className = qualify(pkg, e.attr("class"));
        var existing = model.type(className);
        var location = new SourceLocation(file, e.line(), className);
        MappedType type;
        if (existing.isPresent() && !"true".equals(e.attr("metadata-complete"))) {
            type = existing.get();
        } else {
            type = new MappedType(className, role, location, QuerySourceKind.JPA_MAPPING);
            type.superClass = classes.superClass(className);
            model.add(type);
        }
        if (!e.attr("name").isEmpty()) {
            type.entityName = e.attr("name");
        }
        e.element("table").ifPresent(t -> type.table = Name.explicit(t.attr("name")));
        for (var st : e.elements("secondary-table")) {
            var pk = new ArrayList<Name>();
            st.elements("primary-key-join-column").forEach(j -> pk.add(Name.explicit(j.attr("name"))));
            type.secondaryTables.put(st.attr("name"), pk);
        }
        e.element("inheritance").ifPresent(i -> type.inheritance = Optional.of(Inheritance.valueOf(
                i.attr("strategy").isEmpty() ? "SINGLE_TABLE" : i.attr("strategy").toUpperCase(Locale.ROOT))));
        e.element("discriminator-column").ifPresent(d -> {
            type.discriminatorDeclared = true;
            type.discriminator = Name.explicit(d.attr("name"));
        });
        e.elements("primary-key-join-column").forEach(j -> type.primaryKeyJoinColumns.add(Name.explicit(j.attr("name"))));
        overrides(e, type.overrides);
        e.elements("sequence-generator").forEach(g -> sequence(type, g));
        var attributes = e.element("attributes");
        if (attributes.isEmpty()) {
            return;
        }
        for (var a : attributes.get().elements()) {
            var name = a.attr("name");
            if (a.name().equals("transient")) {
                type.attributes.remove(name);
                continue;
            }
            var attribute = type.attribute(name);
            attribute(type, attribute, a, pkg);
        }
    }

    private void attribute(MappedType type, Attribute attribute, Element a, String pkg) {
        var name = attribute.name();
        a.element("column").ifPresent(c -> attribute.column = column(c));
        a.elements("sequence-generator").forEach(g -> sequence(type, g));
        switch (a.name()) {
            case "id", "embedded-id" -> {
                attribute.id = true;
                if (a.name().equals("embedded-id")) {
                    embedded(type, attribute, a);
                }
                a.element("generated-value").ifPresent(g -> {
                    var strategy = g.attr("strategy");
                    if (g.attr("generator").isEmpty() && (strategy.isEmpty() || strategy.equals("SEQUENCE")
                            || strategy.equals("AUTO"))) {
                        type.sequences.add(type.entityName + "_SEQ");
                        type.sequences.add("hibernate_sequence");
                    }
                });
            }
            case "basic", "version" -> attribute.kind = AttributeKind.BASIC;
            case "embedded" -> embedded(type, attribute, a);
            case "many-to-one", "one-to-one" -> {
                attribute.kind = AttributeKind.TO_ONE;
                attribute.mappedBy = a.attr("mapped-by");
                attribute.targetClass = target(type, a, "target-entity", pkg, false);
                relation(attribute, a);
            }
            case "one-to-many", "many-to-many" -> {
                attribute.kind = AttributeKind.TO_MANY;
                attribute.mappedBy = a.attr("mapped-by");
                attribute.targetClass = target(type, a, "target-entity", pkg, true);
                relation(attribute, a);
            }
            case "element-collection" -> {
                attribute.kind = AttributeKind.ELEMENT_COLLECTION;
                attribute.targetClass = target(type, a, "target-class", pkg, true);
                a.element("collection-table").ifPresent(t -> {
                    attribute.joinTable = Name.explicit(t.attr("name"));
                    attribute.joinColumns = joinColumns(t, "join-column");
                });
                a.element("order-column").ifPresent(o -> {
                    attribute.ordered = true;
                    attribute.orderColumn = Name.explicit(o.attr("name"));
                });
                overrides(a, attribute.overrides);
            }
            default -> {
                // unknown element: keep the attribute as a basic column named after it
            }
        }
        if (name.isEmpty()) {
            type.attributes.remove(name);
        }
    }

    private void embedded(MappedType type, Attribute attribute, Element a) {
        attribute.kind = AttributeKind.EMBEDDED;
        var javaType = classes.attributeType(type.className(), attribute.name(), false);
        attribute.targetClass = javaType;
        overrides(a, attribute.overrides);
    }

    private String target(MappedType type, Element a, String key, String pkg, boolean element) {
        var explicit = a.attr(key);
        return explicit.isEmpty() ? classes.attributeType(type.className(), a.attr("name"), element)
                : qualify(pkg, explicit);
    }

    private static void relation(Attribute attribute, Element a) {
        var joins = joinColumns(a, "join-column");
        if (!joins.isEmpty()) {
            attribute.joinColumns = joins;
        }
        a.element("join-table").ifPresent(t -> {
            attribute.joinTableDeclared = true;
            attribute.joinTable = Name.explicit(t.attr("name"));
            attribute.joinColumns = joinColumns(t, "join-column");
            attribute.inverseJoinColumns = joinColumns(t, "inverse-join-column");
        });
        a.element("order-column").ifPresent(o -> {
            attribute.ordered = true;
            attribute.orderColumn = Name.explicit(o.attr("name"));
        });
    }

    private static void overrides(Element e, java.util.Map<String, ColumnSpec> target) {
        for (var o : e.elements("attribute-override")) {
            o.element("column").ifPresent(c -> target.put(o.attr("name"), column(c)));
        }
    }

    private static void sequence(MappedType type, Element g) {
        type.sequences.add(g.attr("sequence-name").isEmpty() ? g.attr("name") : g.attr("sequence-name"));
    }

    private static List<ColumnSpec> joinColumns(Element e, String child) {
        var result = new ArrayList<ColumnSpec>();
        e.elements(child).forEach(c -> result.add(column(c)));
        return result;
    }

    private static ColumnSpec column(Element c) {
        return new ColumnSpec(Name.explicit(c.attr("name")), c.attr("table"), !"false".equals(c.attr("insertable")),
                !"false".equals(c.attr("updatable")));
    }
}
