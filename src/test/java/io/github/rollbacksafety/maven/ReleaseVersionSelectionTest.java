package io.github.rollbacksafety.maven;

import io.github.rollbacksafety.baseline.FinalReleases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseVersionSelectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.0-SNAPSHOT", "2.0.0-RC1", "2.0.0-rc.2", "1.0.M2", "1.0-M1", "3.0-beta-1", "3.0.0-beta.2",
            "1.0-alpha", "1.0a1", "2.0.0.CR1", "4.0.0-preview", "1.0-ea", "1.2.0-20240101.120000-3", "5.0.0-dev"})
    void recognisesPreReleases(String version) {
        assertThat(FinalReleases.isPreRelease(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.0", "2.3.4.RELEASE", "5.6.15.Final", "1.0-GA", "2.0.1-sp1", "10", "1.0.0-1",
            "1.2.3-jre", "2024.1.0"})
    void recognisesFinalReleases(String version) {
        assertThat(FinalReleases.isPreRelease(version)).isFalse();
    }

    @Test
    void picksNewestFinalReleasesBelowTheProjectVersionInMavenOrder() {
        var available = List.of("1.0.0", "1.9.0", "1.10.0", "1.10.1-SNAPSHOT", "1.11.0-RC1", "1.11.0-M1", "2.0.0",
                "1.10.0-beta");
        assertThat(FinalReleases.below(available, "1.11.0-SNAPSHOT"))
                .containsExactly("1.10.0", "1.9.0", "1.0.0");
    }

    @Test
    void excludesTheVersionBeingReleased() {
        assertThat(FinalReleases.below(List.of("1.0.0", "1.1.0"), "1.1.0")).containsExactly("1.0.0");
    }

    @Test
    void aSnapshotIsAboveTheReleaseBeforeIt() {
        assertThat(FinalReleases.below(List.of("1.0", "1.0.1", "1.1"), "1.1-SNAPSHOT"))
                .containsExactly("1.0.1", "1.0");
    }

    @Test
    void firstReleaseHasNothingBelow() {
        assertThat(FinalReleases.below(List.of("2.0.0-SNAPSHOT"), "1.0.0-SNAPSHOT")).isEmpty();
    }
}
