package io.github.rollbacksafety.baseline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FinalReleasesTest {

    @Test
    void preReleasesAreNotFinalReleases() {
        assertThat(List.of("1.0-SNAPSHOT", "2.0.0-RC1", "1.0.M2", "3.0-beta-1", "1.0.0-alpha", "2.1-CR2",
                "1.0-20240101.120000-3", "4.0.0-ea+12")).allMatch(FinalReleases::isPreRelease);
        assertThat(List.of("1.0.0", "2.0", "1.0.Final", "1.0.RELEASE", "3.2.1-1", "1.0.0-jre"))
                .noneMatch(FinalReleases::isPreRelease);
    }

    @Test
    void releasesBelowAreOrderedAsMavenOrdersVersions() {
        assertThat(FinalReleases.below(List.of("1.9.0", "1.10.0", "1.2.0", "2.0.0", "2.0.0-RC1", "1.10.0"),
                "2.0.0-SNAPSHOT")).containsExactly("1.10.0", "1.9.0", "1.2.0");
    }

    @Test
    void tagPatternTreatsEverythingButPlaceholdersLiterally() {
        var pattern = TagPattern.of("shop+release.{version}", "shop");
        assertThat(pattern.version("shop+release.1.2.0")).contains("1.2.0");
        assertThat(pattern.version("shop+releaseX1.2.0")).isEmpty();
        assertThat(TagPattern.of("{artifactId}/v{version}", "billing").version("billing/v3.0.1")).contains("3.0.1");
        assertThat(TagPattern.of("v{version}", "shop").version("vNext")).isEmpty();
    }
}
