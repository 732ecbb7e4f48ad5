package io.github.rollbacksafety.query;

import io.github.rollbacksafety.query.mybatis.MyBatisPlaceholders;

import io.github.rollbacksafety.query.QueryUsage.Access;
import io.github.rollbacksafety.query.QueryUsage.ColumnUse;
import io.github.rollbacksafety.query.QueryUsage.InsertUse;
import io.github.rollbacksafety.query.QueryUsage.TableUse;
import io.github.rollbacksafety.schema.Identifiers;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Walks one parsed statement and records what it reads and writes. JSqlParser has no name resolution, so this
 * keeps its own scopes: the relations of each FROM clause (real tables, derived tables, CTEs) chained to the
 * enclosing query's scope for correlated subqueries. One instance per statement: it is not thread-safe.
 */
final class UsageWalker {

    /** Names the parser reports as columns that are really values or pseudo-columns. */
    private static final Set<String> PSEUDO_COLUMNS = Set.of("true", "false", "null", "unknown", "sysdate",
            "systimestamp", "rownum", "rowid", "level", "current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "current_user", "session_user", "user", "default", "excluded");

    private static final Set<String> SEQUENCE_FUNCTIONS = Set.of("nextval", "currval", "setval");

    private final Map<String, Boolean> tables = new LinkedHashMap<>();
    private final Set<ColumnUse> columns = new LinkedHashSet<>();
    private final List<InsertUse> inserts = new ArrayList<>();
    private final Set<String> starReads = new LinkedHashSet<>();
    private final Set<String> sequences = new LinkedHashSet<>();
    private final List<QueryUsage.Upsert> upserts = new ArrayList<>();
    /** CTEs visible at the current point, innermost WITH first. */
    private final Deque<Map<String, Relation>> ctes = new ArrayDeque<>();
    private final ExpressionWalker expressions = new ExpressionWalker();
    /** Whether a table name was a placeholder ({@code FROM ${table}}, {@code FROM %s}). */
    private boolean placeholderTables;

    /** Where a column of a derived relation comes from: one of these tables (or unknown when empty). */
    private record Origin(Set<String> candidates, String column) {
    }

    /** A relation in a FROM clause. {@code table} is set for real tables, {@code derived} for subqueries/CTEs. */
    private record Source(String alias, String table, Relation derived, boolean placeholder) {

        /** A table; without an alias it answers to its bare name ({@code orders.id} of {@code FROM app.orders}). */
        static Source real(String table, String alias, boolean placeholder) {
            return new Source(alias.isEmpty() ? Identifiers.bareName(table) : alias, table, null, placeholder);
        }

        static Source derived(String alias, Relation relation) {
            return new Source(alias, "", relation, false);
        }

        boolean isReal() {
            return derived == null;
        }

        boolean answersTo(String qualifier) {
            return alias.equals(qualifier) || (isReal() && table.equals(qualifier));
        }
    }

    /** The output of a query used as a relation: named columns, and what flows through {@code *}. */
    private static final class Relation {
        final Map<String, List<Origin>> outputs = new LinkedHashMap<>();
        final List<Source> passThrough = new ArrayList<>();
        final Set<String> starTables = new LinkedHashSet<>();

        void absorb(Relation other) {
            other.outputs.forEach(outputs::putIfAbsent);
            passThrough.addAll(other.passThrough);
            starTables.addAll(other.starTables);
        }
    }

    /** The relations of one query level, chained to the enclosing level. */
    private static final class Scope {
        final Scope parent;
        final List<Source> sources = new ArrayList<>();
        final Set<String> outputAliases = new HashSet<>();
        /** While in ORDER BY / GROUP BY / HAVING a bare name may be a select-list alias. */
        boolean aliasesVisible;

        Scope(Scope parent) {
            this.parent = parent;
        }
    }

    /** The context of an expression: the scope it is evaluated in and whether it reads or writes. */
    private record Ctx(Scope scope, Access access) {
    }

    QueryUsage usage(Query query, Statement statement) {
        statement(statement);
        var tableUses = new ArrayList<TableUse>();
        tables.forEach((t, w) -> tableUses.add(new TableUse(t, w)));
        return new QueryUsage(query, tableUses, List.copyOf(columns), inserts, List.copyOf(starReads),
                List.copyOf(sequences), upserts);
    }

    /** After {@link #usage}: whether some table of the statement is named only at run time. */
    boolean sawPlaceholderTable() {
        return placeholderTables;
    }

    private void statement(Statement statement) {
        if (statement instanceof Select select) {
            select(select, null);
        } else if (statement instanceof Insert insert) {
            insert(insert);
        } else if (statement instanceof Update update) {
            update(update);
        } else if (statement instanceof Delete delete) {
            delete(delete);
        } else if (statement instanceof Merge merge) {
            merge(merge);
        } else if (statement instanceof Upsert upsert) {
            upsert(upsert);
        } else if (statement instanceof Truncate truncate) {
            truncate(truncate);
        } else if (statement instanceof Execute call) {
            // CALL p(...): the schema model has no routines; what the arguments read is usage (subqueries)
            visitAll(call.getExprList(), new Scope(null), Access.READ);
        }
        // anything else (DDL, SET, COMMIT...) uses no table data the schema check cares about
    }

    // ---------------------------------------------------------------- queries

    private Relation select(Select select, Scope outer) {
        return withCtes(select.getWithItemsList(), outer, () -> {
            Relation relation;
            if (select instanceof PlainSelect plain) {
                relation = plainSelect(plain, outer);
            } else if (select instanceof SetOperationList set) {
                relation = new Relation();
                for (var branch : set.getSelects()) {
                    relation.absorb(select(branch, outer));
                }
                // ORDER BY of a set operation names output columns, which the branches already recorded
            } else if (select instanceof ParenthesedSelect parenthesed) {
                relation = parenthesed.getSelect() == null ? new Relation() : select(parenthesed.getSelect(), outer);
                orderBy(parenthesed.getOrderByElements(), new Scope(outer));
            } else if (select instanceof Values values) {
                relation = new Relation();
                visitAll(values.getExpressions(), new Scope(outer), Access.READ);
            } else {
                relation = new Relation();
            }
            return relation;
        });
    }

    /** Runs {@code body} with the CTEs of a WITH clause visible. */
    private <T> T withCtes(List<WithItem<?>> withItems, Scope outer, Supplier<T> body) {
        boolean pushed = pushWith(withItems, outer);
        try {
            return body.get();
        } finally {
            if (pushed) {
                ctes.pop();
            }
        }
    }

    private boolean pushWith(List<WithItem<?>> withItems, Scope outer) {
        if (withItems == null || withItems.isEmpty()) {
            return false;
        }
        var frame = new HashMap<String, Relation>();
        // registered before their bodies are analysed, so recursive CTEs never count as real tables
        for (var item : withItems) {
            frame.put(Identifiers.normalize(item.getAliasName()), new Relation());
        }
        ctes.push(frame);
        for (var item : withItems) {
            var relation = frame.get(Identifiers.normalize(item.getAliasName()));
            var body = item.getParenthesedStatement();
            if (body instanceof ParenthesedSelect ps) {
                relation.absorb(select(ps, outer));
                renameOutputs(relation, item.getWithItemList());
            } else if (body instanceof ParenthesedInsert pi) {
                insert(pi.getInsert());
            } else if (body instanceof ParenthesedUpdate pu) {
                update(pu.getUpdate());
            } else if (body instanceof ParenthesedDelete pd) {
                delete(pd.getDelete());
            }
        }
        return true;
    }

    /** {@code WITH x(a, b) AS (SELECT id, name ...)}: the column list renames the outputs by position. */
    private static void renameOutputs(Relation relation, List<SelectItem<?>> names) {
        if (names == null || names.isEmpty()) {
            return;
        }
        var old = new ArrayList<>(relation.outputs.values());
        relation.outputs.clear();
        for (int i = 0; i < names.size(); i++) {
            relation.outputs.put(Identifiers.normalize(String.valueOf(names.get(i).getExpression())),
                    i < old.size() ? old.get(i) : List.of());
        }
    }

    private Relation plainSelect(PlainSelect select, Scope outer) {
        var scope = new Scope(outer);
        var relation = new Relation();
        fromItem(select.getFromItem(), scope);
        joins(select.getJoins(), scope);
        for (var item : select.getSelectItems()) {
            if (item.getAlias() != null) {
                scope.outputAliases.add(Identifiers.normalize(item.getAlias().getName()));
            }
        }
        if (select.getDistinct() != null) {
            visitItems(select.getDistinct().getOnSelectItems(), scope);
        }
        for (var item : select.getSelectItems()) {
            selectItem(item, scope, relation);
        }
        visit(select.getWhere(), scope, Access.READ);
        if (select.getOracleHierarchical() != null) {
            visit(select.getOracleHierarchical().getStartExpression(), scope, Access.READ);
            visit(select.getOracleHierarchical().getConnectExpression(), scope, Access.READ);
        }
        scope.aliasesVisible = true;
        if (select.getGroupBy() != null) {
            visitAll(select.getGroupBy().getGroupByExpressionList(), scope, Access.READ);
            var sets = select.getGroupBy().getGroupingSets();
            if (sets != null) {
                sets.forEach(set -> visitAll(set, scope, Access.READ));
            }
        }
        visit(select.getHaving(), scope, Access.READ);
        visit(select.getQualify(), scope, Access.READ);
        orderBy(select.getOrderByElements(), scope);
        return relation;
    }

    private void selectItem(SelectItem<?> item, Scope scope, Relation relation) {
        var expression = item.getExpression();
        if (expression instanceof AllTableColumns tableStar) {
            var qualifier = Identifiers.normalize(tableStar.getTable().getName());
            findSource(scope, qualifier).ifPresent(source -> star(source, relation));
        } else if (expression instanceof AllColumns) {
            scope.sources.forEach(source -> star(source, relation));
        } else {
            var origins = visitCollecting(expression, scope);
            String name = item.getAlias() != null ? item.getAlias().getName()
                    : expression instanceof Column c ? c.getColumnName() : "";
            if (!name.isEmpty()) {
                relation.outputs.putIfAbsent(Identifiers.normalize(name), origins);
            }
        }
    }

    private void star(Source source, Relation relation) {
        relation.passThrough.add(source);
        if (source.isReal()) {
            if (!source.placeholder()) {
                starReads.add(source.table());
                relation.starTables.add(source.table());
            }
        } else {
            starReads.addAll(source.derived().starTables);
            relation.starTables.addAll(source.derived().starTables);
        }
    }

    private void orderBy(List<OrderByElement> elements, Scope scope) {
        if (elements != null) {
            scope.aliasesVisible = true;
            elements.forEach(e -> visit(e.getExpression(), scope, Access.READ));
        }
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        for (var join : joins) {
            fromItem(join.getFromItem(), scope);
        }
        // ON conditions after every relation is known: "a JOIN b ON ... JOIN c ON" may name any of them
        for (var join : joins) {
            for (var on : join.getOnExpressions()) {
                visit(on, scope, Access.READ);
            }
            if (join.getUsingColumns() != null) {
                join.getUsingColumns().forEach(c -> visit(c, scope, Access.READ));
            }
        }
    }

    private void fromItem(FromItem item, Scope scope) {
        if (item == null) {
            return;
        }
        String alias = item.getAlias() == null ? "" : Identifiers.normalize(item.getAlias().getName());
        if (item instanceof Table table) {
            scope.sources.add(tableSource(table, alias, false));
        } else if (item instanceof LateralSubSelect lateral) {
            scope.sources.add(Source.derived(alias, select(lateral.getSelect(), scope)));
        } else if (item instanceof ParenthesedSelect derived) {
            // a derived table does not see its FROM siblings, only the enclosing query (correlation)
            scope.sources.add(Source.derived(alias, select(derived.getSelect(), scope.parent)));
        } else if (item instanceof ParenthesedFromItem parenthesed) {
            fromItem(parenthesed.getFromItem(), scope);
            joins(parenthesed.getJoins(), scope);
        } else if (item instanceof TableFunction function) {
            visit(function.getFunction(), scope, Access.READ);
            scope.sources.add(Source.derived(alias, new Relation()));
        } else if (item instanceof Values values) {
            visitAll(values.getExpressions(), scope, Access.READ);
            scope.sources.add(Source.derived(alias, new Relation()));
        } else if (item instanceof Select select) {
            scope.sources.add(Source.derived(alias, select(select, scope.parent)));
        }
    }

    /** A table reference: a CTE when one of that name is visible, else a real table (recorded). */
    private Source tableSource(Table table, String alias, boolean written) {
        var name = tableName(table.getSchemaName(), table.getName());
        if (table.getSchemaName() == null) {
            for (var frame : ctes) {
                var cte = frame.get(name);
                if (cte != null) {
                    return Source.derived(alias.isEmpty() ? name : alias, cte);
                }
            }
        }
        boolean placeholder = MyBatisPlaceholders.isPlaceholder(name);
        placeholderTables |= placeholder;
        if (!placeholder && !(name.equals("dual") && table.getSchemaName() == null)) {
            tables.merge(name, written, Boolean::logicalOr);
        }
        return Source.real(name, alias, placeholder);
    }

    // ---------------------------------------------------------------- writes

    private void insert(Insert insert) {
        withCtes(insert.getWithItemsList(), null, () -> {
            var scope = new Scope(null);
            var target = writeTarget(insert.getTable(), scope);
            var named = new ArrayList<String>();
            if (insert.getColumns() != null) {
                insert.getColumns().forEach(c -> named.add(c.getColumnName()));
            }
            if (insert.getSetUpdateSets() != null) {
                insert.getSetUpdateSets().forEach(set -> set.getColumns().forEach(c -> named.add(c.getColumnName())));
                updateSets(insert.getSetUpdateSets(), scope, target);
            }
            recordInsert(target, named, insert.getSelect() != null && !insert.isOnlyDefaultValues());
            if (insert.getSelect() != null) {
                select(insert.getSelect(), null);
            }
            if (!target.placeholder() && insert.getConflictTarget() != null) {
                var conflict = insert.getConflictTarget();
                upserts.add(new QueryUsage.Upsert(target.table(), conflict.getIndexColumnNames() == null ? List.of()
                        : conflict.getIndexColumnNames(), conflict.getConstraintName() == null ? ""
                        : conflict.getConstraintName(), "ON CONFLICT"));
            } else if (!target.placeholder() && (insert.isUseDuplicate() || insert.getDuplicateUpdateSets() != null)) {
                upserts.add(new QueryUsage.Upsert(target.table(), List.of(), "", "ON DUPLICATE KEY UPDATE"));
            }
            if (insert.getConflictTarget() != null) {
                var conflict = insert.getConflictTarget();
                if (conflict.getIndexColumnNames() != null) {
                    conflict.getIndexColumnNames().forEach(c -> readColumn(target, c));
                }
                visit(conflict.getIndexExpression(), scope, Access.READ);
                visit(conflict.getWhereExpression(), scope, Access.READ);
            }
            if (insert.getConflictAction() != null) {
                // EXCLUDED is the row proposed for insertion: its columns are the target's
                var conflictScope = new Scope(null);
                conflictScope.sources.add(target);
                conflictScope.sources.add(new Source("excluded", target.table(), null, target.placeholder()));
                updateSets(insert.getConflictAction().getUpdateSets(), conflictScope, target);
                visit(insert.getConflictAction().getWhereExpression(), conflictScope, Access.READ);
            }
            updateSets(insert.getDuplicateUpdateSets(), scope, target);
            returning(insert.getReturningClause(), scope);
            return null;
        });
    }

    private void upsert(Upsert upsert) {
        var scope = new Scope(null);
        var target = writeTarget(upsert.getTable(), scope);
        var named = new ArrayList<String>();
        if (upsert.getColumns() != null) {
            upsert.getColumns().forEach(c -> named.add(c.getColumnName()));
        }
        if (upsert.getUpdateSets() != null) {
            upsert.getUpdateSets().forEach(set -> set.getColumns().forEach(c -> named.add(c.getColumnName())));
            updateSets(upsert.getUpdateSets(), scope, target);
        }
        recordInsert(target, named, true);
        if (upsert.getSelect() != null) {
            select(upsert.getSelect(), null);
        }
        updateSets(upsert.getDuplicateUpdateSets(), scope, target);
    }

    private void recordInsert(Source target, List<String> named, boolean hasValues) {
        if (target.placeholder()) {
            return;
        }
        named.forEach(c -> writeColumn(target, c));
        // DEFAULT VALUES names no column but is not positional either
        inserts.add(new InsertUse(target.table(), named, named.isEmpty() && hasValues));
    }

    private void update(Update update) {
        withCtes(update.getWithItemsList(), null, () -> {
            var scope = new Scope(null);
            var target = writeTarget(update.getTable(), scope);
            joins(update.getStartJoins(), scope);
            fromItem(update.getFromItem(), scope);
            joins(update.getJoins(), scope);
            updateSets(update.getUpdateSets(), scope, target);
            visit(update.getWhere(), scope, Access.READ);
            orderBy(update.getOrderByElements(), scope);
            returning(update.getReturningClause(), scope);
            return null;
        });
    }

    private void delete(Delete delete) {
        withCtes(delete.getWithItemsList(), null, () -> {
            var scope = new Scope(null);
            if (delete.getTable() != null) {
                writeTarget(delete.getTable(), scope);
            }
            if (delete.getUsingFromItemList() != null) {
                delete.getUsingFromItemList().forEach(item -> fromItem(item, scope));
            }
            joins(delete.getJoins(), scope);
            if (delete.getTables() != null) {
                // MySQL multi-table DELETE t1, t2 FROM ...: the names may be aliases
                for (var t : delete.getTables()) {
                    var qualifier = Identifiers.normalize(t.getName());
                    var source = findSource(scope, qualifier);
                    if (source.isPresent() && source.get().isReal()) {
                        markWritten(source.get());
                    } else if (source.isEmpty()) {
                        tableSource(t, "", true);
                    }
                }
            }
            visit(delete.getWhere(), scope, Access.READ);
            orderBy(delete.getOrderByElements(), scope);
            returning(delete.getReturningClause(), scope);
            return null;
        });
    }

    private void merge(Merge merge) {
        withCtes(merge.getWithItemsList(), null, () -> {
            var scope = new Scope(null);
            var target = writeTarget(merge.getTable(), scope);
            fromItem(merge.getFromItem(), scope);
            visit(merge.getOnCondition(), scope, Access.READ);
            if (!target.placeholder() && merge.getOnCondition() != null) {
                upserts.add(new QueryUsage.Upsert(target.table(), targetColumns(merge.getOnCondition(), target),
                        "", "MERGE ... ON"));
            }
            var operations = merge.getOperations() == null ? List.<MergeOperation>of() : merge.getOperations();
            for (var op : operations) {
                if (op instanceof MergeUpdate u) {
                    visit(u.getAndPredicate(), scope, Access.READ);
                    updateSets(u.getUpdateSets(), scope, target);
                    visit(u.getWhereCondition(), scope, Access.READ);
                    visit(u.getDeleteWhereCondition(), scope, Access.READ);
                } else if (op instanceof MergeInsert i) {
                    visit(i.getAndPredicate(), scope, Access.READ);
                    var named = new ArrayList<String>();
                    if (i.getColumns() != null) {
                        i.getColumns().forEach(c -> named.add(c.getColumnName()));
                    }
                    recordInsert(target, named, true);
                    visitAll(i.getValues(), scope, Access.READ);
                    visit(i.getWhereCondition(), scope, Access.READ);
                } else if (op instanceof MergeDelete d) {
                    visit(d.getAndPredicate(), scope, Access.READ);
                }
            }
            returning(merge.getReturningClause(), scope);
            return null;
        });
    }

    /** The target's columns an expression names (qualified by the target or its alias, or unqualified). */
    private static List<String> targetColumns(Expression expression, Source target) {
        var found = new java.util.TreeSet<String>();
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                var qualifier = qualifier(column);
                if (qualifier.isEmpty() || target.answersTo(qualifier)) {
                    found.add(Identifiers.normalize(column.getColumnName()));
                }
                return null;
            }
        }, null);
        return List.copyOf(found);
    }

    private void truncate(Truncate truncate) {
        var all = new ArrayList<Table>();
        if (truncate.getTables() != null) {
            all.addAll(truncate.getTables());
        } else if (truncate.getTable() != null) {
            all.add(truncate.getTable());
        }
        all.forEach(t -> tableSource(t, "", true));
    }

    /** The INSERT/UPDATE/DELETE/MERGE target: recorded as written and put in scope. */
    private Source writeTarget(Table table, Scope scope) {
        String alias = table.getAlias() == null ? "" : Identifiers.normalize(table.getAlias().getName());
        var source = tableSource(table, alias, true);
        scope.sources.add(source);
        return source;
    }

    private void markWritten(Source source) {
        if (source.isReal() && !source.placeholder()) {
            tables.put(source.table(), true);
        }
    }

    /** SET targets are written (an unqualified one always belongs to the target); values are read. */
    private void updateSets(List<UpdateSet> sets, Scope scope, Source target) {
        if (sets == null) {
            return;
        }
        for (var set : sets) {
            for (var column : set.getColumns()) {
                var qualifier = qualifier(column);
                if (qualifier.isEmpty()) {
                    writeColumn(target, column.getColumnName());
                } else {
                    var source = findSource(scope, qualifier);
                    if (source.isPresent() && source.get().isReal()) {
                        markWritten(source.get());
                        writeColumn(source.get(), column.getColumnName());
                    } else {
                        writeColumn(target, column.getColumnName());
                    }
                }
            }
            visitAll(set.getValues(), scope, Access.READ);
        }
    }

    private void writeColumn(Source table, String column) {
        if (!table.placeholder() && !MyBatisPlaceholders.isPlaceholder(column)) {
            columns.add(ColumnUse.of(table.table(), column, Access.WRITE));
        }
    }

    private void readColumn(Source table, String column) {
        if (!table.placeholder() && !MyBatisPlaceholders.isPlaceholder(column)) {
            columns.add(ColumnUse.of(table.table(), column, Access.READ));
        }
    }

    private void returning(ReturningClause returning, Scope scope) {
        if (returning != null) {
            visitItems(returning, scope);
        }
    }

    // ---------------------------------------------------------------- column resolution

    private static String qualifier(Column column) {
        var table = column.getTable();
        if (table == null || table.getName() == null
                || table.getName().equalsIgnoreCase(MyBatisPlaceholders.ANY_SCHEMA)) {
            return ""; // ${alias}.ID_: an alias nobody can know, the column is matched as unqualified
        }
        return tableName(table.getSchemaName(), table.getName());
    }

    /**
     * A table's key with its schema ({@code app.orders}; see {@link Identifiers#qualifiedName}); a MyBatis
     * {@code ${schema}.orders} is {@code orders} in any schema.
     */
    private static String tableName(String schema, String name) {
        if (schema != null && schema.equalsIgnoreCase(MyBatisPlaceholders.ANY_SCHEMA)) {
            return Identifiers.qualify(Identifiers.ANY_SCHEMA, name);
        }
        return Identifiers.qualify(schema, name);
    }

    private static Optional<Source> findSource(Scope scope, String qualifier) {
        for (var s = scope; s != null; s = s.parent) {
            for (var source : s.sources) {
                if (source.answersTo(qualifier)) {
                    return Optional.of(source);
                }
            }
        }
        return Optional.empty();
    }

    /** Records a column reference and returns where it points (for derived-table outputs). */
    private List<Origin> column(Column column, Ctx ctx) {
        var name = Identifiers.normalize(column.getColumnName());
        var qualifier = qualifier(column);
        if (name.isEmpty() || MyBatisPlaceholders.isPlaceholder(name) || MyBatisPlaceholders.isPlaceholder(qualifier)) {
            return List.of();
        }
        if (qualifier.isEmpty()) {
            return unqualified(name, ctx);
        }
        var source = findSource(ctx.scope(), qualifier);
        if (source.isEmpty()) {
            if (SEQUENCE_FUNCTIONS.contains(name)) {
                // Oracle s.nextval / s.currval
                sequences.add(qualifier);
                return List.of();
            }
            // a qualifier we cannot place (e.g. a table not in FROM): still the best guess for the owner
            return emit(List.of(new Origin(Set.of(qualifier), name)), ctx.access());
        }
        return emit(originsIn(source.get(), name), ctx.access());
    }

    private List<Origin> unqualified(String name, Ctx ctx) {
        for (var scope = ctx.scope(); scope != null; scope = scope.parent) {
            if (scope.aliasesVisible && scope.outputAliases.contains(name)) {
                return List.of();
            }
            if (scope.sources.isEmpty()) {
                continue;
            }
            var origins = originsAmong(scope.sources, name);
            if (!origins.isEmpty()) {
                return emit(origins, ctx.access());
            }
        }
        return List.of();
    }

    /** Where an unqualified name can come from among the relations of one scope; empty when none has it. */
    private List<Origin> originsAmong(List<Source> sources, String name) {
        if (PSEUDO_COLUMNS.contains(name)) {
            return List.of();
        }
        var realCandidates = new LinkedHashSet<String>();
        var origins = new ArrayList<Origin>();
        boolean placeholderInScope = false;
        for (var source : sources) {
            if (source.isReal()) {
                if (source.placeholder()) {
                    placeholderInScope = true;
                } else {
                    realCandidates.add(source.table());
                }
            } else {
                origins.addAll(throughRelation(source.derived(), name));
            }
        }
        if (!realCandidates.isEmpty()) {
            origins.add(0, new Origin(realCandidates, name));
        } else if (placeholderInScope && origins.isEmpty()) {
            // the table is a ${...} placeholder: the column exists, its owner is unknown
            origins.add(new Origin(Set.of(), name));
        }
        return origins;
    }

    private List<Origin> originsIn(Source source, String name) {
        if (source.isReal()) {
            return source.placeholder() ? List.of() : List.of(new Origin(Set.of(source.table()), name));
        }
        return throughRelation(source.derived(), name);
    }

    private List<Origin> throughRelation(Relation relation, String name) {
        var named = relation.outputs.get(name);
        if (named != null) {
            return named;
        }
        if (!relation.passThrough.isEmpty()) {
            return originsAmong(relation.passThrough, name);
        }
        return List.of();
    }

    private List<Origin> emit(List<Origin> origins, Access access) {
        for (var origin : origins) {
            if (!origin.candidates().isEmpty()) {
                columns.add(new ColumnUse(origin.candidates(), origin.column(), access));
            }
        }
        return origins;
    }

    private void sequenceCall(Function function) {
        var name = function.getName() == null ? "" : function.getName().toLowerCase(Locale.ROOT);
        if (!SEQUENCE_FUNCTIONS.contains(Identifiers.bareName(name)) || function.getParameters() == null
                || function.getParameters().isEmpty()) {
            return;
        }
        Expression first = function.getParameters().get(0);
        if (first instanceof CastExpression cast) {
            first = cast.getLeftExpression();
        }
        if (first instanceof StringValue literal && !literal.getValue().isBlank()) {
            sequences.add(literal.getValue());
        }
    }

    // ---------------------------------------------------------------- expressions

    private void visit(Expression expression, Scope scope, Access access) {
        if (expression != null) {
            expression.accept(expressions, new Ctx(scope, access));
        }
    }

    private void visitAll(Collection<? extends Expression> list, Scope scope, Access access) {
        if (list != null) {
            list.forEach(e -> visit(e, scope, access));
        }
    }

    private void visitItems(List<? extends SelectItem<?>> items, Scope scope) {
        if (items != null) {
            items.forEach(item -> visit(item.getExpression(), scope, Access.READ));
        }
    }

    /** Visits a select-list expression; when it is a plain column, returns where that column comes from. */
    private List<Origin> visitCollecting(Expression expression, Scope scope) {
        if (expression instanceof Column column) {
            return column(column, new Ctx(scope, Access.READ));
        }
        visit(expression, scope, Access.READ);
        return List.of();
    }

    /** Walks expressions with the library's adapter, stepping in where names or subqueries need our scopes. */
    private final class ExpressionWalker extends ExpressionVisitorAdapter<Void> {

        @Override
        public <S> Void visit(Column column, S context) {
            column(column, (Ctx) context);
            return null;
        }

        @Override
        public <S> Void visit(Function function, S context) {
            sequenceCall(function);
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(NextValExpression nextVal, S context) {
            sequences.add(nextVal.getName());
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect subquery, S context) {
            select(subquery, ((Ctx) context).scope());
            return null;
        }

        @Override
        public <S> Void visit(Select subquery, S context) {
            select(subquery, ((Ctx) context).scope());
            return null;
        }

        @Override
        public <S> Void visit(AllColumns allColumns, S context) {
            // COUNT(*) and the like: not a read of every column
            return null;
        }

        @Override
        public <S> Void visit(AllTableColumns allColumns, S context) {
            return null;
        }
    }
}
