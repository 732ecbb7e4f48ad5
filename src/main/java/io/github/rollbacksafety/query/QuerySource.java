package io.github.rollbacksafety.query;

/**
 * A place the previous release's queries come from (SQL resources of a jar, query files, bytecode, mappings...).
 * Sources only find queries; parsing and indexing happen once, in the engine.
 */
public interface QuerySource {

    /** For logs and coverage, e.g. {@code shop-1.0.0.jar}. */
    String describe();

    /** Reports every query and mapping found to the collector. Problems with one input are warnings, not failures. */
    void collect(QueryCollector collector);
}
