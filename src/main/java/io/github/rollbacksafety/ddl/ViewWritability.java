package io.github.rollbacksafety.ddl;

import io.github.rollbacksafety.schema.ViewWrites;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads from a view's query what can be written through the view ({@link ViewWrites}), by the rules of
 * automatically updatable views: one table in FROM, no DISTINCT, GROUP BY, HAVING, aggregate or window function,
 * set operation, WITH or LIMIT; plain column references are writable, computed columns are not.
 */
final class ViewWritability {

    /** Aggregate functions: one of them in the select list makes a view read-only. */
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg",
            "string_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or",
            "every", "group_concat", "listagg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
            "var_samp", "xmlagg", "bit_and", "bit_or");

    private ViewWritability() {
    }

    /**
     * What can be written through a view defined by {@code select}.
     *
     * @param columnNames the view's declared column names ({@code CREATE VIEW v (a, b) AS ...}), empty when it has
     *                    none (the query's own names count)
     */
    static ViewWrites of(Select select, List<String> columnNames) {
        if (select instanceof ParenthesedSelect parenthesed) {
            return of(parenthesed.getSelect(), columnNames);
        }
        if (select instanceof SetOperationList) {
            return ViewWrites.readOnly("combines queries (UNION, INTERSECT or EXCEPT)");
        }
        if (!(select instanceof PlainSelect plain)) {
            return ViewWrites.readOnly("reads no table (VALUES)");
        }
        var because = readOnlyBecause(plain);
        if (because.isPresent()) {
            return ViewWrites.readOnly(because.get());
        }
        var computed = new LinkedHashMap<String, String>();
        var items = plain.getSelectItems() == null ? List.<SelectItem<?>>of() : plain.getSelectItems();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            var expression = item.getExpression();
            if (expression instanceof AllColumns || expression instanceof Column) {
                continue;
            }
            // a scalar subquery is a computed column, whatever it aggregates inside
            var aggregate = expression instanceof ParenthesedSelect ? Optional.<String>empty() : aggregate(expression);
            if (aggregate.isPresent()) {
                return ViewWrites.readOnly("computes " + aggregate.get());
            }
            var name = i < columnNames.size() ? Optional.of(columnNames.get(i))
                    : Optional.ofNullable(item.getAlias()).map(a -> a.getName());
            name.ifPresent(n -> computed.put(n, how(expression)));
        }
        return ViewWrites.updatable(((Table) plain.getFromItem()).getFullyQualifiedName(), computed);
    }

    private static Optional<String> readOnlyBecause(PlainSelect plain) {
        if (plain.getWithItemsList() != null && !plain.getWithItemsList().isEmpty()) {
            return Optional.of("has a WITH clause");
        }
        if (plain.getFromItem() == null) {
            return Optional.of("reads no table");
        }
        if (!(plain.getFromItem() instanceof Table)) {
            return Optional.of("reads a subquery or function, not a table");
        }
        if (plain.getJoins() != null && !plain.getJoins().isEmpty()) {
            return Optional.of("joins several tables");
        }
        if (plain.getDistinct() != null) {
            return Optional.of("uses DISTINCT");
        }
        if (plain.getGroupBy() != null) {
            return Optional.of("uses GROUP BY");
        }
        if (plain.getHaving() != null) {
            return Optional.of("uses HAVING");
        }
        if (plain.getLimit() != null || plain.getOffset() != null || plain.getFetch() != null
                || plain.getTop() != null) {
            return Optional.of("uses LIMIT, OFFSET or FETCH");
        }
        return Optional.empty();
    }

    /** An aggregate or window function anywhere in the expression, in words. */
    private static Optional<String> aggregate(Expression expression) {
        var found = new String[1];
        expression.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function function, S context) {
                var name = function.getName() == null ? "" : function.getName().toLowerCase(Locale.ROOT);
                if (found[0] == null && AGGREGATES.contains(name)) {
                    found[0] = "the aggregate " + name + "()";
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression analytic, S context) {
                if (found[0] == null) {
                    found[0] = "the window function " + analytic.getName().toLowerCase(Locale.ROOT) + "() OVER";
                }
                return null;
            }
        }, null);
        return Optional.ofNullable(found[0]);
    }

    /** How a select-list expression computes its column, in words. */
    private static String how(Expression expression) {
        if (expression instanceof ParenthesedSelect) {
            return "a subquery";
        }
        if (expression instanceof CaseExpression) {
            return "a CASE expression";
        }
        if (expression instanceof Function function && function.getName() != null) {
            return "the function " + function.getName().toLowerCase(Locale.ROOT) + "()";
        }
        return "the expression " + io.github.rollbacksafety.sql.SqlScriptSplitter.firstLine(expression.toString());
    }
}
