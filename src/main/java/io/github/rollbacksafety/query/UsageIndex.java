package io.github.rollbacksafety.query;

import io.github.rollbacksafety.schema.Identifiers;
import io.github.rollbacksafety.schema.Schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The previous release's usage indexed by table and column, so that each rule answers "who uses this?" in
 * constant time instead of scanning every query for every change.
 *
 * <p>An unqualified column that could belong to several tables in scope is attributed to the candidates that
 * have such a column in the previous schema; when none (or the schema does not know them) it is attributed to
 * every candidate, erring towards reporting a break rather than missing one.
 */
public final class UsageIndex {

    /** An upsert and the query it is in. */
    public record UpsertRef(QueryUsage.Upsert upsert, Query query) {
    }

    /** A column read or write by one query. */
    public record ColumnRef(Query query, QueryUsage.Access access) {
    }

    private final Map<String, List<Query>> tableUsers = new HashMap<>();
    private final Map<String, List<Query>> tableWriters = new HashMap<>();
    private final Map<String, List<ColumnRef>> columnUsers = new HashMap<>();
    private final Map<String, List<QueryUsage.InsertUse>> insertsByTable = new HashMap<>();
    private final Map<QueryUsage.InsertUse, Query> insertQueries = new HashMap<>();
    private final Map<String, List<Query>> starReaders = new HashMap<>();
    private final Map<String, List<Query>> sequenceUsers = new HashMap<>();
    private final Map<String, List<UpsertRef>> upserts = new HashMap<>();
    private final int usageCount;

    private UsageIndex(Collection<QueryUsage> usages, Schema previous) {
        // sets while building: a list's contains() would make a popular column quadratic in its users
        var columnSets = new HashMap<String, LinkedHashSet<ColumnRef>>();
        for (var usage : usages) {
            var q = usage.query();
            for (var t : usage.tables()) {
                addOnce(tableUsers, t.table(), q);
                if (t.written()) {
                    addOnce(tableWriters, t.table(), q);
                }
            }
            for (var c : usage.columns()) {
                for (var table : owners(c, previous)) {
                    columnSets.computeIfAbsent(key(table, c.column()), k -> new LinkedHashSet<>())
                            .add(new ColumnRef(q, c.access()));
                }
            }
            for (var insert : usage.inserts()) {
                insertsByTable.computeIfAbsent(insert.table(), k -> new ArrayList<>()).add(insert);
                insertQueries.putIfAbsent(insert, q);
                addOnce(tableWriters, insert.table(), q);
            }
            for (var t : usage.starReads()) {
                addOnce(starReaders, t, q);
            }
            for (var s : usage.sequences()) {
                addOnce(sequenceUsers, s, q);
            }
            for (var u : usage.upserts()) {
                upserts.computeIfAbsent(u.table(), k -> new ArrayList<>()).add(new UpsertRef(u, q));
            }
        }
        columnSets.forEach((key, refs) -> columnUsers.put(key, List.copyOf(refs)));
        this.usageCount = usages.size();
    }

    public static UsageIndex of(Collection<QueryUsage> usages, Schema previous) {
        return new UsageIndex(usages, previous);
    }

    public static UsageIndex empty() {
        return new UsageIndex(List.of(), Schema.EMPTY);
    }

    private static Collection<String> owners(QueryUsage.ColumnUse c, Schema previous) {
        if (c.candidateTables().size() == 1) {
            return c.candidateTables();
        }
        var having = new LinkedHashSet<String>();
        for (var t : c.candidateTables()) {
            if (previous.column(t, c.column()).isPresent()) {
                having.add(t);
            }
        }
        return having.isEmpty() ? c.candidateTables() : having;
    }

    private static void addOnce(Map<String, List<Query>> map, String key, Query q) {
        var list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != q) {
            list.add(q);
        }
    }

    private static String key(String table, String column) {
        return table + "." + column;
    }

    /** How many query usages were indexed. */
    public int size() {
        return usageCount;
    }

    /** Every query that references the table or view in any way. */
    public List<Query> usersOf(String table) {
        return tableUsers.getOrDefault(Identifiers.bareName(table), List.of());
    }

    /** Queries that insert, update, delete or merge rows of the table. */
    public List<Query> writersOf(String table) {
        return tableWriters.getOrDefault(Identifiers.bareName(table), List.of());
    }

    /** Queries that name the column explicitly (read or write). */
    public List<ColumnRef> columnRefs(String table, String column) {
        return columnUsers.getOrDefault(key(Identifiers.bareName(table), Identifiers.normalize(column)), List.of());
    }

    /** Distinct queries naming the column, in discovery order. */
    public List<Query> usersOfColumn(String table, String column) {
        return columnRefs(table, column).stream().map(ColumnRef::query).distinct().toList();
    }

    /** Queries that read the table through {@code *}. */
    public List<Query> starReadersOf(String table) {
        return starReaders.getOrDefault(Identifiers.bareName(table), List.of());
    }

    /** INSERTs into the table. */
    public List<QueryUsage.InsertUse> insertsInto(String table) {
        return insertsByTable.getOrDefault(Identifiers.bareName(table), List.of());
    }

    /** The query an insert came from. */
    public Query queryOf(QueryUsage.InsertUse insert) {
        return insertQueries.get(insert);
    }

    /** Upserts into the table ({@code ON CONFLICT}, {@code ON DUPLICATE KEY}, {@code MERGE}). */
    public List<UpsertRef> upsertsInto(String table) {
        return upserts.getOrDefault(Identifiers.bareName(table), List.of());
    }

    /** Queries that use the sequence. */
    public List<Query> usersOfSequence(String sequence) {
        return sequenceUsers.getOrDefault(Identifiers.bareName(sequence), List.of());
    }
}
