package io.github.rollbacksafety.changelog;

import java.util.Map;
import java.util.Optional;

/**
 * How changelogs are read.
 *
 * @param parameters changelog parameters ({@code ${name}}) given by the build, on top of the changelog's own properties
 * @param contexts   Liquibase context expression selecting changesets; empty = all
 * @param labels     Liquibase label expression selecting changesets; empty = all
 * @param dbms       target database short name (e.g. {@code postgresql}); empty = every changeset regardless of dbms
 */
public record ChangelogOptions(Map<String, String> parameters, Optional<String> contexts, Optional<String> labels,
                               Optional<String> dbms) {

    public static final ChangelogOptions DEFAULT = new ChangelogOptions(Map.of(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public ChangelogOptions {
        parameters = Map.copyOf(parameters);
    }
}
