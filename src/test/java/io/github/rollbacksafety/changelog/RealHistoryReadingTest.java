package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what real changelogs ship: custom change classes, missing files, twins, reused ids. */
class RealHistoryReadingTest {

    private static final Path ROOT = Path.of("src/test/resources/changelog/realworld");

    private static Changelog read(String master, Optional<String> dbms) {
        return new ChangelogReader().read(ChangelogSource.of(ROOT, master, "t"),
                new ChangelogOptions(Map.of(), Optional.empty(), Optional.empty(), dbms));
    }

    private static ChangeSetRef byId(Changelog changelog, String id) {
        return changelog.changeSets().stream().filter(cs -> cs.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void customChangeClassThatCannotBeLoadedGetsAStandInNamingIt() {
        var changelog = read("db/custom.xml", Optional.empty());

        var missing = byId(changelog, "1");
        assertThat(missing.checksumUnknownBecause()).hasValueSatisfying(why -> assertThat(why)
                .contains("com.example.Missing"));
        assertThat(missing.ops()).singleElement().satisfies(op -> assertThat(op.describe()).contains("com.example.Missing"));
        assertThat(missing.ops().get(0)).isInstanceOf(SchemaOp.Unanalyzable.class);
        // a class that loads keeps Liquibase's checksum
        var loaded = byId(changelog, "2");
        assertThat(loaded.checksumUnknownBecause()).isEmpty();
        assertThat(loaded.checksum()).hasValueSatisfying(c -> assertThat(c).startsWith("9:"));
    }

    @Test
    void sqlFileThatIsNotThereDoesNotAbortTheRead() {
        var missingFile = byId(read("db/custom.xml", Optional.empty()), "3");

        assertThat(missingFile.checksumUnknownBecause()).isPresent();
        assertThat(missingFile.ops()).singleElement().isInstanceOf(SchemaOp.Unanalyzable.class);
    }

    @Test
    void unchangedReleasedChangeSetsWithUnknownChecksumsAreNeitherModifiedNorUncomparable() {
        var released = read("db/custom.xml", Optional.empty());
        var current = read("db/custom.xml", Optional.empty());

        var diff = ChangeSetDiff.between(released, current);

        assertThat(diff.added()).isEmpty();
        assertThat(diff.modified()).isEmpty();
        assertThat(diff.uncomparable()).isEmpty();
    }

    @Test
    void twinsAreFilteredBeforeTheyAreIdentified() {
        var mysql = read("db/twins.xml", Optional.of("mysql"));

        assertThat(mysql.changeSets()).extracting(ChangeSetRef::id).containsExactly("1", "2");
        var twin = byId(mysql, "2");
        assertThat(twin.line()).isEqualTo(9);
        assertThat(twin.ops()).singleElement().satisfies(op -> assertThat(op.describe()).contains("my_only"));
    }

    @Test
    void withoutADbmsBothTwinsAreReadAndPairedWithTheirOwnReleasedTwin() {
        var all = read("db/twins.xml", Optional.empty());

        assertThat(all.changeSets()).extracting(ChangeSetRef::line).containsExactly(3, 6, 9);
        assertThat(all.changeSets()).extracting(ChangeSetRef::variant).containsExactly("", "dbms=postgresql", "dbms=mysql");
        var diff = ChangeSetDiff.between(all, read("db/twins.xml", Optional.empty()));
        assertThat(diff.added()).isEmpty();
        assertThat(diff.modified()).isEmpty();
        assertThat(diff.removed()).isEmpty();
    }

    private static ChangeSetRef cs(String file, String id, String checksum) {
        return new ChangeSetRef(id, "app", file, 1, checksum, false, false, Set.of(), Optional.empty(), List.of(),
                List.of());
    }

    private static Changelog changelog(ChangeSetRef... changeSets) {
        return new Changelog(ChangelogSource.of(ROOT, "x", "x"), List.of(changeSets));
    }

    @Test
    void reusedIdsAreNeverPairedAcrossFiles() {
        var released = changelog(cs("db/a.xml", "1", "9:a"), cs("db/b.xml", "1", "9:b"), cs("db/old.xml", "1", "9:o"));
        var current = changelog(cs("db/a.xml", "1", "9:a"), cs("db/b.xml", "1", "9:b"), cs("db/new.xml", "1", "9:n"));

        var diff = ChangeSetDiff.between(released, current);

        assertThat(diff.modified()).isEmpty();
        assertThat(diff.added()).extracting(ChangeSetRef::filePath).containsExactly("db/new.xml");
        assertThat(diff.removed()).extracting(ChangeSetRef::filePath).containsExactly("db/old.xml");
    }

    @Test
    void aMovedFileIsPairedWhenOnlyOneCandidateIsLeft() {
        var released = changelog(cs("db/a.xml", "1", "9:a"), cs("db/2024/orders.xml", "7", "9:x"));
        var current = changelog(cs("db/a.xml", "1", "9:a"), cs("db/archive/orders.xml", "7", "9:x"));

        var diff = ChangeSetDiff.between(released, current);

        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.modified()).isEmpty();
    }

    @Test
    void twoCandidatesForAMovedChangeSetPairNeither() {
        var released = changelog(cs("db/x/orders.xml", "7", "9:x"), cs("db/y/orders.xml", "7", "9:y"));
        var current = changelog(cs("db/z/orders.xml", "7", "9:z"));

        var diff = ChangeSetDiff.between(released, current);

        assertThat(diff.modified()).isEmpty();
        assertThat(diff.added()).hasSize(1);
        assertThat(diff.removed()).hasSize(2);
    }

    @Test
    void runOnChangeChangeSetWhoseTextChangedRunsAgain() {
        var released = changelog(new ChangeSetRef("v", "app", "db/v.xml", 1, "9:old", true, false, Set.of(),
                Optional.empty(), List.of(), List.of()));
        var current = changelog(new ChangeSetRef("v", "app", "db/v.xml", 1, "9:new", true, false, Set.of(),
                Optional.empty(), List.of(), List.of()));

        var diff = ChangeSetDiff.between(released, current);

        assertThat(diff.rerun()).extracting(ChangeSetRef::id).containsExactly("v");
        assertThat(diff.modified()).isEmpty();
    }
}
