package io.github.rollbacksafety.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of every table in the database's default schema, from {@code DatabaseMetaData.getColumns}, with
 * whether an insert must give them a value (NOT NULL, no default, not identity or generated). Used instead of
 * executing inserts, which would advance sequences, fire triggers and trip constraints on dummy values.
 */
final class RequiredColumns {

    /** One column, in table order. */
    record ColumnInfo(String name, boolean required) {
    }

    private final Map<String, List<ColumnInfo>> tables;

    private RequiredColumns(Map<String, List<ColumnInfo>> tables) {
        this.tables = tables;
    }

    static RequiredColumns read(Connection connection) throws SQLException {
        var tables = new HashMap<String, List<ColumnInfo>>();
        var ordinals = new HashMap<String, List<Integer>>();
        try (var rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
            while (rs.next()) {
                var table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                var required = "NO".equalsIgnoreCase(rs.getString("IS_NULLABLE"))
                        && rs.getString("COLUMN_DEF") == null
                        && !"YES".equalsIgnoreCase(optional(rs, "IS_AUTOINCREMENT"))
                        && !"YES".equalsIgnoreCase(optional(rs, "IS_GENERATEDCOLUMN"));
                var columns = tables.computeIfAbsent(table, t -> new ArrayList<>());
                var positions = ordinals.computeIfAbsent(table, t -> new ArrayList<>());
                int ordinal = rs.getInt("ORDINAL_POSITION");
                int at = 0;
                while (at < positions.size() && positions.get(at) < ordinal) {
                    at++;
                }
                positions.add(at, ordinal);
                columns.add(at, new ColumnInfo(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), required));
            }
        }
        return new RequiredColumns(tables);
    }

    private static String optional(java.sql.ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            return null;
        }
    }

    /** The tables' names, lower case. */
    java.util.Set<String> tables() {
        return java.util.Collections.unmodifiableSet(tables.keySet());
    }

    boolean hasTable(String table) {
        return tables.containsKey(key(table));
    }

    /** The table's column names (lower case), empty when the database has no such table. */
    java.util.Set<String> columns(String table) {
        var result = new java.util.HashSet<String>();
        tables.getOrDefault(table.toLowerCase(Locale.ROOT), List.of()).forEach(c -> result.add(c.name()));
        return result;
    }

    int columnCount(String table) {
        return tables.getOrDefault(key(table), List.of()).size();
    }

    /** Tables by bare name (the throwaway database's metadata is read without schemas). */
    private static String key(String table) {
        return io.github.rollbacksafety.schema.Identifiers.bareName(table).replace("\"", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Required columns an insert does not give a value for: those it does not name, or for a positional insert
     * that gave {@code positionalValues} values, those after them.
     */
    List<String> omitted(String table, List<String> named, boolean positional, int positionalValues) {
        var columns = tables.getOrDefault(key(table), List.of());
        var result = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            var c = columns.get(i);
            var given = positional ? i < positionalValues
                    : named.stream().anyMatch(n -> n.equalsIgnoreCase(c.name()));
            if (c.required() && !given) {
                result.add(c.name());
            }
        }
        return result;
    }
}
