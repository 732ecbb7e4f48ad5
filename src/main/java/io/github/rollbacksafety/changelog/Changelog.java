package io.github.rollbacksafety.changelog;

import java.util.List;

/**
 * A parsed changelog: its changesets in execution order (includes flattened, duplicates removed).
 *
 * @param source     where it was read from
 * @param changeSets changesets in the order Liquibase would run them
 */
public record Changelog(ChangelogSource source, List<ChangeSetRef> changeSets) {

    public Changelog {
        changeSets = List.copyOf(changeSets);
    }
}
