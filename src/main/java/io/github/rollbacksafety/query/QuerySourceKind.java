package io.github.rollbacksafety.query;

/** The kinds of places previous-release queries come from; coverage is reported per kind. */
public enum QuerySourceKind {
    SQL_RESOURCE("SQL resources"),
    QUERY_FILE("query files"),
    MYBATIS_XML("MyBatis mappers"),
    BYTECODE_STRING("SQL strings in bytecode"),
    ANNOTATION_SQL("native SQL annotations"),
    JPQL("JPQL/HQL queries"),
    JPA_MAPPING("JPA entity mappings"),
    HIBERNATE_XML("Hibernate XML mappings"),
    JAVA_SOURCE("SQL strings in Java sources");

    private final String label;

    QuerySourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
