package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;

import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogSource;

import io.github.rollbacksafety.query.QuerySource;

import java.util.List;
import java.util.Optional;

/**
 * Everything a check needs, as plain values: no Maven types. A test can build one from two folders.
 *
 * @param current          the changelog of the version being built
 * @param previousReleases releases to stay compatible with, newest first; empty for a first release
 * @param changelogOptions contexts, labels, dbms, parameters
 * @param waivers          accepted findings
 * @param failOn           what fails the build
 * @param checkForward     also check the current release's queries against the newest previous release's schema
 *                         (new app + old schema)
 * @param currentQueries   where the current release's queries are (its build output); used with checkForward
 * @param defaultSchema    the schema unqualified names are in (changelogs and queries); empty: the schema the
 *                         changelog's unqualified objects live in, whatever it is called
 */
public record CheckRequest(ChangelogSource current, List<PreviousRelease> previousReleases,
                           ChangelogOptions changelogOptions, List<Waiver> waivers, FailOn failOn,
                           boolean checkForward, List<QuerySource> currentQueries, Optional<String> defaultSchema) {

    public CheckRequest {
        previousReleases = List.copyOf(previousReleases);
        waivers = List.copyOf(waivers);
        currentQueries = List.copyOf(currentQueries);
        defaultSchema = defaultSchema.filter(s -> !s.isBlank());
    }

    public CheckRequest(ChangelogSource current, List<PreviousRelease> previousReleases,
                        ChangelogOptions changelogOptions, List<Waiver> waivers, FailOn failOn,
                        boolean checkForward, List<QuerySource> currentQueries) {
        this(current, previousReleases, changelogOptions, waivers, failOn, checkForward, currentQueries,
                Optional.empty());
    }

    /** A backward-only check (old app + new schema). */
    public CheckRequest(ChangelogSource current, List<PreviousRelease> previousReleases,
                        ChangelogOptions changelogOptions, List<Waiver> waivers, FailOn failOn) {
        this(current, previousReleases, changelogOptions, waivers, failOn, false, List.of());
    }

    /** The same request, also checking the current release's queries against the previous schema. */
    public CheckRequest withForward(List<QuerySource> queries) {
        return new CheckRequest(current, previousReleases, changelogOptions, waivers, failOn, true, queries,
                defaultSchema);
    }

    /** The same request with unqualified names in {@code schema} (empty: the changelog's own default schema). */
    public CheckRequest withDefaultSchema(Optional<String> schema) {
        return new CheckRequest(current, previousReleases, changelogOptions, waivers, failOn, checkForward,
                currentQueries, schema);
    }

    public static CheckRequest of(ChangelogSource current, List<PreviousRelease> previous) {
        return new CheckRequest(current, previous, ChangelogOptions.DEFAULT, List.of(), FailOn.BREAKING);
    }
}
