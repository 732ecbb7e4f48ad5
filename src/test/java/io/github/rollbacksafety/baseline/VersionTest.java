package io.github.rollbacksafety.baseline;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Version} orders as Maven's {@code ComparableVersion} (test scope only: the engine runs without Maven). */
class VersionTest {

    private static List<String> versions() throws IOException {
        try (var in = VersionTest.class.getResourceAsStream("/baseline/versions.txt")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).distinct().toList();
        }
    }

    @Test
    void ordersEveryPairOfRealVersionsAsMavenDoes() throws IOException {
        var texts = versions();
        assertThat(texts).hasSizeGreaterThan(800);
        var ours = texts.stream().map(Version::of).toList();
        var maven = texts.stream().map(ComparableVersion::new).toList();
        var disagreements = new ArrayList<String>();
        for (int i = 0; i < texts.size(); i++) {
            for (int j = 0; j < texts.size(); j++) {
                int expected = Integer.signum(maven.get(i).compareTo(maven.get(j)));
                int actual = Integer.signum(ours.get(i).compareTo(ours.get(j)));
                if (expected != actual) {
                    disagreements.add(texts.get(i) + " vs " + texts.get(j) + ": Maven " + expected + ", ours " + actual);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void equalVersionsShareTheirCanonicalFormAsInMaven() throws IOException {
        var texts = versions();
        for (var a : texts) {
            for (var b : List.of("1", "1.0", "1.0.0", "1-ga", "1.0-final", "1.0-SNAPSHOT", "1.0-rc1", "1.0-cr1",
                    "2.0.0.RELEASE", "1.0-sp1")) {
                boolean mavenEqual = new ComparableVersion(a).getCanonical().equals(new ComparableVersion(b).getCanonical());
                assertThat(Version.of(a).canonical().equals(Version.of(b).canonical())).as(a + " = " + b)
                        .isEqualTo(mavenEqual);
                assertThat(Version.of(a).equals(Version.of(b))).as(a + " equals " + b).isEqualTo(mavenEqual);
            }
        }
    }

    @Test
    void knownOrder() {
        var ordered = List.of("1.0-alpha-1", "1.0-beta-2", "1.0-M1", "1.0-RC1", "1.0-SNAPSHOT", "1.0", "1.0-sp1",
                "1.0-custom", "1.0.1", "1.1", "1.10", "2.0.0.RELEASE", "10");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(Version.of(ordered.get(i))).as(ordered.get(i) + " < " + ordered.get(i + 1))
                    .isLessThan(Version.of(ordered.get(i + 1)));
        }
        assertThat(Version.of("1.0.0")).isEqualTo(Version.of("1")).hasSameHashCodeAs(Version.of("1-final"));
    }
}
