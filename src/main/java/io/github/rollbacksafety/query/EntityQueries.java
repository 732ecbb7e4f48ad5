package io.github.rollbacksafety.query;

/**
 * HQL/JPQL read through the entity mappings one source found (JPA annotations, {@code hbm.xml}, {@code orm.xml}).
 * A source registers it on its {@link QueryCollector}; the engine offers every source's to the
 * {@link SqlUsageExtractor}, so that HQL in one source (a DAO's strings) resolves through mappings another source of
 * the same release read (its resources).
 */
public interface EntityQueries {

    /** Whether the text names one of the mapped entities (exact case) where SQL names tables. */
    boolean namesEntity(String text);

    /** The usage of an HQL/JPQL statement naming mapped entities. */
    QueryUsage translate(Query query) throws UnparsableQueryException;

    /** The translator as an {@link EntityQueries}; calls are serialised, translators keep caches. */
    static EntityQueries of(java.util.function.Predicate<String> namesEntity, Translation translation) {
        return new EntityQueries() {
            @Override
            public synchronized boolean namesEntity(String text) {
                return namesEntity.test(text);
            }

            @Override
            public synchronized QueryUsage translate(Query query) throws UnparsableQueryException {
                return translation.translate(query);
            }
        };
    }

    /** {@link #translate} as a method reference. */
    @FunctionalInterface
    interface Translation {
        QueryUsage translate(Query query) throws UnparsableQueryException;
    }
}
