package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.cache.ChangelogFileCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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

    @TempDir
    Path tmp;

    /** Each modified pair as id, released checksum, current checksum. */
    private static List<List<String>> modified(ChangeSetDiff diff) {
        return diff.modified().stream().map(p -> List.of(p.current().id(), p.releasedChecksum(), p.currentChecksum()))
                .toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (var f : files.filter(Files::isRegularFile).toList()) {
                var target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    @Test
    void realChecksumsComputedOnceAreRememberedForTheSameTextAndNeverForAnother() throws IOException {
        var cacheDir = tmp.resolve("cache");
        var current = tmp.resolve("current");
        copy(dir("checksums/current"), current);
        var cached = new ChangelogReader().withParsedFiles(new ChangelogFileCache(cacheDir, "t"));
        var releasedSource = ChangelogSource.of(dir("checksums/released"), MASTER, "1.0");
        // the release as the release cache keeps it: fingerprints only, stored before anything was compared
        var stored = cached.read(releasedSource, ChangelogOptions.DEFAULT).changeSets().stream()
                .map(StoredChangeSet::of).toList();
        var rereads = new AtomicInteger();
        var first = ChangeSetDiff.between(
                cached.restore(releasedSource, ChangelogOptions.DEFAULT, stored, rereads::incrementAndGet),
                cached.read(ChangelogSource.of(current, MASTER, "2.0"), ChangelogOptions.DEFAULT));
        var plain = ChangeSetDiff.between(read(dir("checksums/released")), read(dir("checksums/current")));

        assertThat(rereads).hasValue(1);
        assertThat(modified(first)).isNotEmpty().isEqualTo(modified(plain));
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("changelog-checksum-"))).isNotEmpty();
        }

        // the next build: the same texts, so neither the release nor the current changelog is read again for them
        var next = new ChangelogReader().withParsedFiles(new ChangelogFileCache(cacheDir, "t"));
        var restored = next.restore(releasedSource, ChangelogOptions.DEFAULT, stored, rereads::incrementAndGet);
        var again = ChangeSetDiff.between(restored,
                next.read(ChangelogSource.of(current, MASTER, "2.0"), ChangelogOptions.DEFAULT));
        assertThat(rereads).hasValue(1);
        assertThat(modified(again)).isEqualTo(modified(first));
        assertThat(again.rerun()).isEqualTo(first.rerun());

        // an edited text is another key: its checksum is computed, and differs
        var master = current.resolve(MASTER);
        Files.writeString(master, Files.readString(master).replace("name=\"b\" type=\"varchar(20)\"",
                "name=\"b\" type=\"varchar(40)\""));
        var edited = ChangeSetDiff.between(
                next.restore(releasedSource, ChangelogOptions.DEFAULT, stored, rereads::incrementAndGet),
                next.read(ChangelogSource.of(current, MASTER, "2.0"), ChangelogOptions.DEFAULT));
        var editedPair = edited.modified().stream().filter(p -> p.current().id().equals("edited")).findFirst()
                .orElseThrow();
        var firstPair = first.modified().stream().filter(p -> p.current().id().equals("edited")).findFirst()
                .orElseThrow();
        assertThat(editedPair.releasedChecksum()).isEqualTo(firstPair.releasedChecksum());
        assertThat(editedPair.currentChecksum()).startsWith("9:").isNotEqualTo(firstPair.currentChecksum());
        assertThat(rereads).hasValue(1); // the released side was remembered; only the current file was parsed
    }
}
