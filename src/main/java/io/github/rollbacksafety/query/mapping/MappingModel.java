package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The persistence mapping of a previous release, independent of where it was declared (JPA annotations,
 * {@code orm.xml}, Hibernate {@code hbm.xml}). Readers fill it; {@link MappingUsages} turns it into usage and
 * {@link JpqlTranslator} resolves JPQL/HQL against it. Built completely before use because superclasses and
 * embeddables may come after their users in an archive.
 */
public final class MappingModel {

    /** What a mapped class is. */
    public enum Role { ENTITY, MAPPED_SUPERCLASS, EMBEDDABLE }

    /** JPA inheritance strategies; Hibernate subclass flavours map onto them. */
    public enum Inheritance { SINGLE_TABLE, JOINED, TABLE_PER_CLASS }

    /** How an attribute is stored. */
    public enum AttributeKind { BASIC, EMBEDDED, TO_ONE, TO_MANY, ELEMENT_COLLECTION }

    /**
     * A table or column name, explicit (written in the mapping) or implicit (derived from a Java name). Which
     * database names it stands for is the model's {@link PhysicalNaming}'s business ({@link #spellings(Name)}). An
     * empty name means "apply the default rule".
     */
    public record Name(String text, boolean explicit) {

        static final Name DEFAULT = new Name("", false);

        public static Name explicit(String text) {
            return text == null || text.isBlank() ? DEFAULT : new Name(text.strip(), true);
        }

        public static Name implicit(String text) {
            return new Name(text, false);
        }

        public boolean isDefault() {
            return text.isEmpty();
        }

        /** This name, or {@code fallback} when it is the default. */
        public Name or(Name fallback) {
            return isDefault() ? fallback : this;
        }

        /** The implicit name {@code <this>_<suffix>}, explicit only when both parts are. */
        public Name join(Name suffix) {
            return new Name(text + "_" + suffix.text, explicit && suffix.explicit);
        }
    }

