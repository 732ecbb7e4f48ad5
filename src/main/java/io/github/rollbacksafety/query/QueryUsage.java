package io.github.rollbacksafety.query;

import io.github.rollbacksafety.schema.Identifiers;

import java.util.List;
import java.util.Set;

/**
 * What one previous-release query does to the schema, before it is indexed. SQL extraction and mapping readers
 * (JPA, Hibernate, MyBatis result maps) both produce this.
 *
 * @param query     the query it came from
 * @param tables    every relation (table or view) the query references, with whether it writes it
 * @param columns   column references; an unqualified column that could belong to several tables in scope lists
 *                  them all as candidates and is resolved against the previous schema when indexed
 * @param inserts   INSERT statements (and mapped inserts): the target table and the columns they name
 * @param starReads tables read through {@code *} (all their columns, whatever they are)
 * @param sequences sequences used ({@code nextval('s')}, {@code NEXT VALUE FOR s}, {@code s.nextval}, generators)
 * @param upserts   inserts that rely on a unique key to update instead ({@code ON CONFLICT}, {@code ON DUPLICATE
 *                  KEY}, {@code MERGE ... ON})
 */
public record QueryUsage(Query query, List<TableUse> tables, List<ColumnUse> columns, List<InsertUse> inserts,
                         List<String> starReads, List<String> sequences, List<Upsert> upserts) {

    public QueryUsage(Query query, List<TableUse> tables, List<ColumnUse> columns, List<InsertUse> inserts,
                      List<String> starReads, List<String> sequences) {
        this(query, tables, columns, inserts, starReads, sequences, List.of());
    }

    public QueryUsage {
        upserts = upserts == null ? List.of() : List.copyOf(upserts); // null: a cache entry written before upserts
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
        inserts = List.copyOf(inserts);
        starReads = starReads.stream().map(Identifiers::qualifiedName).toList();
        sequences = sequences.stream().map(Identifiers::qualifiedName).toList();
    }

    public enum Access { READ, WRITE }

    /** A table or view referenced by the query. {@code written}: INSERT/UPDATE/DELETE/MERGE target. */
    public record TableUse(String table, boolean written) {
        public TableUse {
            table = Identifiers.qualifiedName(table);
        }
    }

    /** A column reference; {@code candidateTables} has one entry when the owner is known. */
    public record ColumnUse(Set<String> candidateTables, String column, Access access) {
        public ColumnUse {
            // a loop, not a stream: a release loaded from the cache builds thousands of these in a fresh JVM
            var tables = new String[candidateTables.size()];
            int i = 0;
            for (var table : candidateTables) {
                tables[i++] = Identifiers.qualifiedName(table);
            }
            candidateTables = Set.copyOf(java.util.Arrays.asList(tables));
            column = Identifiers.normalize(column);
        }

        public static ColumnUse of(String table, String column, Access access) {
            return new ColumnUse(Set.of(table), column, access);
        }
    }

    /**
     * An insert into {@code table}.
     *
     * @param columns    the columns it names (empty when positional)
     * @param positional true for {@code INSERT INTO t VALUES (...)} without a column list
     */
    public record InsertUse(String table, List<String> columns, boolean positional) {
        public InsertUse {
            table = Identifiers.qualifiedName(table);
            columns = columns.stream().map(Identifiers::normalize).toList();
        }
    }

    /**
     * An upsert: which unique key of {@code table} it depends on.
     *
     * @param conflictColumns the columns of the conflict target ({@code ON CONFLICT (a, b)}, a MERGE's ON
     *                        condition); empty when the statement names none
     * @param constraint      the constraint named by {@code ON CONFLICT ON CONSTRAINT c}, else empty
     * @param clause          how the statement spells it, for messages
     */
    public record Upsert(String table, List<String> conflictColumns, String constraint, String clause) {
        public Upsert {
            table = Identifiers.qualifiedName(table);
            conflictColumns = conflictColumns.stream().map(Identifiers::normalize).sorted().toList();
            constraint = Identifiers.bareName(constraint);
        }
    }
}
