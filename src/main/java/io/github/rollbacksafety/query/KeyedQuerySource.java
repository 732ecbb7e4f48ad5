package io.github.rollbacksafety.query;

import java.util.Optional;

/**
 * A query source of a previous release with the cache key its release gives it: what identifies the files it reads
 * for good (an archive's SHA-256, a git tree id) plus its settings. The source itself need not read anything to
 * know it, so a cached release is never opened.
 */
public final class KeyedQuerySource implements QuerySource {

    private final QuerySource source;
    private final String key;

    public KeyedQuerySource(QuerySource source, String key) {
        this.source = source;
        this.key = key;
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public void collect(QueryCollector collector) {
        source.collect(collector);
    }

    @Override
    public Optional<String> cacheKey() {
        return Optional.of(key);
    }
}
