package io.github.rollbacksafety.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table or view of a replayed {@link Schema}, with its columns in declaration order.
 * For a view whose query could not be analysed the column list is empty and {@link #columnsKnown()} is false.
 */
public record Relation(String name, boolean view, Map<String, Column> columns, boolean columnsKnown,
                       Optional<String> viewSql, Optional<ViewWrites> viewWrites) {

    public Relation {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Relation(String name, boolean view, Map<String, Column> columns, boolean columnsKnown,
                    Optional<String> viewSql) {
        this(name, view, columns, columnsKnown, viewSql, Optional.empty());
    }

    static Relation table(String name, List<ColumnDef> defs) {
        var cols = new LinkedHashMap<String, Column>();
        defs.forEach(d -> cols.put(d.name(), Column.of(d)));
        return new Relation(name, false, cols, true, Optional.empty());
    }

    static Relation view(String name, String sql, List<String> columnNames, Optional<ViewWrites> writes) {
        var cols = new LinkedHashMap<String, Column>();
        columnNames.forEach(c -> cols.put(c, new Column(c, Optional.empty(), true, Optional.empty(), false)));
        return new Relation(name, true, cols, !columnNames.isEmpty(), Optional.ofNullable(sql), writes);
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(Identifiers.normalize(name)));
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(Identifiers.normalize(name));
    }

    Relation renamed(String newName) {
        return new Relation(newName, view, columns, columnsKnown, viewSql, viewWrites);
    }

    Relation withColumns(Map<String, Column> newColumns) {
        return new Relation(name, view, newColumns, columnsKnown, viewSql, viewWrites);
    }
}
