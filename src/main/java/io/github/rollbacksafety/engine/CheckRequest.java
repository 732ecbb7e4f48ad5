package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;

import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogSource;

import java.util.List;

/**
 * Everything a check needs, as plain values: no Maven types. A test can build one from two folders.
 *
 * @param current          the changelog of the version being built
 * @param previousReleases releases to stay compatible with, newest first; empty for a first release
 * @param changelogOptions contexts, labels, dbms, parameters
 * @param waivers          accepted findings
 * @param failOn           what fails the build
 */
public record CheckRequest(ChangelogSource current, List<PreviousRelease> previousReleases,
                           ChangelogOptions changelogOptions, List<Waiver> waivers, FailOn failOn) {

    public CheckRequest {
        previousReleases = List.copyOf(previousReleases);
        waivers = List.copyOf(waivers);
    }

    public static CheckRequest of(ChangelogSource current, List<PreviousRelease> previous) {
        return new CheckRequest(current, previous, ChangelogOptions.DEFAULT, List.of(), FailOn.BREAKING);
    }
}
