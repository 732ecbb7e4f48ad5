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

    /**
     * A key that changes whenever what this source reports could change (e.g. its archive's SHA-256 and its
     * settings), so that its extracted usage can be cached across builds; empty when it cannot be cached (project
     * files that change between builds).
     */
    default java.util.Optional<String> cacheKey() {
        return java.util.Optional.empty();
    }
}
