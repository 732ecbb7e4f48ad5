package io.github.rollbacksafety.ddl;

import io.github.rollbacksafety.sql.SqlScriptSplitter;

import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.Identifiers;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.SchemaOp.DataChange.Kind;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Block;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.CreateFunctionalStatement;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.extension.CreateExtension;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.synonym.CreateSynonym;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.DefaultConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.trigger.CreateTrigger;
import net.sf.jsqlparser.statement.create.type.CreateType;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.grant.Revoke;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.lock.LockStatement;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.role.CreateRole;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one parsed JSqlParser statement into {@link SchemaOp}s. The only place that knows JSqlParser's statement
 * model; everything it returns is plain engine data. Stateless.
 */
final class SqlStatementTranslator {

    /** Alter operations that change nothing the previous release relies on. */
    private static final Set<AlterOperation> HARMLESS_ALTERS = EnumSet.of(AlterOperation.COMMENT,
            AlterOperation.COMMENT_WITH_EQUAL_SIGN, AlterOperation.ALGORITHM, AlterOperation.LOCK,
            AlterOperation.ENGINE, AlterOperation.KEY_BLOCK_SIZE, AlterOperation.SET_TABLE_OPTION,
            AlterOperation.FORCE, AlterOperation.DISABLE_KEYS, AlterOperation.ENABLE_KEYS,
            AlterOperation.DROP_PRIMARY_KEY, AlterOperation.DROP_UNIQUE, AlterOperation.DROP_FOREIGN_KEY,
            AlterOperation.RENAME_INDEX, AlterOperation.RENAME_KEY, AlterOperation.RENAME_CONSTRAINT,
            AlterOperation.DISABLE_ROW_LEVEL_SECURITY, AlterOperation.NO_FORCE_ROW_LEVEL_SECURITY,
            AlterOperation.ANALYZE_PARTITION, AlterOperation.CHECK_PARTITION, AlterOperation.OPTIMIZE_PARTITION,
            AlterOperation.REBUILD_PARTITION, AlterOperation.REPAIR_PARTITION);
    /** Keywords that end a {@code DEFAULT} expression inside a column's constraint tokens. */
    private static final Set<String> DEFAULT_STOP_WORDS = Set.of("NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES",
            "CHECK", "CONSTRAINT", "AUTO_INCREMENT", "AUTOINCREMENT", "GENERATED", "IDENTITY", "COLLATE", "COMMENT",
            "AFTER", "FIRST", "ON");
    private static final Set<String> GENERATED_WORDS = Set.of("ALWAYS", "BY", "DEFAULT", "ON", "NULL", "AS");
    private static final Set<String> GENERATED_TAIL = Set.of("STORED", "VIRTUAL", "PERSISTED");
    private static final Set<String> SERIAL_TYPES = Set.of("SERIAL", "SERIAL4", "SERIAL8", "BIGSERIAL",
            "SMALLSERIAL", "SERIAL2");
    /** Words that can appear in an index expression without naming a column. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("AND", "OR", "NOT", "NULL", "IS", "TRUE", "FALSE",
            "CASE", "WHEN", "THEN", "ELSE", "END", "COLLATE", "IN", "LIKE", "AS", "ASC", "DESC");

    private static final Pattern SPACE_BEFORE_PAREN = Pattern.compile("\\s*\\(\\s*");
    private static final Pattern SPACE_AROUND_COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern SPACE_BEFORE_CLOSE = Pattern.compile("\\s*\\)");
    private static final Pattern SPACE_BEFORE_BRACKET = Pattern.compile("\\s+\\[");
    private static final Pattern CHARACTER_SET = Pattern.compile("\\s+CHARACTER\\s+SET\\s+\\S+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SORT_SUFFIX = Pattern.compile("\\s+(ASC|DESC|NULLS\\s+(FIRST|LAST))\\b.*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_][\\w$]*");
    private static final Pattern EXPRESSION_COLUMN = Pattern.compile(
            "(?<!::)(\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|\\b[A-Za-z_][\\w$]*+)(?!\\s*\\()");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");

    private SqlStatementTranslator() {
    }

    static List<SchemaOp> translate(Statement statement) {
        if (statement instanceof Alter alter) {
            return alter(alter);
        }
        if (statement instanceof CreateTable create) {
            return List.of(createTable(create));
        }
        if (statement instanceof Drop drop) {
            return drop(drop);
        }
        if (statement instanceof CreateIndex index) {
            return List.of(createIndex(index));
        }
        if (statement instanceof CreateView view) {
            return List.of(createView(view));
        }
        if (statement instanceof RenameTableStatement rename) {
            var ops = new ArrayList<SchemaOp>();
            rename.getTableNames().forEach(e -> ops.add(new SchemaOp.RenameTable(name(e.getKey()), name(e.getValue()))));
            return ops;
        }
        if (statement instanceof CreateSequence sequence) {
            return List.of(new SchemaOp.CreateSequence(sequence.getSequence().getFullyQualifiedName()));
        }
        if (statement instanceof AlterSequence) {
            return List.of(new SchemaOp.Harmless("alter sequence"));
        }
        Optional<List<SchemaOp>> data = dataChange(statement);
        if (data.isPresent()) {
            return data.get();
        }
        if (statement instanceof Execute execute) {
            return execute(execute);
        }
        if (statement instanceof Block) {
            return unanalyzable(statement, "procedural block: it can change anything");
        }
        if (statement instanceof Revoke) {
            return unanalyzable(statement, "it may take privileges the previous release needs");
        }
        if (statement instanceof UnsupportedStatement) {
            return unanalyzable(statement, "statement not supported by the SQL parser");
        }
        return harmless(statement).map(List::of).orElseGet(() -> unanalyzable(statement,
                "statement type " + statement.getClass().getSimpleName() + " is not analysed"));
    }

    /** What can be written through a view with this query; empty when its shape is not understood. */
    static Optional<io.github.rollbacksafety.schema.ViewWrites> viewWrites(Select select, List<String> declared) {
        try {
            return Optional.of(ViewWritability.of(select, declared));
        } catch (RuntimeException e) {
            return Optional.empty(); // a shape the analysis did not expect: nothing is said about writes
        }
    }

