package io.github.rollbacksafety.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Receives what {@link QuerySource}s find: SQL text to be parsed, usage that a source already understood
 * (mappings), and inputs that could not be read. Not thread-safe: one collector per collecting thread.
 */
public final class QueryCollector {

    /** An input that was found but not understood, with why. */
    public record Unparsed(Query query, String reason) {
    }

    /**
     * A file of the release that holds SQL but not the application's runtime queries (a DDL script, a data dump),
     * left out of usage and reported on its own.
     *
     * @param category   e.g. {@code DDL script}, {@code data dump}
     * @param statements how many statements it holds
     */
    public record Excluded(String file, String category, int statements) {
    }

    private final List<Query> sql = new ArrayList<>();
    private final List<Excluded> excluded = new ArrayList<>();
    private final List<QueryUsage> usages = new ArrayList<>();
    private final List<Unparsed> unparsed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<EntityQueries> entityQueries = new ArrayList<>();

    /** A SQL statement to parse (one statement per call). */
    public void sql(Query query) {
        sql.add(query);
    }

    /** Usage a source derived itself, e.g. from a JPA entity mapping. */
    public void usage(QueryUsage usage) {
        usages.add(usage);
    }

    /** Something that looked like a query but could not be understood. */
    public void unparsed(Query query, String reason) {
        unparsed.add(new Unparsed(query, reason));
    }

    /** A file left out because it is not runtime SQL. */
    public void excluded(Excluded file) {
        excluded.add(file);
    }

    /** A problem reading a source (unreadable file, bad archive entry...). */
    public void warning(String message) {
        warnings.add(message);
    }

    /** The entity mappings a source read, for HQL/JPQL that other sources of the release found as strings. */
    public void entityQueries(EntityQueries translator) {
        entityQueries.add(translator);
    }

    public List<EntityQueries> entityQueries() {
        return entityQueries;
    }

    public List<Query> sql() {
        return sql;
    }

    public List<QueryUsage> usages() {
        return usages;
    }

    public List<Unparsed> unparsed() {
        return unparsed;
    }

    public List<Excluded> excluded() {
        return excluded;
    }

    public List<String> warnings() {
        return warnings;
    }
}