    /** Spring Boot's {@code CamelCaseToUnderscoresNamingStrategy}: dots and camel humps become underscores. */
    static String snakeCase(String name) {
        var sb = new StringBuilder(name.replace('.', '_'));
        for (int i = 1; i < sb.length() - 1; i++) {
            if (Character.isLowerCase(sb.charAt(i - 1)) && Character.isUpperCase(sb.charAt(i))
                    && Character.isLowerCase(sb.charAt(i + 1))) {
                sb.insert(i++, '_');
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A mapped column.
     *
     * @param name       the column name (default: the rule of the attribute kind)
     * @param table      the table it lives in, empty for the owner's (primary) table
     * @param insertable whether inserts name it
     * @param updatable  whether updates write it
     */
    public record ColumnSpec(Name name, String table, boolean insertable, boolean updatable) {
        static final ColumnSpec DEFAULT = new ColumnSpec(Name.DEFAULT, "", true, true);

        static ColumnSpec named(Name name) {
            return new ColumnSpec(name, "", true, true);
        }

        ColumnSpec withName(Name n) {
            return new ColumnSpec(n, table, insertable, updatable);
        }
    }

    /** One persistent attribute as declared. */
    public static final class Attribute {
        final String name;
        AttributeKind kind = AttributeKind.BASIC;
        boolean id;
        /** Embeddable class, target entity, or element class (dotted names). */
        String targetClass = "";
        ColumnSpec column = ColumnSpec.DEFAULT;
        List<ColumnSpec> joinColumns = new ArrayList<>();
        /** Collection or join table; default name when {@link Name#isDefault()}. */
        Name joinTable = Name.DEFAULT;
        boolean joinTableDeclared;
        List<ColumnSpec> inverseJoinColumns = new ArrayList<>();
        String mappedBy = "";
        Name orderColumn = Name.DEFAULT;
        boolean ordered;
        Name mapKeyColumn = Name.DEFAULT;
        /** Overrides keyed by attribute path relative to this attribute. */
        Map<String, ColumnSpec> overrides = new HashMap<>();
        Map<String, List<ColumnSpec>> associationOverrides = new HashMap<>();

        Attribute(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public AttributeKind kind() {
            return kind;
        }
    }

    /** A class mapped as entity, mapped superclass or embeddable. */
    public static final class MappedType {
        final String className;
        final Role role;
        final SourceLocation location;
        final QuerySourceKind kind;
        String entityName;
        String superClass = "";
        Name table = Name.DEFAULT;
        /** Secondary tables with their primary key join columns (empty: same names as the primary key). */
        Map<String, List<Name>> secondaryTables = new LinkedHashMap<>();
        Optional<Inheritance> inheritance = Optional.empty();
        Name discriminator = Name.DEFAULT;
        boolean discriminatorDeclared;
        List<Name> primaryKeyJoinColumns = new ArrayList<>();
        Map<String, ColumnSpec> overrides = new HashMap<>();
        Map<String, List<ColumnSpec>> associationOverrides = new HashMap<>();
        final Map<String, Attribute> attributes = new LinkedHashMap<>();
        final Set<String> sequences = new LinkedHashSet<>();
        /** Tables used by generators (e.g. {@code @TableGenerator}) with their columns. */
        final Map<String, Set<String>> generatorTables = new LinkedHashMap<>();

        MappedType(String className, Role role, SourceLocation location, QuerySourceKind kind) {
            this.className = className;
            this.role = role;
            this.location = location;
            this.kind = kind;
            this.entityName = simpleName(className);
        }

        Attribute attribute(String name) {
            return attributes.computeIfAbsent(name, Attribute::new);
        }

        public String className() {
            return className;
        }

        public Role role() {
            return role;
        }

        public String entityName() {
            return entityName;
        }

        public SourceLocation location() {
            return location;
        }

        public QuerySourceKind kind() {
            return kind;
        }

        public Collection<Attribute> attributes() {
            return attributes.values();
        }
    }

    private final PhysicalNaming naming;
    private final String namingReason;
    private final Map<String, MappedType> byClass = new LinkedHashMap<>();
    private final Map<String, MappedType> byEntityName = new HashMap<>();
    private final Map<String, String> namedQueries = new HashMap<>();

    /** A model whose names are used in both spellings (the naming of the release is not known). */
    public MappingModel() {
        this(PhysicalNaming.BOTH, "naming not known");
    }

    /**
     * @param naming how the release turns mapping names into database names
     * @param reason why that naming, for reports (e.g. "Spring Boot's default")
     */
    public MappingModel(PhysicalNaming naming, String reason) {
        this.naming = naming;
        this.namingReason = reason;
    }

    public PhysicalNaming naming() {
        return naming;
    }

    /** The naming and why, e.g. {@code snake-case: Spring Boot's default (seen in pom.xml)}. */
    public String namingDescription() {
        return naming.spelling() + ": " + namingReason;
    }

    /** The database names under which a mapping name can appear, after the release's naming. */
    public List<String> spellings(Name name) {
        return naming.spellings(name.text());
    }

    static String simpleName(String className) {
        var s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /** Adds a type; a later declaration of the same class (e.g. orm.xml over annotations) replaces it. */
    void add(MappedType type) {
        byClass.put(type.className, type);
    }

    /** Call once all types are added: indexes entity names. */
    public void index() {
        byEntityName.clear();
        for (var t : byClass.values()) {
            if (t.role == Role.ENTITY) {
                byEntityName.put(t.entityName, t);
                byEntityName.putIfAbsent(t.className, t);
                byEntityName.putIfAbsent(simpleName(t.className), t);
            }
        }
    }

    public Optional<MappedType> type(String className) {
        return Optional.ofNullable(byClass.get(className));
    }

    /** An entity by JPQL entity name, simple or fully qualified class name. */
    public Optional<MappedType> entity(String name) {
        return Optional.ofNullable(byEntityName.get(name));
    }

    public Collection<MappedType> types() {
        return byClass.values();
    }

    public boolean isEmpty() {
        return byClass.isEmpty();
    }

    /** The superclass chain from {@code type} upwards (itself first), as far as it is mapped. */
    List<MappedType> chain(MappedType type) {
        var chain = new ArrayList<MappedType>();
        var seen = new java.util.HashSet<String>();
        for (var t = type; t != null && seen.add(t.className); t = byClass.get(t.superClass)) {
            chain.add(t);
        }
        return chain;
    }

    /** The topmost entity of the hierarchy of {@code entity}. */
    MappedType rootEntity(MappedType entity) {
        var root = entity;
        for (var t : chain(entity)) {
            if (t.role == Role.ENTITY) {
                root = t;
            }
        }
        return root;
    }

    Inheritance strategy(MappedType entity) {
        return rootEntity(entity).inheritance.orElse(Inheritance.SINGLE_TABLE);
    }

    /** The primary table of an entity: its own, or the root's for single-table subclasses. */
    Name table(MappedType entity) {
        var owner = strategy(entity) == Inheritance.SINGLE_TABLE ? rootEntity(entity) : entity;
        return owner.table.or(Name.implicit(owner.entityName));
    }

    /** Every attribute visible on a type (inherited first), by name. */
    Map<String, Attribute> allAttributes(MappedType type) {
        var all = new LinkedHashMap<String, Attribute>();
        var chain = chain(type);
        for (int i = chain.size() - 1; i >= 0; i--) {
            all.putAll(chain.get(i).attributes);
        }
        return all;
    }
}