    /** The output column names of a query, or empty when any item has no name of its own ({@code *}, expressions). */
    static Optional<List<String>> selectColumns(Select select) {
        if (select instanceof ParenthesedSelect parenthesed) {
            return selectColumns(parenthesed.getSelect());
        }
        if (select instanceof SetOperationList union) {
            return union.getSelects().isEmpty() ? Optional.empty() : selectColumns(union.getSelects().get(0));
        }
        if (!(select instanceof PlainSelect plain) || plain.getSelectItems() == null) {
            return Optional.empty();
        }
        var names = new ArrayList<String>();
        for (SelectItem<?> item : plain.getSelectItems()) {
            if (item.getAlias() != null && item.getAlias().getName() != null) {
                names.add(item.getAlias().getName());
            } else if (item.getExpression() instanceof Column column) {
                names.add(column.getColumnName());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    // ---- ALTER TABLE

    private static List<SchemaOp> alter(Alter alter) {
        var table = name(alter.getTable());
        var ops = new ArrayList<SchemaOp>();
        if (alter.getAlterExpressions() == null) {
            return unanalyzable(alter, "alter table without operations");
        }
        for (AlterExpression e : alter.getAlterExpressions()) {
            ops.addAll(alterExpression(table, e));
        }
        return ops;
    }

    private static List<SchemaOp> alterExpression(String table, AlterExpression e) {
        var op = e.getOperation();
        if (op == AlterOperation.ADD) {
            return add(table, e);
        }
        if (op == AlterOperation.DROP) {
            return drop(table, e);
        }
        if (op == AlterOperation.ALTER || op == AlterOperation.MODIFY) {
            return redefine(table, e);
        }
        if (op == AlterOperation.CHANGE) {
            return change(table, e);
        }
        if (op == AlterOperation.RENAME && e.getColumnOldName() != null && e.getColumnName() != null) {
            return List.of(new SchemaOp.RenameColumn(table, e.getColumnOldName(), e.getColumnName()));
        }
        if (op == AlterOperation.RENAME_TABLE && e.getNewTableName() != null) {
            return List.of(new SchemaOp.RenameTable(table, e.getNewTableName()));
        }
        if (op == AlterOperation.DROP_PARTITION || op == AlterOperation.TRUNCATE_PARTITION) {
            return List.of(new SchemaOp.DataChange(table, Kind.DELETE));
        }
        if (HARMLESS_ALTERS.contains(op)) {
            return List.of(new SchemaOp.Harmless(describe(op) + " on " + table));
        }
        var text = e.toString().strip().toUpperCase(Locale.ROOT);
        if (op == AlterOperation.UNSPECIFIC && (text.startsWith("VALIDATE") || text.startsWith("OWNER"))) {
            return List.of(new SchemaOp.Harmless(text.split("\\s+")[0].toLowerCase(Locale.ROOT) + " on " + table));
        }
        return List.of(new SchemaOp.Unanalyzable("alter table " + table + " " + SqlScriptSplitter.firstLine(e.toString()),
                "alter table operation " + describe(op) + " is not analysed"));
    }

    private static List<SchemaOp> add(String table, AlterExpression e) {
        var ops = new ArrayList<SchemaOp>();
        if (e.getColDataTypeList() != null) {
            for (var column : e.getColDataTypeList()) {
                ops.add(new SchemaOp.AddColumn(table, columnDef(column, false)));
            }
        }
        var index = e.getIndex();
        if (isPrimaryKey(index)) {
            index.getColumnsNames().forEach(c -> ops.add(new SchemaOp.SetNotNull(table, c)));
        } else if (index != null) {
            ops.add(constraint(table, index));
        }
        return ops.isEmpty() ? List.of(new SchemaOp.Unanalyzable("alter table " + table + " " + e, "unknown ADD"))
                : ops;
    }

    private static SchemaOp constraint(String table, Index index) {
        if (index instanceof ForeignKeyIndex fk) {
            return new SchemaOp.AddForeignKey(table, index.getColumnsNames(), name(fk.getTable()),
                    fk.getReferencedColumnNames() == null ? List.of() : fk.getReferencedColumnNames());
        }
        if (index instanceof CheckConstraint check) {
            return new SchemaOp.AddCheck(table, check.getExpression() == null ? "" : check.getExpression().toString());
        }
        if (index instanceof DefaultConstraint defaultConstraint && defaultConstraint.getColumn() != null) {
            // SQL Server: ADD CONSTRAINT df DEFAULT 0 FOR c
            return setDefault(table, defaultConstraint.getColumn().getColumnName(),
                    String.valueOf(defaultConstraint.getExpression()));
        }
        if (index.getKind() == Index.Kind.UNIQUE) {
            return new SchemaOp.AddUnique(table, indexColumns(index), Optional.ofNullable(index.getName()));
        }
        if (index.getKind() == Index.Kind.EXCLUDE) {
            return new SchemaOp.Unanalyzable("alter table " + table + " add " + index,
                    "an exclusion constraint can reject writes like a unique constraint");
        }
        return new SchemaOp.Harmless("add index on " + table);
    }

    /** A PRIMARY KEY makes its columns NOT NULL; that is what can break the previous release's inserts. */
    private static boolean isPrimaryKey(Index index) {
        return index != null && index.getKind() == Index.Kind.PRIMARY_KEY;
    }

    private static List<SchemaOp> drop(String table, AlterExpression e) {
        if (e.getColumnName() != null) {
            return List.of(new SchemaOp.DropColumn(table, e.getColumnName()));
        }
        if (e.getPkColumns() != null && !e.getPkColumns().isEmpty()) {
            // Oracle: ALTER TABLE t DROP (a, b)
            return e.getPkColumns().stream().<SchemaOp>map(c -> new SchemaOp.DropColumn(table, c)).toList();
        }
        if (e.getConstraintName() != null) {
            // a unique constraint's name is known to the replayed schema; other constraints are harmless there
            return List.of(new SchemaOp.DropUnique(java.util.Optional.of(table), e.getConstraintName(), List.of()));
        }
        if (e.getIndex() != null) {
            return List.of(new SchemaOp.Harmless("drop index on " + table));
        }
        return List.of(new SchemaOp.Unanalyzable("alter table " + table + " " + e, "unknown DROP"));
    }

    /** {@code ALTER COLUMN} and {@code MODIFY}: only what is spelled out changes. */
    private static List<SchemaOp> redefine(String table, AlterExpression e) {
        var ops = new ArrayList<SchemaOp>();
        if (e.getColDataTypeList() != null) {
            for (var column : e.getColDataTypeList()) {
                ops.addAll(redefineColumn(table, column.getColumnName(), column.getColDataType(),
                        column.getColumnSpecs()));
            }
        }
        if (e.getColumnSetNotNullList() != null) {
            e.getColumnSetNotNullList().forEach(c -> ops.add(new SchemaOp.SetNotNull(table, c.getColumnName())));
        }
        if (e.getColumnDropNotNullList() != null) {
            e.getColumnDropNotNullList().forEach(c -> ops.add(new SchemaOp.DropNotNull(table, c.getColumnName())));
        }
        if (e.getColumnSetDefaultList() != null) {
            e.getColumnSetDefaultList().forEach(c -> ops.add(setDefault(table, c.getColumnName(),
                    c.getDefaultExpression() != null ? c.getDefaultExpression().toString() : c.getDefaultValue())));
        }
        if (e.getColumnDropDefaultList() != null) {
            e.getColumnDropDefaultList().forEach(c -> ops.add(new SchemaOp.DropDefault(table, c.getColumnName())));
        }
        if (ops.isEmpty()) {
            return List.of(new SchemaOp.Unanalyzable("alter table " + table + " " + e, "unknown ALTER COLUMN"));
        }
        return ops;
    }

    private static SchemaOp setDefault(String table, String column, String value) {
        return value == null || value.strip().equalsIgnoreCase("NULL") ? new SchemaOp.DropDefault(table, column)
                : new SchemaOp.SetDefault(table, column, value.strip());
    }

    private static List<SchemaOp> redefineColumn(String table, String column, ColDataType type, List<String> specs) {
        var ops = new ArrayList<SchemaOp>();
        var constraints = ColumnConstraints.of(specs);
        if (type != null && type.getDataType() != null && type.getDataType().equalsIgnoreCase("SET")) {
            // H2: ALTER COLUMN c SET NULL / SET NOT NULL; PostgreSQL: SET STATISTICS, SET STORAGE
            if (constraints.notNull()) {
                return List.of(new SchemaOp.SetNotNull(table, column));
            }
            if (constraints.explicitNull()) {
                return List.of(new SchemaOp.DropNotNull(table, column));
            }
            return List.of(new SchemaOp.Harmless("alter column " + table + "." + column));
        }
        if (type != null && type.getDataType() != null) {
            ops.add(new SchemaOp.AlterType(table, column, ColumnType.parse(typeText(type))));
        }
        if (constraints.notNull() || constraints.primaryKey()) {
            ops.add(new SchemaOp.SetNotNull(table, column));
        } else if (constraints.explicitNull()) {
            ops.add(new SchemaOp.DropNotNull(table, column));
        }
        constraints.defaultValue().ifPresent(v -> ops.add(new SchemaOp.SetDefault(table, column, v)));
        return ops;
    }

    /** MySQL {@code CHANGE [COLUMN] old new type ...}: a rename plus a redefinition under the new name. */
    private static List<SchemaOp> change(String table, AlterExpression e) {
        var ops = new ArrayList<SchemaOp>();
        var oldName = e.getColumnOldName();
        for (var column : e.getColDataTypeList() == null ? List.<ColumnDefinition>of() : e.getColDataTypeList()) {
            var newName = column.getColumnName();
            if (oldName != null && !normalize(oldName).equals(normalize(newName))) {
                ops.add(new SchemaOp.RenameColumn(table, oldName, newName));
            }
            ops.addAll(redefineColumn(table, newName, column.getColDataType(), column.getColumnSpecs()));
        }
        return ops.isEmpty() ? List.of(new SchemaOp.Unanalyzable("alter table " + table + " " + e, "unknown CHANGE"))
                : ops;
    }

    // ---- CREATE / DROP

    private static SchemaOp createTable(CreateTable create) {
        var table = name(create.getTable());
        var primaryKey = new HashSet<String>();
        if (create.getIndexes() != null) {
            create.getIndexes().stream().filter(SqlStatementTranslator::isPrimaryKey)
                    .forEach(i -> i.getColumnsNames().forEach(c -> primaryKey.add(normalize(c))));
        }
        var columns = new ArrayList<ColumnDef>();
        if (create.getColumnDefinitions() != null) {
            for (var column : create.getColumnDefinitions()) {
                columns.add(columnDef(column, primaryKey.contains(normalize(column.getColumnName()))));
            }
        } else if (create.getSelect() != null) {
            selectColumns(create.getSelect()).ifPresent(names -> names.forEach(
                    n -> columns.add(ColumnDef.nullable(n, null))));
        }
        return new SchemaOp.CreateTable(table, columns);
    }

    private static ColumnDef columnDef(ColumnDefinition column, boolean inPrimaryKey) {
        var type = column.getColDataType() == null ? "" : typeText(column.getColDataType());
        var constraints = ColumnConstraints.of(column.getColumnSpecs());
        var parsedType = ColumnType.parseOptional(type);
        boolean serial = column.getColDataType() != null && column.getColDataType().getDataType() != null
                && SERIAL_TYPES.contains(column.getColDataType().getDataType().strip().toUpperCase(Locale.ROOT));
        boolean identity = constraints.identity() || serial;
        boolean nullable = !(constraints.notNull() || constraints.primaryKey() || inPrimaryKey || identity);
        return new ColumnDef(column.getColumnName(), parsedType, nullable, constraints.defaultValue(),
                identity || constraints.generated());
    }

    private static List<SchemaOp> drop(Drop drop) {
        var type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        var names = drop.getNames() != null && !drop.getNames().isEmpty() ? drop.getNames() : List.of(drop.getName());
        var ops = new ArrayList<SchemaOp>();
        for (Table t : names) {
            var name = name(t);
            switch (type) {
                case "TABLE" -> ops.add(new SchemaOp.DropTable(name));
                case "VIEW", "MATERIALIZED VIEW" -> ops.add(new SchemaOp.DropView(name));
                case "SEQUENCE" -> ops.add(new SchemaOp.DropSequence(name));
                case "INDEX" -> ops.add(new SchemaOp.DropUnique(java.util.Optional.empty(), name, List.of()));
                case "TRIGGER" -> ops.add(new SchemaOp.Harmless("drop trigger " + normalize(name)));
                case "FUNCTION", "PROCEDURE" -> ops.add(new SchemaOp.Unanalyzable(firstLine(drop),
                        "the previous release may call this " + type.toLowerCase(Locale.ROOT)));
                default -> ops.add(new SchemaOp.Unanalyzable(firstLine(drop),
                        "drop " + type.toLowerCase(Locale.ROOT) + " is not analysed"));
            }
        }
        return ops;
    }

    private static SchemaOp createIndex(CreateIndex create) {
        var index = create.getIndex();
        var table = name(create.getTable());
        boolean unique = index.getKind() == Index.Kind.UNIQUE
                || (index.getType() != null && index.getType().toUpperCase(Locale.ROOT).contains("UNIQUE"));
        if (!unique) {
            return new SchemaOp.Harmless("create index " + Optional.ofNullable(index.getName()).map(n -> n + " ")
                    .orElse("") + "on " + normalize(table));
        }
        return new SchemaOp.AddUnique(table, indexColumns(index), Optional.ofNullable(index.getName()));
    }

    /** Plain column names; for an expression such as {@code lower(email)} the columns it reads. */
    private static List<String> indexColumns(Index index) {
        var columns = new LinkedHashSet<String>();
        for (var spelled : index.getColumnsNames()) {
            var text = SORT_SUFFIX.matcher(spelled.strip()).replaceFirst("");
            if (IDENTIFIER.matcher(text).matches()) {
                columns.add(text);
                continue;
            }
            var m = EXPRESSION_COLUMN.matcher(STRING_LITERAL.matcher(text).replaceAll(" "));
            while (m.find()) {
                if (!EXPRESSION_WORDS.contains(m.group(1).toUpperCase(Locale.ROOT))) {
                    columns.add(m.group(1));
                }
            }
        }
        return List.copyOf(columns);
    }

    private static SchemaOp createView(CreateView view) {
        List<String> columns;
        if (view.getColumnNames() != null && !view.getColumnNames().isEmpty()) {
            columns = view.getColumnNames().stream().map(Column::getColumnName).toList();
        } else {
            columns = view.getSelect() == null ? List.of() : selectColumns(view.getSelect()).orElse(List.of());
        }
        var declared = view.getColumnNames() == null ? List.<String>of()
                : view.getColumnNames().stream().map(Column::getColumnName).toList();
        return new SchemaOp.CreateView(name(view.getView()), view.isOrReplace(),
                view.getSelect() == null ? "" : view.getSelect().toString(), columns,
                view.getSelect() == null ? Optional.empty() : viewWrites(view.getSelect(), declared));
    }

    // ---- data, procedures, the rest

    private static Optional<List<SchemaOp>> dataChange(Statement statement) {
        if (statement instanceof Insert insert) {
            return Optional.of(List.of(new SchemaOp.DataChange(name(insert.getTable()), Kind.INSERT)));
        }
        if (statement instanceof Upsert upsert) {
            return Optional.of(List.of(new SchemaOp.DataChange(name(upsert.getTable()), Kind.INSERT)));
        }
        if (statement instanceof Update update) {
            return Optional.of(List.of(new SchemaOp.DataChange(name(update.getTable()), Kind.UPDATE)));
        }
        if (statement instanceof Delete delete) {
            var tables = delete.getTables() != null && !delete.getTables().isEmpty() ? delete.getTables()
                    : List.of(delete.getTable());
            return Optional.of(tables.stream().<SchemaOp>map(t -> new SchemaOp.DataChange(name(t), Kind.DELETE))
                    .toList());
        }
        if (statement instanceof Truncate truncate) {
            var tables = truncate.getTables() != null && !truncate.getTables().isEmpty() ? truncate.getTables()
                    : List.of(truncate.getTable());
            return Optional.of(tables.stream().<SchemaOp>map(t -> new SchemaOp.DataChange(name(t), Kind.DELETE))
                    .toList());
        }
        if (statement instanceof Merge merge) {
            return Optional.of(merge(merge));
        }
        return Optional.empty();
    }

    private static List<SchemaOp> merge(Merge merge) {
        var table = name(merge.getTable());
        var kinds = EnumSet.noneOf(Kind.class);
        var operations = merge.getOperations() == null ? List.<MergeOperation>of() : merge.getOperations();
        for (var operation : operations) {
            if (operation instanceof MergeInsert) {
                kinds.add(Kind.INSERT);
            } else if (operation instanceof MergeUpdate) {
                kinds.add(Kind.UPDATE);
            } else if (operation instanceof MergeDelete) {
                kinds.add(Kind.DELETE);
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(Kind.UPDATE);
        }
        return kinds.stream().<SchemaOp>map(k -> new SchemaOp.DataChange(table, k)).toList();
    }

    private static List<SchemaOp> execute(Execute execute) {
        var procedure = execute.getName() == null ? "" : execute.getName();
        if (normalize(procedure).endsWith("sp_rename") && execute.getExprList() != null) {
            var args = new ArrayList<String>();
            for (Object expression : execute.getExprList()) {
                args.add(expression instanceof StringValue s ? s.getValue() : String.valueOf(expression));
            }
            return SqlGapStatements.spRename(args, firstLine(execute));
        }
        return unanalyzable(execute, "procedure call: it can change anything");
    }

    private static Optional<SchemaOp> harmless(Statement statement) {
        String what = null;
        if (statement instanceof CreateFunctionalStatement function) {
            var parts = function.getFunctionDeclarationParts();
            what = "create " + function.getKind().toLowerCase(Locale.ROOT)
                    + (parts == null || parts.isEmpty() ? "" : " " + normalize(parts.get(0)));
        } else if (statement instanceof CreateTrigger) {
            what = "create trigger";
        } else if (statement instanceof Comment) {
            what = "comment";
        } else if (statement instanceof Grant) {
            what = "grant";
        } else if (statement instanceof Analyze) {
            what = "analyze";
        } else if (statement instanceof SetStatement || statement instanceof ResetStatement) {
            what = "set";
        } else if (statement instanceof Select) {
            what = "select";
        } else if (statement instanceof CreateExtension || statement instanceof CreateSchema
                || statement instanceof CreateType || statement instanceof CreateSynonym
                || statement instanceof CreateRole) {
            what = firstWords(statement);
        } else if (statement instanceof Commit || statement instanceof RollbackStatement
                || statement instanceof SavepointStatement || statement instanceof LockStatement
                || statement instanceof ExplainStatement || statement instanceof DescribeStatement
                || statement instanceof ShowStatement || statement instanceof UseStatement
                || statement instanceof RefreshMaterializedViewStatement) {
            what = firstWords(statement);
        }
        return Optional.ofNullable(what).map(w -> new SchemaOp.Harmless(w.strip()));
    }

    // ---- small pieces

    /** NOT NULL, NULL, DEFAULT, PRIMARY KEY and identity as spelled in a column's constraint tokens. */
    private record ColumnConstraints(boolean notNull, boolean explicitNull, boolean primaryKey,
                                     Optional<String> defaultValue, boolean identity, boolean generated) {

        static ColumnConstraints of(List<String> specs) {
            var tokens = new ArrayList<String>();
            if (specs != null) {
                for (var spec : specs) {
                    // JSqlParser keeps some multi-word options as one token ("GENERATED BY DEFAULT AS IDENTITY")
                    if (spec.matches("[A-Za-z_ ]+")) {
                        tokens.addAll(List.of(spec.strip().split("\\s+")));
                    } else {
                        tokens.add(spec);
                    }
                }
            }
            boolean notNull = false;
            boolean explicitNull = false;
            boolean primaryKey = false;
            boolean identity = false;
            boolean generated = false;
            Optional<String> defaultValue = Optional.empty();
            for (int i = 0; i < tokens.size(); i++) {
                var word = firstWord(tokens.get(i));
                if (word.equals("NOT") && i + 1 < tokens.size() && firstWord(tokens.get(i + 1)).equals("NULL")) {
                    notNull = true;
                    i++;
                } else if (word.equals("NULL")) {
                    explicitNull = true;
                } else if (word.equals("PRIMARY")) {
                    primaryKey = true;
                } else if (word.equals("AUTO_INCREMENT") || word.equals("AUTOINCREMENT") || word.equals("IDENTITY")) {
                    identity = true;
                } else if (word.equals("GENERATED")) {
                    // GENERATED [ALWAYS | BY DEFAULT [ON NULL]] AS IDENTITY [(options)] or AS (expr) [STORED]
                    int j = i + 1;
                    while (j < tokens.size() && GENERATED_WORDS.contains(firstWord(tokens.get(j)))) {
                        j++;
                    }
                    boolean identityToken = j < tokens.size() && firstWord(tokens.get(j)).equals("IDENTITY");
                    if (identityToken || tokens.get(i).toUpperCase(Locale.ROOT).contains("IDENTITY")) {
                        identity = true;
                    } else {
                        generated = true; // a computed column: the database fills it
                    }
                    j += identityToken ? 1 : 0;
                    while (j < tokens.size() && (tokens.get(j).startsWith("(")
                            || GENERATED_TAIL.contains(firstWord(tokens.get(j))))) {
                        j++;
                    }
                    i = j - 1;
                } else if (word.equals("DEFAULT")) {
                    var value = new ArrayList<String>();
                    int j = i + 1;
                    while (j < tokens.size() && !DEFAULT_STOP_WORDS.contains(firstWord(tokens.get(j)))) {
                        value.add(tokens.get(j));
                        j++;
                    }
                    if (value.isEmpty() && j < tokens.size() && firstWord(tokens.get(j)).equals("NULL")) {
                        j++; // DEFAULT NULL is no default at all
                    }
                    defaultValue = value.isEmpty() ? defaultValue : Optional.of(String.join(" ", value));
                    i = j - 1;
                }
            }
            return new ColumnConstraints(notNull, explicitNull && !notNull, primaryKey, defaultValue, identity,
                    generated);
        }

        private static String firstWord(String token) {
            var t = token.strip();
            int end = 0;
            while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
                end++;
            }
            return t.substring(0, end).toUpperCase(Locale.ROOT);
        }
    }

    /** The type as spelled, with JSqlParser's added blanks removed: {@code numeric(12,2)}, not {@code numeric (12, 2)}. */
    private static String typeText(ColDataType type) {
        var text = type.toString().strip();
        text = CHARACTER_SET.matcher(text).replaceAll("");
        text = SPACE_BEFORE_PAREN.matcher(text).replaceAll("(");
        text = SPACE_AROUND_COMMA.matcher(text).replaceAll(",");
        text = SPACE_BEFORE_CLOSE.matcher(text).replaceAll(")");
        return SPACE_BEFORE_BRACKET.matcher(text).replaceAll("[");
    }

    private static String name(Table table) {
        return table == null ? "" : table.getFullyQualifiedName();
    }

    private static String normalize(String name) {
        return Identifiers.normalize(name);
    }

    private static String describe(AlterOperation op) {
        return op.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String firstLine(Statement statement) {
        return SqlScriptSplitter.firstLine(statement.toString());
    }

    private static String firstWords(Statement statement) {
        var words = statement.toString().strip().split("\\s+", 3);
        return (words.length > 1 ? words[0] + " " + words[1] : words[0]).toLowerCase(Locale.ROOT);
    }

    private static List<SchemaOp> unanalyzable(Statement statement, String reason) {
        return List.of(new SchemaOp.Unanalyzable(firstLine(statement), reason));
    }
}
