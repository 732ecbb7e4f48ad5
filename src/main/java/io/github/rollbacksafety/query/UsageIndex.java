package io.github.rollbacksafety.query;

import io.github.rollbacksafety.schema.Identifiers;
import io.github.rollbacksafety.schema.NameResolver;
import io.github.rollbacksafety.schema.Schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The previous release's usage indexed by table and column, so that each rule answers "who uses this?" in
 * constant time instead of scanning every query for every change.
 *
 * <p>An unqualified column that could belong to several tables in scope is attributed to the candidates that
 * have such a column in the previous schema; when none (or the schema does not know them) it is attributed to
 * every candidate, erring towards reporting a break rather than missing one.
 *
 * <p>Queries are indexed under their names as written (schema kept). A lookup by a changelog's name finds the
 * names that mean it ({@link NameResolver}, with the schema's default schema): {@code orders} finds
 * {@code public.orders} of a changelog that never qualifies, but {@code app.orders} never finds
 * {@code archive.orders}, and an unqualified {@code orders} finds neither when both exist (ambiguous: no break is
 * reported on a guess, {@link #uncertainNames()} lists it).
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
    private final Schema previous;
    // bare name -> the names (as written, canonical) queries use for relations / sequences of that bare name
    private final Map<String, Set<String>> relationNames = new HashMap<>();
    private final Map<String, Set<String>> sequenceNames = new HashMap<>();
    // changelog name -> the query names that mean it
    private final Map<String, List<String>> relationMatches = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> sequenceMatches = new java.util.concurrent.ConcurrentHashMap<>();

    private UsageIndex(Collection<QueryUsage> usages, Schema previous) {
        this.previous = previous;
        var names = previous.names();
        // sets while building: a list's contains() would make a popular column quadratic in its users
        var columnSets = new HashMap<String, LinkedHashSet<ColumnRef>>();
        for (var usage : usages) {
            var q = usage.query();
            for (var t : usage.tables()) {
                var table = relationName(names, t.table());
                addOnce(tableUsers, table, q);
                if (t.written()) {
                    addOnce(tableWriters, table, q);
                }
            }
            for (var c : usage.columns()) {
                for (var table : owners(c, previous)) {
                    columnSets.computeIfAbsent(key(relationName(names, table), c.column()),
                            k -> new LinkedHashSet<>()).add(new ColumnRef(q, c.access()));
                }
            }
            for (var insert : usage.inserts()) {
                var table = relationName(names, insert.table());
                insertsByTable.computeIfAbsent(table, k -> new ArrayList<>()).add(insert);
                insertQueries.putIfAbsent(insert, q);
                addOnce(tableWriters, table, q);
            }
            for (var t : usage.starReads()) {
                addOnce(starReaders, relationName(names, t), q);
            }
            for (var s : usage.sequences()) {
                var sequence = names.canonical(s);
                sequenceNames.computeIfAbsent(Identifiers.bareName(sequence), k -> new LinkedHashSet<>()).add(sequence);
                addOnce(sequenceUsers, sequence, q);
            }
            for (var u : usage.upserts()) {
                upserts.computeIfAbsent(relationName(names, u.table()), k -> new ArrayList<>()).add(new UpsertRef(u, q));
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
            var keys = previous.names().resolveRelation(t, previous).keys();
            if (keys.stream().anyMatch(k -> previous.column(k, c.column()).isPresent())) {
                having.add(t);
            }
        }
        return having.isEmpty() ? c.candidateTables() : having;
    }

    /** A query's relation name, canonical, remembered under its bare name for lookups. */
    private String relationName(NameResolver names, String table) {
        var name = names.canonical(table);
        relationNames.computeIfAbsent(Identifiers.bareName(name), k -> new LinkedHashSet<>()).add(name);
        return name;
    }

    /** The query names that mean the relation the changelog calls {@code name} (see the class comment). */
    private List<String> relationRefs(String name) {
        return relationMatches.computeIfAbsent(name, n -> {
            // the changelog's own name for it first: public.orders of a changelog that says orders
            var keys = previous.names().resolveRelation(n, previous).keys();
            var key = keys.size() == 1 ? keys.get(0) : previous.names().canonical(n);
            return matching(key, relationNames, previous.relations().keySet());
        });
    }

    private List<String> sequenceRefs(String name) {
        return sequenceMatches.computeIfAbsent(name, n -> {
            var keys = previous.names().resolveSequence(n, previous).keys();
            var key = keys.size() == 1 ? keys.get(0) : previous.names().canonical(n);
            return matching(key, sequenceNames, previous.sequences());
        });
    }

    /**
     * The names of {@code written} (by bare name) that resolve to {@code key} among the known names plus
     * {@code key} itself (a changelog may change an object it never created: a base schema made elsewhere).
     */
    private List<String> matching(String key, Map<String, Set<String>> written, Set<String> known) {
        var candidates = written.getOrDefault(Identifiers.bareName(key), Set.of());
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (candidates.size() == 1 && candidates.contains(key)) {
            return List.of(key);
        }
        var universe = new ArrayList<String>(known);
        if (!known.contains(key)) {
            universe.add(key);
        }
        var result = new ArrayList<String>();
        for (var candidate : candidates) {
            if (candidate.equals(key) || previous.names().resolve(candidate,
                    k -> k.equals(key) || known.contains(k), universe).keys().contains(key)) {
                result.add(candidate);
            }
        }
        return result;
    }

    /**
     * Names the queries use that may mean an object of the previous schema but were not resolved to it (a name in
     * several schemas, a quoted name in another case), each with what it may mean, for a note.
     */
    public Map<String, List<String>> uncertainNames() {
        var uncertain = new java.util.TreeMap<String, List<String>>();
        var names = previous.names();
        relationNames.values().forEach(set -> set.forEach(name -> {
            var resolution = names.resolveRelation(name, previous);
            if (resolution.keys().isEmpty() && !resolution.uncertain().isEmpty()) {
                uncertain.put(name, resolution.uncertain());
            }
        }));
        return uncertain;
    }

    /** The lists of {@code map} under each name, merged without repeating a query. */
    private static <T> List<T> merged(Map<String, List<T>> map, List<String> names) {
        if (names.size() == 1) {
            return map.getOrDefault(names.get(0), List.of());
        }
        var all = new LinkedHashSet<T>();
        names.forEach(n -> all.addAll(map.getOrDefault(n, List.of())));
        return List.copyOf(all);
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
        return merged(tableUsers, relationRefs(table));
    }

    /** Queries that insert, update, delete or merge rows of the table. */
    public List<Query> writersOf(String table) {
        return merged(tableWriters, relationRefs(table));
    }

    /** Queries that name the column explicitly (read or write). */
    public List<ColumnRef> columnRefs(String table, String column) {
        var col = Identifiers.normalize(column);
        return merged(columnUsers, relationRefs(table).stream().map(t -> key(t, col)).toList());
    }

    /** Distinct queries naming the column, in discovery order. */
    public List<Query> usersOfColumn(String table, String column) {
        return columnRefs(table, column).stream().map(ColumnRef::query).distinct().toList();
    }

    /** Queries that read the table through {@code *}. */
    public List<Query> starReadersOf(String table) {
        return merged(starReaders, relationRefs(table));
    }

    /** INSERTs into the table. */
    public List<QueryUsage.InsertUse> insertsInto(String table) {
        return merged(insertsByTable, relationRefs(table));
    }

    /** The query an insert came from. */
    public Query queryOf(QueryUsage.InsertUse insert) {
        return insertQueries.get(insert);
    }

    /** Upserts into the table ({@code ON CONFLICT}, {@code ON DUPLICATE KEY}, {@code MERGE}). */
    public List<UpsertRef> upsertsInto(String table) {
        return merged(upserts, relationRefs(table));
    }

    /** Queries that use the sequence. */
    public List<Query> usersOfSequence(String sequence) {
        return merged(sequenceUsers, sequenceRefs(sequence));
    }
}
