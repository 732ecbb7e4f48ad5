package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What every rule of the catalogue shares: its declaration (id, severity, summary) and the wording of evidence,
 * so that findings of all rules read alike.
 */
abstract class AbstractRule implements Rule {

    /** At most this many breaking queries are attached to one finding; the message gives the total. */
    static final int MAX_QUERIES = 20;

    private final String id;
    private final Severity severity;
    private final String summary;

    AbstractRule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String summary() {
        return summary;
    }

    /** A column's names in the previous release. */
    record PreviousColumn(String table, String column) {
        String display() {
            return table + "." + column;
        }
    }

    /** The previous release's names of {@code table.column}; empty when it is new in this release (churn). */
    static Optional<PreviousColumn> previousColumn(RuleContext context, String table, String column) {
        var prevTable = context.previousTable(table);
        var prevColumn = context.previousColumn(table, column);
        if (prevTable.isEmpty() || prevColumn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PreviousColumn(prevTable.get(), prevColumn.get()));
    }

    /**
     * Like {@link #previousColumn}, but a column added since the previous release (earlier in the release, or in a
     * newer release of the rollback window) to a table the previous release has counts too, under the table's
     * previous name: the previous release's inserts into that table cannot name it.
     */
    static Optional<PreviousColumn> previousOrAddedColumn(RuleContext context, String table, String column) {
        var previous = previousColumn(context, table, column);
        if (previous.isPresent()) {
            return previous;
        }
        return context.previousTable(table).filter(t -> context.previous().table(t).isPresent())
                .map(t -> new PreviousColumn(t, column));
    }

    /**
     * For a change that drops or renames a column: the column's previous-release names, unless it is new in this
     * release (churn) or bridged at the end of the release ({@link #columnBridged}).
     */
    static Optional<PreviousColumn> columnGone(PlannedChange change, RuleContext context) {
        String table;
        String column;
        if (change.op() instanceof SchemaOp.DropColumn drop) {
            table = drop.table();
            column = drop.column();
        } else if (change.op() instanceof SchemaOp.RenameColumn rename) {
            table = rename.table();
            column = rename.from();
        } else {
            return Optional.empty();
        }
        return previousColumn(context, table, column).filter(previous -> !columnBridged(context, previous));
    }

    /** Distinct queries of all lists, in order, at most {@link #MAX_QUERIES}. */
    @SafeVarargs
    static List<Query> cap(Collection<Query>... lists) {
        var all = distinct(lists);
        return all.size() <= MAX_QUERIES ? all : List.copyOf(all.subList(0, MAX_QUERIES));
    }

    @SafeVarargs
    static List<Query> distinct(Collection<Query>... lists) {
        var all = new LinkedHashSet<Query>();
        for (var list : lists) {
            all.addAll(list);
        }
        return new ArrayList<>(all);
    }

    /** {@code "2 previous-release queries, e.g. sql/a.sql:3: SELECT ..."}: the evidence sentence part. */
    static String evidence(List<Query> queries) {
        return evidence(queries, Direction.BACKWARD);
    }

    /** The evidence sentence part, naming whose queries they are ({@code current-release} for forward rules). */
    static String evidence(List<Query> queries, Direction direction) {
        if (queries.isEmpty()) {
            return "no recorded query";
        }
        var first = queries.get(0);
        var owner = direction.queryOwner();
        var count = queries.size() == 1 ? "1 " + owner + " query" : queries.size() + " " + owner + " queries";
        return count + ", e.g. " + first.location() + ": " + first.shortSql(120);
    }

    /** {@code " (orders_v2 now)"} when the object has another name now than in the previous release. */
    static String nowCalled(String previousName, String currentName) {
        return previousName.equals(currentName) ? "" : " (now called " + currentName + ")";
    }

    /** "reads", "writes" or "reads and writes" for the explicit references to a column. */
    static String accessVerb(List<io.github.rollbacksafety.query.UsageIndex.ColumnRef> refs) {
        var reads = refs.stream().anyMatch(r -> r.access() == QueryUsage.Access.READ);
        var writes = refs.stream().anyMatch(r -> r.access() == QueryUsage.Access.WRITE);
        if (reads && writes) {
            return "reads and writes";
        }
        return writes ? "writes" : "reads";
    }

