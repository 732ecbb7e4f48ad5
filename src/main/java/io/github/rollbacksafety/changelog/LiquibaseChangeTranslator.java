package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.ddl.SqlDdlTranslator;

import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.Identifiers;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.SchemaOp.DataChange.Kind;
import liquibase.Scope;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.*;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.resource.Resource;
import liquibase.statement.DatabaseFunction;
import liquibase.util.StringUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Translates one Liquibase {@link Change} (already parsed, with {@code ${...}} substituted) into {@link SchemaOp}s.
 * Never throws for an unknown or odd change: what cannot be analysed becomes {@link SchemaOp.Unanalyzable}.
 * Must run inside the reader's {@link Scope} (SQL files and view files are read through its resource accessor).
 */
final class LiquibaseChangeTranslator {

    private final SqlDdlTranslator sql;

    LiquibaseChangeTranslator(SqlDdlTranslator sql) {
        this.sql = sql;
    }

    List<SchemaOp> translate(Change change) {
        try {
            return translateChecked(change);
        } catch (RuntimeException e) {
            // a change whose content Liquibase cannot produce offline (e.g. a missing sqlFile) must not stop the check
            return List.of(new SchemaOp.Unanalyzable(describe(change), "could not be read: " + firstLine(e)));
        }
    }

    private List<SchemaOp> translateChecked(Change change) {
        // most frequent first; subclasses (LoadUpdateData < LoadData, SQLFile/Raw < AbstractSQL) before their parents
        if (change instanceof CreateTableChange c) {
            return createTable(c);
        }
        if (change instanceof AddColumnChange c) {
            return addColumn(c);
        }
        if (change instanceof DropColumnChange c) {
            return dropColumn(c);
        }
        if (change instanceof RenameColumnChange c) {
            return List.of(new SchemaOp.RenameColumn(in(c.getSchemaName(), c.getTableName()), c.getOldColumnName(),
                    c.getNewColumnName()));
        }
        if (change instanceof DropTableChange c) {
            return List.of(new SchemaOp.DropTable(in(c.getSchemaName(), c.getTableName())));
        }
        if (change instanceof RenameTableChange c) {
            return List.of(new SchemaOp.RenameTable(in(c.getSchemaName(), c.getOldTableName()),
                    in(c.getSchemaName(), c.getNewTableName())));
        }
        if (change instanceof ModifyDataTypeChange c) {
            return List.of(new SchemaOp.AlterType(in(c.getSchemaName(), c.getTableName()), c.getColumnName(),
                    ColumnType.parse(c.getNewDataType())));
        }
        if (change instanceof AddNotNullConstraintChange c) {
            // defaultNullValue only backfills existing NULLs; it is not a default for future inserts
            return List.of(new SchemaOp.SetNotNull(in(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof DropNotNullConstraintChange c) {
            return List.of(new SchemaOp.DropNotNull(in(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof AddDefaultValueChange c) {
            return List.of(new SchemaOp.SetDefault(in(c.getSchemaName(), c.getTableName()), c.getColumnName(),
                    defaultOf(c).orElse("")));
        }
        if (change instanceof DropDefaultValueChange c) {
            return List.of(new SchemaOp.DropDefault(in(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof AddUniqueConstraintChange c) {
            return List.of(new SchemaOp.AddUnique(in(c.getSchemaName(), c.getTableName()), names(c.getColumnNames()),
                    Optional.ofNullable(c.getConstraintName())));
        }
        if (change instanceof CreateIndexChange c) {
            return createIndex(c);
        }
        if (change instanceof DropUniqueConstraintChange c && c.getConstraintName() != null) {
            return List.of(new SchemaOp.DropUnique(Optional.ofNullable(in(c.getSchemaName(), c.getTableName())),
                    c.getConstraintName(),
                    c.getUniqueColumns() == null ? List.of() : names(c.getUniqueColumns())));
        }
        if (change instanceof DropIndexChange c && c.getIndexName() != null) {
            return List.of(new SchemaOp.DropUnique(Optional.ofNullable(in(c.getSchemaName(), c.getTableName())),
                    c.getIndexName(),
                    List.of()));
        }
        if (change instanceof AddForeignKeyConstraintChange c) {
            return List.of(new SchemaOp.AddForeignKey(in(c.getBaseTableSchemaName(), c.getBaseTableName()),
                    names(c.getBaseColumnNames()),
                    in(c.getReferencedTableSchemaName(), c.getReferencedTableName()),
                            names(c.getReferencedColumnNames())));
        }
        if (change instanceof AddPrimaryKeyChange c) {
            return addPrimaryKey(c);
        }
        if (change instanceof CreateViewChange c) {
            return createView(c);
        }
        if (change instanceof DropViewChange c) {
            return List.of(new SchemaOp.DropView(in(c.getSchemaName(), c.getViewName())));
        }
        if (change instanceof RenameViewChange c) {
            // a view is a relation like a table: queries name both the same way
            return List.of(new SchemaOp.RenameTable(in(c.getSchemaName(), c.getOldViewName()),
                    in(c.getSchemaName(), c.getNewViewName())));
        }
        if (change instanceof CreateSequenceChange c) {
            return List.of(new SchemaOp.CreateSequence(in(c.getSchemaName(), c.getSequenceName())));
        }
        if (change instanceof DropSequenceChange c) {
            return List.of(new SchemaOp.DropSequence(in(c.getSchemaName(), c.getSequenceName())));
        }
        if (change instanceof RenameSequenceChange c) {
            return List.of(new SchemaOp.RenameSequence(in(c.getSchemaName(), c.getOldSequenceName()),
                    in(c.getSchemaName(), c.getNewSequenceName())));
        }
        if (change instanceof InsertDataChange c) {
            return List.of(new SchemaOp.DataChange(in(c.getSchemaName(), c.getTableName()), Kind.INSERT));
        }
        if (change instanceof UpdateDataChange c) {
            return List.of(new SchemaOp.DataChange(in(c.getSchemaName(), c.getTableName()), Kind.UPDATE));
        }
        if (change instanceof DeleteDataChange c) {
            return List.of(new SchemaOp.DataChange(in(c.getSchemaName(), c.getTableName()), Kind.DELETE));
        }
        if (change instanceof LoadDataChange c) {
            // also LoadUpdateDataChange, a subclass
            return List.of(new SchemaOp.DataChange(in(c.getSchemaName(), c.getTableName()), Kind.LOAD));
        }
        if (change instanceof SQLFileChange c) {
            return sqlOps(c.getSql(), c.getEndDelimiter());
        }
        if (change instanceof RawSQLChange c) {
            return sqlOps(c.getSql(), c.getEndDelimiter());
        }
        if (change instanceof MergeColumnChange c) {
            return List.of(
                    new SchemaOp.AddColumn(in(c.getSchemaName(), c.getTableName()),
                            ColumnDef.nullable(c.getFinalColumnName(), c.getFinalColumnType())),
                    new SchemaOp.DropColumn(in(c.getSchemaName(), c.getTableName()), c.getColumn1Name()),
                    new SchemaOp.DropColumn(in(c.getSchemaName(), c.getTableName()), c.getColumn2Name()));
        }
        if (change instanceof AddLookupTableChange c) {
            return addLookupTable(c);
        }
        if (change instanceof CustomChangeWrapper c) {
            return List.of(new SchemaOp.Unanalyzable("custom change " + c.getClassName(),
                    "a custom Java change can do anything; its effect cannot be known without running it"));
        }
        if (change instanceof ExecuteShellCommandChange c) {
            return List.of(new SchemaOp.Unanalyzable("executeCommand " + c.getExecutable(),
                    "an external command can change the schema in ways that cannot be known statically"));
        }
        if (change instanceof DropProcedureChange c) {
            return List.of(new SchemaOp.Unanalyzable("drop procedure " + c.getProcedureName(),
                    "stored procedures the previous release may call are not tracked"));
        }
        return harmlessOrUnknown(change);
    }

    private static List<SchemaOp> harmlessOrUnknown(Change change) {
        // changes that only relax constraints, add metadata or control the run: the previous release keeps working
        if (change instanceof TagDatabaseChange || change instanceof OutputChange || change instanceof EmptyChange
                || change instanceof StopChange || change instanceof SetTableRemarksChange
                || change instanceof SetColumnRemarksChange || change instanceof DropForeignKeyConstraintChange
                || change instanceof DropAllForeignKeyConstraintsChange || change instanceof DropPrimaryKeyChange
                || change instanceof DropUniqueConstraintChange || change instanceof DropIndexChange
                || change instanceof AddAutoIncrementChange || change instanceof AlterSequenceChange
                || change instanceof CreateProcedureChange) {
            return List.of(new SchemaOp.Harmless(describe(change)));
        }
        return List.of(new SchemaOp.Unanalyzable(describe(change),
                "change type '" + name(change) + "' is not supported by the check"));
    }

    private List<SchemaOp> createTable(CreateTableChange c) {
        var table = in(c.getSchemaName(), c.getTableName());
        var columns = new ArrayList<ColumnDef>();
        var extra = new ArrayList<SchemaOp>();
        for (var col : c.getColumns()) {
            columns.add(column(col));
            extra.addAll(columnConstraints(table, col));
        }
        var ops = new ArrayList<SchemaOp>();
        ops.add(new SchemaOp.CreateTable(table, columns));
        ops.addAll(extra);
        return ops;
    }

    private List<SchemaOp> addColumn(AddColumnChange c) {
        var ops = new ArrayList<SchemaOp>();
        for (AddColumnConfig col : c.getColumns()) {
            ops.add(new SchemaOp.AddColumn(in(c.getSchemaName(), c.getTableName()), column(col)));
            ops.addAll(columnConstraints(in(c.getSchemaName(), c.getTableName()), col));
        }
        return ops;
    }

    private static List<SchemaOp> dropColumn(DropColumnChange c) {
        var ops = new ArrayList<SchemaOp>();
        if (c.getColumnName() != null && !c.getColumnName().isBlank()) {
            ops.add(new SchemaOp.DropColumn(in(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (c.getColumns() != null) {
            for (var col : c.getColumns()) {
                ops.add(new SchemaOp.DropColumn(in(c.getSchemaName(), c.getTableName()), col.getName()));
            }
        }
        return ops;
    }

    private static List<SchemaOp> createIndex(CreateIndexChange c) {
        if (Boolean.TRUE.equals(c.isUnique())) {
            var columns = c.getColumns().stream().map(ColumnConfig::getName).toList();
            return List.of(new SchemaOp.AddUnique(in(c.getSchemaName(), c.getTableName()), columns,
                    Optional.ofNullable(c.getIndexName())));
        }
        return List.of(new SchemaOp.Harmless("create index " + Optional.ofNullable(c.getIndexName()).orElse("")
                + " on " + in(c.getSchemaName(), c.getTableName())));
    }

    private static List<SchemaOp> addPrimaryKey(AddPrimaryKeyChange c) {
        // databases make primary key columns NOT NULL, and the key is unique
        var columns = names(c.getColumnNames());
        var ops = new ArrayList<SchemaOp>();
        for (var col : columns) {
            ops.add(new SchemaOp.SetNotNull(in(c.getSchemaName(), c.getTableName()), col));
        }
        ops.add(new SchemaOp.AddUnique(in(c.getSchemaName(), c.getTableName()), columns,
                Optional.ofNullable(c.getConstraintName())));
        return ops;
    }

    private List<SchemaOp> createView(CreateViewChange c) {
        var select = c.getSelectQuery();
        if ((select == null || select.isBlank()) && c.getPath() != null) {
            select = readRelative(c.getPath(), Boolean.TRUE.equals(c.getRelativeToChangelogFile()), c,
                    c.getEncoding());
        }
        if (select == null || select.isBlank()) {
            return List.of(new SchemaOp.Unanalyzable("create view " + in(c.getSchemaName(), c.getViewName()),
                    "the view has no query"));
        }
        if (Boolean.TRUE.equals(c.getFullDefinition())) {
            // the text is a whole CREATE VIEW statement
            return sql.translate(select);
        }
        boolean replace = Boolean.TRUE.equals(c.getReplaceIfExists());
        return List.of(new SchemaOp.CreateView(in(c.getSchemaName(), c.getViewName()), replace, select,
                sql.viewColumns(select), sql.viewWrites(select)));
    }

    private static List<SchemaOp> addLookupTable(AddLookupTableChange c) {
        var key = new ColumnDef(c.getNewColumnName(), ColumnType.parseOptional(c.getNewColumnDataType()), false,
                Optional.empty(), false);
        return List.of(
                new SchemaOp.CreateTable(in(c.getNewTableSchemaName(), c.getNewTableName()), List.of(key)),
                new SchemaOp.DataChange(in(c.getNewTableSchemaName(), c.getNewTableName()), Kind.INSERT),
                new SchemaOp.AddForeignKey(in(c.getExistingTableSchemaName(), c.getExistingTableName()),
                        List.of(c.getExistingColumnName()),
                        in(c.getNewTableSchemaName(), c.getNewTableName()), List.of(c.getNewColumnName())));
    }

    private List<SchemaOp> sqlOps(String text, String endDelimiter) {
        if (text == null || text.isBlank()) {
            return List.of(new SchemaOp.Harmless("empty sql"));
        }
        if (endDelimiter != null && !endDelimiter.isBlank() && !endDelimiter.strip().equals(";")) {
            // statements separated by e.g. GO or '/': split the way Liquibase would, then hand over as one script
            var statements = StringUtil.processMultiLineSQL(text, false, true, endDelimiter);
            text = String.join(";\n", Arrays.asList(statements));
        }
        return sql.translate(text);
    }

    private static ColumnDef column(ColumnConfig col) {
        var constraints = col.getConstraints();
        boolean notNull = constraints != null
                && (Boolean.FALSE.equals(constraints.isNullable()) || Boolean.TRUE.equals(constraints.isPrimaryKey()));
        return new ColumnDef(col.getName(), ColumnType.parseOptional(col.getType()), !notNull, defaultOf(col),
                Boolean.TRUE.equals(col.isAutoIncrement()));
    }

    private static List<SchemaOp> columnConstraints(String table, ColumnConfig col) {
        var constraints = col.getConstraints();
        if (constraints == null) {
            return List.of();
        }
        var ops = new ArrayList<SchemaOp>();
        if (Boolean.TRUE.equals(constraints.isUnique())) {
            ops.add(new SchemaOp.AddUnique(table, List.of(col.getName()),
                    Optional.ofNullable(constraints.getUniqueConstraintName())));
        }
        var referenced = referencedTable(constraints);
        if (referenced.isPresent()) {
            ops.add(new SchemaOp.AddForeignKey(table, List.of(col.getName()), referenced.get(),
                    referencedColumns(constraints)));
        }
        if (constraints.getCheckConstraint() != null && !constraints.getCheckConstraint().isBlank()) {
            ops.add(new SchemaOp.AddCheck(table, constraints.getCheckConstraint()));
        }
        return ops;
    }

    /** A name in the change's {@code schemaName} (kept: {@code archive.orders} is not {@code app.orders}). */
    private static String in(String schemaName, String name) {
        return name == null ? null : Identifiers.qualify(schemaName, name);
    }

    private static Optional<String> referencedTable(liquibase.change.ConstraintsConfig constraints) {
        if (constraints.getReferencedTableName() != null) {
            return Optional.of(in(constraints.getReferencedTableSchemaName(), constraints.getReferencedTableName()));
        }
        var references = constraints.getReferences(); // "table(column)"
        if (references == null || references.isBlank()) {
            return Optional.empty();
        }
        int paren = references.indexOf('(');
        return Optional.of((paren < 0 ? references : references.substring(0, paren)).strip());
    }

    private static List<String> referencedColumns(liquibase.change.ConstraintsConfig constraints) {
        if (constraints.getReferencedColumnNames() != null) {
            return names(constraints.getReferencedColumnNames());
        }
        var references = constraints.getReferences();
        if (references != null && references.indexOf('(') > 0 && references.endsWith(")")) {
            return names(references.substring(references.indexOf('(') + 1, references.length() - 1));
        }
        return List.of();
    }

    /** A column's default for future inserts; {@code value*} attributes are backfills and deliberately ignored. */
    private static Optional<String> defaultOf(ColumnConfig col) {
        return firstPresent(col.getDefaultValue(), col.getDefaultValueNumeric(), col.getDefaultValueBoolean(),
                col.getDefaultValueDate() == null ? null : dateText(col.getDefaultValueDate()),
                col.getDefaultValueComputed(), col.getDefaultValueSequenceNext());
    }

    private static Optional<String> defaultOf(AddDefaultValueChange c) {
        return firstPresent(c.getDefaultValue(), c.getDefaultValueNumeric(), c.getDefaultValueBoolean(),
                c.getDefaultValueDate(), c.getDefaultValueComputed(), c.getDefaultValueSequenceNext());
    }

    private static Optional<String> firstPresent(Object... values) {
        for (var v : values) {
            if (v instanceof DatabaseFunction f) {
                return Optional.ofNullable(f.getValue());
            }
            if (v != null) {
                return Optional.of(v.toString());
            }
        }
        return Optional.empty();
    }

    private static String dateText(Date date) {
        return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
    }

    private static List<String> names(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Reads a file a change points to, through the scope's accessor, as Liquibase would resolve it. */
    private static String readRelative(String path, boolean relative, Change change, String encoding) {
        try {
            var accessor = Scope.getCurrentScope().getResourceAccessor();
            Resource resource;
            if (relative && change.getChangeSet() != null) {
                var changelog = change.getChangeSet().getChangeLog().getPhysicalFilePath();
                resource = accessor.get(changelog).resolveSibling(path);
            } else {
                resource = accessor.get(path);
            }
            if (!resource.exists()) {
                return null;
            }
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            try (InputStream in = resource.openInputStream()) {
                return new String(in.readAllBytes(), charset);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(Change change) {
        try {
            var message = change.getConfirmationMessage();
            if (message != null && !message.isBlank()) {
                return name(change) + ": " + message;
            }
        } catch (RuntimeException ignored) {
            // some changes need a database to describe themselves
        }
        return name(change);
    }

    private static String name(Change change) {
        try {
            return change.getSerializedObjectName();
        } catch (RuntimeException e) {
            return change.getClass().getSimpleName();
        }
    }

    private static String firstLine(Throwable e) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
