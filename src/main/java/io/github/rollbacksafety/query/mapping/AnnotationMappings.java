package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.query.bytecode.ClassFileReader;

import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.bytecode.ClassFileReader.ClassFile;
import io.github.rollbacksafety.query.bytecode.ClassFileReader.Member;
import io.github.rollbacksafety.query.mapping.MappingModel.Attribute;
import io.github.rollbacksafety.query.mapping.MappingModel.AttributeKind;
import io.github.rollbacksafety.query.mapping.MappingModel.ColumnSpec;
import io.github.rollbacksafety.query.mapping.MappingModel.Inheritance;
import io.github.rollbacksafety.query.mapping.MappingModel.MappedType;
import io.github.rollbacksafety.query.mapping.MappingModel.Name;
import io.github.rollbacksafety.query.mapping.MappingModel.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JPA annotations ({@code jakarta.persistence} and {@code javax.persistence}) of the classes of an archive
 * into a {@link MappingModel}, and collects the queries declared in annotations: {@code @NamedQuery},
 * {@code @NamedNativeQuery}, Spring Data {@code @Query}, JDBI {@code @SqlQuery}/{@code @SqlUpdate} and MyBatis
 * {@code @Select}/{@code @Insert}/{@code @Update}/{@code @Delete}.
 *
 * <p>Classes are added one by one; {@link #build(MappingModel)} runs once all are known, because the access
 * type of a class depends on where the {@code @Id} of its hierarchy sits and embeddables may come later.
 */
public final class AnnotationMappings {

    /** A query declared in an annotation. {@code jpql}: JPQL/HQL, otherwise native SQL. */
    public record AnnotatedQuery(String text, boolean jpql, SourceLocation location) {
    }

    private static final Set<String> COLLECTION_TYPES = Set.of("java.util.List", "java.util.Set",
            "java.util.Collection", "java.util.Map", "java.util.SortedSet", "java.util.SortedMap");
    private static final Set<String> NATIVE_QUERY_TYPES = Set.of(
            "org.jdbi.v3.sqlobject.statement.SqlQuery", "org.jdbi.v3.sqlobject.statement.SqlUpdate",
            "org.jdbi.v3.sqlobject.statement.SqlBatch", "org.jdbi.v3.sqlobject.statement.SqlCall",
            "org.skife.jdbi.v2.sqlobject.SqlQuery", "org.skife.jdbi.v2.sqlobject.SqlUpdate",
            "org.skife.jdbi.v2.sqlobject.SqlBatch", "org.skife.jdbi.v2.sqlobject.SqlCall",
            "org.apache.ibatis.annotations.Select", "org.apache.ibatis.annotations.Insert",
            "org.apache.ibatis.annotations.Update", "org.apache.ibatis.annotations.Delete");

    private final Map<String, ClassFile> mapped = new HashMap<>();
    /** Every class's fields and getters, for mappings declared in XML that need Java types. */
    private final Map<String, ClassFile> classes = new HashMap<>();
    private final List<AnnotatedQuery> queries = new ArrayList<>();
    private final List<AnnotatedQuery> unsupported = new ArrayList<>();

    /** Takes note of one class; only classes with persistence or query annotations are kept. */
    public void add(ClassFile cf) {
        classes.put(cf.className(), cf);
        if (!cf.annotated()) {
            return;
        }
        var location = new SourceLocation(cf.file(), 0, cf.className());
        for (var a : cf.annotations()) {
            classQueries(a, location);
            if (isMappingAnnotation(a)) {
                mapped.put(cf.className(), cf);
            }
        }
        for (var m : cf.methods()) {
            var at = new SourceLocation(cf.file(), m.line(), cf.className() + "#" + m.name());
            for (var a : m.annotations()) {
                methodQuery(a, at);
            }
        }
    }

    private static boolean isMappingAnnotation(AnnotationData a) {
        var n = a.jpaName();
        return n.equals("Entity") || n.equals("MappedSuperclass") || n.equals("Embeddable");
    }

    private void classQueries(AnnotationData a, SourceLocation at) {
        switch (a.jpaName()) {
            case "NamedQuery" -> queries.add(new AnnotatedQuery(a.string("query"), true, at));
            case "NamedQueries" -> a.annotations("value").forEach(q -> classQueries(q, at));
            case "NamedNativeQuery" -> queries.add(new AnnotatedQuery(a.string("query"), false, at));
            case "NamedNativeQueries" -> a.annotations("value").forEach(q -> classQueries(q, at));
            default -> {
                // other class annotations are mapping, read in build()
            }
        }
    }

    private void methodQuery(AnnotationData a, SourceLocation at) {
        if (a.type().equals("org.springframework.data.jpa.repository.Query")) {
            var text = a.string("value");
            if (text.isBlank()) {
                unsupported.add(new AnnotatedQuery("@Query without value (named query by method name)", true, at));
                return;
            }
            var jpql = !a.bool("nativeQuery", false);
            queries.add(new AnnotatedQuery(text, jpql, at));
            if (!a.string("countQuery").isBlank()) {
                queries.add(new AnnotatedQuery(a.string("countQuery"), jpql, at));
            }
        } else if (NATIVE_QUERY_TYPES.contains(a.type())) {
            var text = a.string("value");
            if (text.isBlank()) {
                unsupported.add(new AnnotatedQuery("@" + MappingModel.simpleName(a.type())
                        + " without SQL (located elsewhere)", false, at));
            } else {
                queries.add(new AnnotatedQuery(text, false, at));
            }
        } else if (a.type().startsWith("org.apache.ibatis.annotations.") && a.type().endsWith("Provider")) {
            unsupported.add(new AnnotatedQuery("@" + MappingModel.simpleName(a.type())
                    + " builds SQL at run time", false, at));
        } else {
            classQueries(a, at);
        }
    }

    /** Queries found in annotations, in discovery order. */
    public List<AnnotatedQuery> queries() {
        return queries;
    }

    /** Query annotations whose SQL is not in the class file. */
    public List<AnnotatedQuery> unsupported() {
        return unsupported;
    }

    /** Adds every annotated entity, mapped superclass and embeddable to the model. */
    public void build(MappingModel model) {
        var fieldAccess = new HashMap<String, Boolean>();
        for (var cf : mapped.values()) {
            model.add(toType(cf, accessByFields(cf, fieldAccess)));
        }
        model.index();
    }

    /** Field access unless the hierarchy's {@code @Id} (or an explicit {@code @Access}) says property access. */
    private boolean accessByFields(ClassFile cf, Map<String, Boolean> cache) {
        var cached = cache.get(cf.className());
        if (cached != null) {
            return cached;
        }
        boolean result = true;
        var explicit = find(cf.annotations(), "Access");
        if (explicit.isPresent()) {
            result = !"PROPERTY".equals(explicit.get().values().get("value"));
        } else if (hasId(cf.methods())) {
            result = false;
        } else if (!hasId(cf.fields())) {
            var parent = mapped.get(cf.superName());
            if (parent != null && !parent.className().equals(cf.className())) {
                result = accessByFields(parent, cache);
            } else {
                // no @Id anywhere (embeddable): where the mapping annotations sit decides
                result = !hasMappingAnnotation(cf.methods()) || hasMappingAnnotation(cf.fields());
            }
        }
        cache.put(cf.className(), result);
        return result;
    }

    private static boolean hasId(List<Member> members) {
        for (var m : members) {
            if (find(m.annotations(), "Id").isPresent() || find(m.annotations(), "EmbeddedId").isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMappingAnnotation(List<Member> members) {
        for (var m : members) {
            for (var a : m.annotations()) {
                if (!a.jpaName().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    static Optional<AnnotationData> find(List<AnnotationData> annotations, String jpaName) {
        for (var a : annotations) {
            if (a.jpaName().equals(jpaName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private MappedType toType(ClassFile cf, boolean byFields) {
        var anns = cf.annotations();
        var role = find(anns, "Entity").isPresent() ? Role.ENTITY
                : find(anns, "MappedSuperclass").isPresent() ? Role.MAPPED_SUPERCLASS : Role.EMBEDDABLE;
        var type = new MappedType(cf.className(), role, new SourceLocation(cf.file(), 0, cf.className()),
                QuerySourceKind.JPA_MAPPING);
        type.superClass = cf.superName();
        find(anns, "Entity").map(a -> a.string("name")).filter(n -> !n.isBlank()).ifPresent(n -> type.entityName = n);
        find(anns, "Table").ifPresent(a -> type.table = Name.explicit(a.string("name")));
        for (var st : secondaryTables(anns)) {
            var pk = new ArrayList<Name>();
            st.annotations("pkJoinColumns").forEach(j -> pk.add(Name.explicit(j.string("name"))));
            pk.removeIf(Name::isDefault);
            type.secondaryTables.put(st.string("name"), pk);
        }
        find(anns, "Inheritance").ifPresent(a -> type.inheritance = Optional.of(
                Inheritance.valueOf(String.valueOf(a.values().getOrDefault("strategy", "SINGLE_TABLE")))));
        find(anns, "DiscriminatorColumn").ifPresent(a -> {
            type.discriminatorDeclared = true;
            type.discriminator = Name.explicit(a.string("name"));
        });
        for (var pk : repeated(anns, "PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns")) {
            var n = Name.explicit(pk.string("name"));
            if (!n.isDefault()) {
                type.primaryKeyJoinColumns.add(n);
            }
        }
        for (var o : repeated(anns, "AttributeOverride", "AttributeOverrides")) {
            type.overrides.put(o.string("name"), column(o.annotation("column")));
        }
        for (var o : repeated(anns, "AssociationOverride", "AssociationOverrides")) {
            type.associationOverrides.put(o.string("name"), joinColumns(o.annotations("joinColumns")));
        }
        generators(type, anns);
        var members = byFields ? cf.fields() : getters(cf.methods());
        for (var m : members) {
            if (m.isStatic() || m.isSynthetic() || (byFields && m.isTransient())
                    || find(m.annotations(), "Transient").isPresent()) {
                continue;
            }
            var name = byFields ? m.name() : propertyName(m.name());
            attribute(type, type.attribute(name), m);
        }
        // annotations on the members not used for access still declare generators
        for (var m : byFields ? cf.methods() : cf.fields()) {
            generators(type, m.annotations());
        }
        return type;
    }

    private static List<Member> getters(List<Member> methods) {
        var result = new ArrayList<Member>();
        for (var m : methods) {
            var n = m.name();
            if (m.descriptor().startsWith("()") && !m.descriptor().endsWith(")V") && !n.equals("getClass")
                    && ((n.startsWith("get") && n.length() > 3)
                    || (n.startsWith("is") && n.length() > 2 && m.descriptor().endsWith(")Z")))) {
                result.add(m);
            }
        }
        return result;
    }

    private static String propertyName(String getter) {
        // java.beans.Introspector.decapitalize, without depending on java.desktop
        var name = getter.substring(getter.startsWith("is") ? 2 : 3);
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static List<AnnotationData> secondaryTables(List<AnnotationData> anns) {
        return repeated(anns, "SecondaryTable", "SecondaryTables");
    }

    /** A repeatable annotation: single occurrences and those inside the container. */
    private static List<AnnotationData> repeated(List<AnnotationData> anns, String single, String container) {
        var result = new ArrayList<AnnotationData>();
        find(anns, single).ifPresent(result::add);
        find(anns, container).ifPresent(c -> result.addAll(c.annotations("value")));
        return result;
    }

    private static ColumnSpec column(AnnotationData c) {
        return new ColumnSpec(Name.explicit(c.string("name")), c.string("table"), c.bool("insertable", true),
                c.bool("updatable", true));
    }

    private static List<ColumnSpec> joinColumns(List<AnnotationData> joinColumns) {
        var result = new ArrayList<ColumnSpec>();
        joinColumns.forEach(j -> result.add(column(j)));
        return result;
    }

    private void generators(MappedType type, List<AnnotationData> anns) {
        var sequenceNames = new HashMap<String, String>();
        for (var g : anns) {
            if (g.jpaName().equals("SequenceGenerator")) {
                var seq = g.string("sequenceName").isBlank() ? g.string("name") : g.string("sequenceName");
                sequenceNames.put(g.string("name"), seq);
                type.sequences.add(seq);
            } else if (g.jpaName().equals("TableGenerator")) {
                var table = g.string("table");
                if (!table.isBlank()) {
                    var cols = type.generatorTables.computeIfAbsent(table, k -> new java.util.LinkedHashSet<>());
                    for (var key : List.of("pkColumnName", "valueColumnName")) {
                        if (!g.string(key).isBlank()) {
                            cols.add(g.string(key));
                        }
                    }
                }
            }
        }
        find(anns, "GeneratedValue").ifPresent(g -> {
            var strategy = String.valueOf(g.values().getOrDefault("strategy", "AUTO"));
            var generator = g.string("generator");
            if ((strategy.equals("SEQUENCE") || strategy.equals("AUTO")) && generator.isBlank()) {
                // Hibernate 6 defaults to <entity>_SEQ, Hibernate 5 to hibernate_sequence
                type.sequences.add(type.entityName + "_SEQ");
                type.sequences.add("hibernate_sequence");
            } else if (!generator.isBlank() && !sequenceNames.containsKey(generator)
                    && strategy.equals("SEQUENCE")) {
                type.sequences.add(generator);
            }
        });
    }

    private void attribute(MappedType type, Attribute a, Member m) {
        var anns = m.annotations();
        var javaType = ClassFileReader.elementType(m.descriptor(), "");
        var elementType = ClassFileReader.elementType(m.descriptor(), m.signature());
        a.id = find(anns, "Id").isPresent() || find(anns, "EmbeddedId").isPresent();
        find(anns, "Column").ifPresent(c -> a.column = column(c));
        generators(type, anns);
        var toOne = find(anns, "ManyToOne").or(() -> find(anns, "OneToOne"));
        var toMany = find(anns, "OneToMany").or(() -> find(anns, "ManyToMany"));
        if (toOne.isPresent()) {
            a.kind = AttributeKind.TO_ONE;
            a.mappedBy = toOne.get().string("mappedBy");
            a.targetClass = target(toOne.get(), javaType);
        } else if (toMany.isPresent()) {
            a.kind = AttributeKind.TO_MANY;
            a.mappedBy = toMany.get().string("mappedBy");
            a.targetClass = target(toMany.get(), elementType);
        } else if (find(anns, "ElementCollection").isPresent()) {
            a.kind = AttributeKind.ELEMENT_COLLECTION;
            a.targetClass = target(find(anns, "ElementCollection").get(), elementType);
            find(anns, "CollectionTable").ifPresent(t -> {
                a.joinTable = Name.explicit(t.string("name"));
                a.joinColumns = joinColumns(t.annotations("joinColumns"));
            });
        } else if (find(anns, "Embedded").isPresent() || find(anns, "EmbeddedId").isPresent()
                || isEmbeddable(javaType)) {
            a.kind = AttributeKind.EMBEDDED;
            a.targetClass = javaType;
        } else if (COLLECTION_TYPES.contains(javaType)) {
            // an unannotated collection is not a column (Hibernate rejects it); skip rather than invent one
            type.attributes.remove(a.name);
            return;
        }
        for (var j : repeated(anns, "JoinColumn", "JoinColumns")) {
            a.joinColumns.add(column(j));
        }
        for (var j : repeated(anns, "MapKeyColumn", "MapKeyColumns")) {
            a.mapKeyColumn = Name.explicit(j.string("name"));
        }
        find(anns, "JoinTable").ifPresent(t -> {
            a.joinTableDeclared = true;
            a.joinTable = Name.explicit(t.string("name"));
            a.joinColumns = joinColumns(t.annotations("joinColumns"));
            a.inverseJoinColumns = joinColumns(t.annotations("inverseJoinColumns"));
        });
        find(anns, "OrderColumn").ifPresent(o -> {
            a.ordered = true;
            a.orderColumn = Name.explicit(o.string("name"));
        });
        for (var o : repeated(anns, "AttributeOverride", "AttributeOverrides")) {
            var name = o.string("name");
            // "value." / "key." prefixes address the element of a collection
            a.overrides.put(name.startsWith("value.") ? name.substring(6) : name, column(o.annotation("column")));
        }
        for (var o : repeated(anns, "AssociationOverride", "AssociationOverrides")) {
            a.associationOverrides.put(o.string("name"), joinColumns(o.annotations("joinColumns")));
        }
    }

    private static String target(AnnotationData relation, String fallback) {
        var explicit = relation.values().get(relation.jpaName().equals("ElementCollection")
                ? "targetClass" : "targetEntity");
        return explicit instanceof String s && !s.equals("void") ? s : fallback;
    }

    private boolean isEmbeddable(String className) {
        var cf = mapped.get(className);
        return cf != null && find(cf.annotations(), "Embeddable").isPresent();
    }

    /**
     * The Java type of an attribute (a field, else a getter, also inherited), or of its collection element.
     *
     * @return a dotted class name, empty when the class or attribute is unknown
     */
    String attributeType(String className, String attribute, boolean element) {
        var seen = new HashSet<String>();
        for (var cf = classes.get(className); cf != null && seen.add(cf.className()); cf = classes.get(cf.superName())) {
            for (var f : cf.fields()) {
                if (f.name().equals(attribute)) {
                    return ClassFileReader.elementType(f.descriptor(), element ? f.signature() : "");
                }
            }
            for (var m : getters(cf.methods())) {
                if (propertyName(m.name()).equals(attribute)) {
                    return ClassFileReader.elementType(m.descriptor(), element ? m.signature() : "");
                }
            }
        }
        return "";
    }

    /** The superclass of a known class, empty when unknown. */
    String superClass(String className) {
        var cf = classes.get(className);
        return cf == null ? "" : cf.superName();
    }
}
