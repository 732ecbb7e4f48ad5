package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.query.QuerySource;

import java.util.List;
import java.util.Optional;

/**
 * A previous release the new changesets must stay compatible with.
 *
 * @param version      its version or git ref, as reports name it
 * @param changelog    its changelog (usually inside its jar)
 * @param querySources where its queries are
 * @param content      what identifies its files for good, when known: then everything derived from them can be
 *                     cached across builds, and they need to be on disk only when the cache does not have them
 */
public record PreviousRelease(String version, ChangelogSource changelog, List<QuerySource> querySources,
                              Optional<Content> content) {

    /**
     * The identity of a release's files and how to make them readable.
     *
     * @param key     changes whenever any file the changelog or a cacheable query source reads could differ: the
     *                SHA-256 of its archives, or the ids of its git trees
     * @param prepare  makes {@link #changelog()} and the query sources readable (writes a git tree out); called
     *                 before they are read, possibly more than once and from several threads
     * @param complete after a read: whether every file could be read (a partial clone misses some); what was read
     *                 from an incomplete release is not cached
     */
    public record Content(String key, Runnable prepare, java.util.function.BooleanSupplier complete) {

        /** The content of files that are all there, e.g. a released jar. */
        public static Content of(String key) {
            return new Content(key, () -> { }, () -> true);
        }
    }

    public PreviousRelease {
        querySources = List.copyOf(querySources);
    }

    /** A release whose files are simply there, e.g. a folder in a test; nothing derived from it is cached. */
    public PreviousRelease(String version, ChangelogSource changelog, List<QuerySource> querySources) {
        this(version, changelog, querySources, Optional.empty());
    }

    /** Makes the changelog and the query sources readable; does nothing when they already are. */
    public void prepare() {
        content.ifPresent(c -> c.prepare().run());
    }
}
