package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.query.QuerySource;

import java.util.List;

/**
 * A previous release the new changesets must stay compatible with.
 *
 * @param version      its version or git ref, as reports name it
 * @param changelog    its changelog (usually inside its jar)
 * @param querySources where its queries are
 */
public record PreviousRelease(String version, ChangelogSource changelog, List<QuerySource> querySources) {

    public PreviousRelease {
        querySources = List.copyOf(querySources);
    }
}
