package io.github.rollbacksafety.schema;

import java.util.List;
import java.util.Optional;

/**
 * The small language between changelog parsers and rules. Liquibase {@code Change} objects and raw SQL both
 * become {@code SchemaOp}s; rules never see Liquibase or JSqlParser types. All names are normalised with
 * {@link Identifiers}: a table, view or sequence keeps its schema ({@code archive.orders}), an unqualified one is
 * bare; {@link SchemaBuilder} resolves them against the objects it knows (see {@link NameResolver}).
 */
public sealed interface SchemaOp {

    /** A short human description, e.g. {@code drop column orders.legacy_status}. */
    String describe();

    record CreateTable(String table, List<ColumnDef> columns) implements SchemaOp {
        public CreateTable {
            table = Identifiers.qualifiedName(table);
            columns = List.copyOf(columns);
        }

        public String describe() {
            return "create table " + table;
        }
    }

    record DropTable(String table) implements SchemaOp {
        public DropTable {
            table = Identifiers.qualifiedName(table);
        }

        public String describe() {
            return "drop table " + table;
        }
    }

    /** Renames a table; an unqualified new name stays in the old name's schema (a rename does not move it). */
    record RenameTable(String from, String to) implements SchemaOp {
        public RenameTable {
            from = Identifiers.qualifiedName(from);
            to = Identifiers.isQualified(Identifiers.qualifiedName(to)) ? Identifiers.qualifiedName(to)
                    : Identifiers.qualify(Identifiers.schemaOf(from), to);
        }

        public String describe() {
            return "rename table " + from + " to " + to;
        }
    }

    record AddColumn(String table, ColumnDef column) implements SchemaOp {
        public AddColumn {
            table = Identifiers.qualifiedName(table);
        }

        public String describe() {
            return "add column " + table + "." + column.name();
        }
    }

    record DropColumn(String table, String column) implements SchemaOp {
        public DropColumn {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }

        public String describe() {
            return "drop column " + table + "." + column;
        }
    }

    record RenameColumn(String table, String from, String to) implements SchemaOp {
        public RenameColumn {
            table = Identifiers.qualifiedName(table);
            from = Identifiers.normalize(from);
            to = Identifiers.normalize(to);
        }

        public String describe() {
            return "rename column " + table + "." + from + " to " + to;
        }
    }

    record AlterType(String table, String column, ColumnType newType) implements SchemaOp {
        public AlterType {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }

        public String describe() {
            return "change type of " + table + "." + column + " to " + newType.raw();
        }
    }

    /** Makes a column NOT NULL. A Liquibase {@code defaultNullValue} only backfills existing rows. */
    record SetNotNull(String table, String column) implements SchemaOp {
        public SetNotNull {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }

        public String describe() {
            return "set not null on " + table + "." + column;
        }
    }

    record DropNotNull(String table, String column) implements SchemaOp {
        public DropNotNull {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }

        public String describe() {
            return "drop not null on " + table + "." + column;
        }
    }

    record SetDefault(String table, String column, String value) implements SchemaOp {
        public SetDefault {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }

        public String describe() {
            return "set default of " + table + "." + column;
        }
    }

    record DropDefault(String table, String column) implements SchemaOp {
        public DropDefault {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }

        public String describe() {
            return "drop default of " + table + "." + column;
        }
    }

    /** A unique constraint or a unique index. */
    record AddUnique(String table, List<String> columns, Optional<String> name) implements SchemaOp {
        public AddUnique {
            table = Identifiers.qualifiedName(table);
            columns = columns.stream().map(Identifiers::normalize).toList();
        }

        public String describe() {
            return "add unique " + name.map(n -> n + " ").orElse("") + "on " + table + columns;
        }
    }

    record AddForeignKey(String table, List<String> columns, String referencedTable, List<String> referencedColumns)
            implements SchemaOp {
        public AddForeignKey {
            table = Identifiers.qualifiedName(table);
            columns = columns.stream().map(Identifiers::normalize).toList();
            referencedTable = Identifiers.qualifiedName(referencedTable);
            referencedColumns = referencedColumns.stream().map(Identifiers::normalize).toList();
        }

        public String describe() {
            return "add foreign key " + table + columns + " -> " + referencedTable + referencedColumns;
        }
    }

    record AddCheck(String table, String condition) implements SchemaOp {
        public AddCheck {
            table = Identifiers.qualifiedName(table);
        }

        public String describe() {
            return "add check on " + table + " (" + condition + ")";
        }
    }

    /**
     * Creates (or, with {@code replace}, redefines) a view.
     *
     * @param columns the view's output column names when they could be derived from its query; empty when not
     * @param writes  what can be written through it, when its query could be analysed
     */
    record CreateView(String view, boolean replace, String selectSql, List<String> columns,
                      Optional<ViewWrites> writes) implements SchemaOp {
        public CreateView {
            view = Identifiers.qualifiedName(view);
            columns = columns.stream().map(Identifiers::normalize).toList();
        }

        /** A view whose writability was not analysed. */
        public CreateView(String view, boolean replace, String selectSql, List<String> columns) {
            this(view, replace, selectSql, columns, Optional.empty());
        }

        public String describe() {
            return (replace ? "create or replace view " : "create view ") + view;
        }
    }

    /**
     * Drops a unique constraint or an index (which may or may not be unique: the replayed schema knows).
     *
     * @param table   the table, when the change names it
     * @param name    the constraint or index name
     * @param columns its columns, when the change names them
     */
    record DropUnique(Optional<String> table, String name, List<String> columns) implements SchemaOp {
        public DropUnique {
            table = table.map(Identifiers::qualifiedName).filter(t -> !t.isEmpty());
            name = Identifiers.bareName(name);
            columns = columns.stream().map(Identifiers::normalize).toList();
        }

        public String describe() {
            return "drop unique constraint or index " + name + table.map(t -> " on " + t).orElse("");
        }
    }

    record DropView(String view) implements SchemaOp {
        public DropView {
            view = Identifiers.qualifiedName(view);
        }

        public String describe() {
            return "drop view " + view;
        }
    }

    record CreateSequence(String sequence) implements SchemaOp {
        public CreateSequence {
            sequence = Identifiers.qualifiedName(sequence);
        }

        public String describe() {
            return "create sequence " + sequence;
        }
    }

    record DropSequence(String sequence) implements SchemaOp {
        public DropSequence {
            sequence = Identifiers.qualifiedName(sequence);
        }

        public String describe() {
            return "drop sequence " + sequence;
        }
    }

    record RenameSequence(String from, String to) implements SchemaOp {
        public RenameSequence {
            from = Identifiers.qualifiedName(from);
            to = Identifiers.isQualified(Identifiers.qualifiedName(to)) ? Identifiers.qualifiedName(to)
                    : Identifiers.qualify(Identifiers.schemaOf(from), to);
        }

        public String describe() {
            return "rename sequence " + from + " to " + to;
        }
    }

    /** Rows inserted, updated, deleted or loaded by a deployment. */
    record DataChange(String table, Kind kind) implements SchemaOp {
        public enum Kind { INSERT, UPDATE, DELETE, LOAD }

        public DataChange {
            table = Identifiers.qualifiedName(table);
        }

        public String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " rows of " + table;
        }
    }

    /** A change that cannot be analysed statically (custom change, unparseable SQL, ...). */
    record Unanalyzable(String what, String reason) implements SchemaOp {
        public String describe() {
            return what;
        }
    }

    /** A change with no effect on what the previous release can do (tags, comments, plain indexes, ...). */
    record Harmless(String what) implements SchemaOp {
        public String describe() {
            return what;
        }
    }
}
