package io.github.rollbacksafety.changelog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.github.rollbacksafety.changelog.ChangelogFixtures.dir;
import static io.github.rollbacksafety.changelog.ChangelogFixtures.jar;
import static org.assertj.core.api.Assertions.assertThat;

class LazyChecksumTest {

    private static final String MASTER = "db/changelog/master.xml";

    private final ChangelogReader reader = new ChangelogReader();

    private Changelog read(Path root) {
        return reader.read(ChangelogSource.of(root, MASTER, "test"), ChangelogOptions.DEFAULT);
    }

    private static ChangeSetRef changeSet(Changelog changelog, String id) {
        return changelog.changeSets().stream().filter(cs -> cs.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void unchangedChangeSetTextNeedsNoChecksum() {
        var released = read(dir("checksums/released"));
        var current = read(dir("checksums/current"));

        ChangeSetDiff.between(released, current);

        assertThat(changeSet(released, "same").checksumComputed()).isFalse();
        assertThat(changeSet(current, "same").checksumComputed()).isFalse();
        assertThat(changeSet(released, "literal").checksumComputed()).isFalse();
    }

    @Test
    void changedTextParameterSqlFileAndYamlAliasAreModified() {
        var diff = ChangeSetDiff.between(read(dir("checksums/released")), read(dir("checksums/current")));

        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.modified()).extracting(p -> p.current().id())
                .containsExactly("edited", "param", "file", "anchor", "alias");
        assertThat(diff.modified()).allSatisfy(p -> {
            assertThat(p.releasedChecksum()).startsWith("9:").isNotEqualTo(p.currentChecksum());
            assertThat(p.currentChecksum()).startsWith("9:");
            assertThat(p.released().checksum()).contains(p.releasedChecksum());
            assertThat(p.current().checksum()).contains(p.currentChecksum());
        });
    }

    @Test
    void reformattedChangeSetIsComparedByItsRealChecksum() {
        var released = read(dir("checksums/released"));
        var current = read(dir("checksums/current"));

        var diff = ChangeSetDiff.between(released, current);

        assertThat(diff.modified()).extracting(p -> p.current().id()).doesNotContain("reformatted");
        assertThat(changeSet(released, "reformatted").checksumComputed()).isTrue();
        assertThat(changeSet(released, "reformatted").checksum()).isPresent()
                .isEqualTo(changeSet(current, "reformatted").checksum());
    }

    @Test
    void checksumComputedOnDemandEqualsTheOneComputedWhileReading() {
        var released = read(dir("checksums/released"));
        var literal = changeSet(released, "literal");
        var param = changeSet(released, "param"); // ${table} = t1: the same change, its checksum known from the read

        assertThat(param.checksumComputed()).isTrue();
        assertThat(literal.checksumComputed()).isFalse();
        assertThat(literal.checksum()).isEmpty();
        assertThat(literal.checksumComputed()).isFalse();
        assertThat(literal.computedChecksum()).isEqualTo(param.checksum().orElseThrow());
        assertThat(literal.checksumComputed()).isTrue();
    }

    @Test
    void checksumOnDemandReadsAJarAgain(@org.junit.jupiter.api.io.TempDir Path tmp) {
        var fromJar = read(jar(dir("checksums/released"), tmp.resolve("released.jar"), ""));
        var fromDir = read(dir("checksums/released"));

        assertThat(fromJar.changeSets()).extracting(ChangeSetRef::computedChecksum)
                .containsExactlyElementsOf(fromDir.changeSets().stream().map(ChangeSetRef::computedChecksum).toList());
    }

    @Test
    void rulesSeeOnlyChecksumsTheDiffComputed() {
        var released = read(dir("checksums/released"));
        var current = read(dir("checksums/current"));

        var diff = ChangeSetDiff.between(released, current);

        // asking a changeset the diff did not need does not read the changelog again
        assertThat(changeSet(released, "same").checksum()).isEmpty();
        assertThat(changeSet(released, "same").checksumComputed()).isFalse();
        assertThat(diff.modified()).extracting(p -> p.released().checksum().orElseThrow())
                .containsExactlyElementsOf(diff.modified().stream().map(ChangeSetDiff.Pair::releasedChecksum).toList());
    }
}