    /**
     * Whether the previous release still finds {@code previous} at the end of the release, although the change
     * removes it: added back under its old name (e.g. a trigger-maintained copy), or its table bridged by a view
     * under the previous table name that exposes it (a view whose columns are unknown is trusted).
     */
    static boolean columnBridged(RuleContext context, PreviousColumn previous) {
        return context.afterRelease().relation(previous.table())
                .map(r -> !r.columnsKnown() || r.hasColumn(previous.column())).orElse(false);
    }

    /**
     * Columns of the previous release's relation {@code previousTable} that previous queries name explicitly and
     * that {@code available} lacks.
     */
    static List<String> usedColumnsMissing(RuleContext context, String previousTable, Collection<String> available) {
        var missing = new ArrayList<String>();
        context.previous().relation(previousTable).ifPresent(r -> r.columns().keySet().forEach(c -> {
            if (!available.contains(c) && !context.usage().columnRefs(previousTable, c).isEmpty()) {
                missing.add(c);
            }
        }));
        return missing;
    }

    /** The queries naming any of the columns. */
    static List<Query> usersOfColumns(RuleContext context, String previousTable, Collection<String> columns) {
        var all = new LinkedHashSet<Query>();
        columns.forEach(c -> all.addAll(context.usage().usersOfColumn(previousTable, c)));
        return new ArrayList<>(all);
    }

    /** Every query that references, writes or star-reads the previous release's relation. */
    static List<Query> tableUsers(RuleContext context, String previousTable) {
        var usage = context.usage();
        return distinct(usage.usersOf(previousTable), usage.writersOf(previousTable),
                usage.starReadersOf(previousTable));
    }

    /**
     * For a relation that goes away under its previous name: empty when no relation has that name at the end of
     * the release; otherwise the used columns that bridge lacks (an empty list: it covers everything).
     */
    static Optional<List<String>> bridgeGap(RuleContext context, String previousTable) {
        return context.afterRelease().relation(previousTable).map(bridge -> bridge.columnsKnown()
                ? usedColumnsMissing(context, previousTable, bridge.columns().keySet()) : List.of());
    }

    /**
     * Queries of the previous release's inserts into {@code previousTable} that do not name {@code column}.
     * A positional insert gives a value for every column it knew, so it counts only when {@code withPositional}.
     */
    static List<Query> insertsOmitting(RuleContext context, String previousTable, String column,
                                       boolean withPositional) {
        var queries = new LinkedHashSet<Query>();
        for (var insert : context.usage().insertsInto(previousTable)) {
            if (insert.positional() ? withPositional : !insert.columns().contains(column)) {
                queries.add(context.usage().queryOf(insert));
            }
        }
        return new ArrayList<>(queries);
    }

    /** Whether a later op of the same changeset matches (Liquibase runs a changeset as one unit). */
    static boolean laterInChangeSet(PlannedChange change, RuleContext context,
                                    java.util.function.Predicate<SchemaOp> test) {
        return context.restOfChangeSet(change).stream().anyMatch(test);
    }

    /** Builds the violation with queries capped and counted in the message. */
    static Violation violation(FindingObject object, String message, String fix, List<Query> queries) {
        return new Violation(object, message, fix, cap(queries));
    }

    /**
     * The finding for a relation that disappears under its previous name (drop or rename), unless the previous
     * release does not use it or a relation created later under that name bridges every used column.
     *
     * @param what the change in words, e.g. {@code "Drops table orders"}
     */
    static List<Violation> relationGone(RuleContext context, String previousTable, FindingObject object,
                                        String what, String fix) {
        var users = tableUsers(context, previousTable);
        if (users.isEmpty()) {
            return List.of();
        }
        var gap = bridgeGap(context, previousTable);
        if (gap.isEmpty()) {
            return List.of(violation(object, what + "; the previous release uses " + previousTable + " ("
                    + evidence(users) + ") and those queries fail while it still runs and after a rollback.", fix,
                    users));
        }
        if (gap.get().isEmpty()) {
            return List.of();
        }
        var broken = usersOfColumns(context, previousTable, gap.get());
        return List.of(violation(object, what + "; the relation named " + previousTable + " at the end of the"
                + " release lacks columns " + gap.get() + " that the previous release uses (" + evidence(broken)
                + ").", fix, broken));
    }
}
