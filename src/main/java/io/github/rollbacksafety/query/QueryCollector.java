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

    private final List<Query> sql = new ArrayList<>();
    private final List<QueryUsage> usages = new ArrayList<>();
    private final List<Unparsed> unparsed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

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

    /** A problem reading a source (unreadable file, bad archive entry...). */
    public void warning(String message) {
        warnings.add(message);
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

    public List<String> warnings() {
        return warnings;
    }
}
