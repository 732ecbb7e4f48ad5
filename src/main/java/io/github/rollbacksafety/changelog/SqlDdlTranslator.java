package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;

/**
 * Translates raw SQL from {@code sql}, {@code sqlFile} and formatted SQL changesets into {@link SchemaOp}s,
 * parsing with JSqlParser. A statement that cannot be parsed becomes {@link SchemaOp.Unanalyzable}. Thread-safe.
 */
public final class SqlDdlTranslator {

    /** Translates a script of one or more statements. */
    public List<SchemaOp> translate(String sql) {
        return List.of(new SchemaOp.Unanalyzable("SQL", "not implemented yet"));
    }

    /** The output column names of a view's SELECT, or empty when they cannot be derived (e.g. {@code *}). */
    public List<String> viewColumns(String selectSql) {
        return List.of();
    }
}
