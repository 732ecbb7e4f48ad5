package io.github.rollbacksafety.changelog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading with a {@link ParsedFileStore} gives exactly what parsing gives (ids, file paths, lines, checksums and
 * their state, operations, notes, preconditions), whether the files were just recorded or are rebuilt from the store.
 */
class ParsedFileReuseTest {

    @TempDir
    Path tmp;

    /** A store in memory that counts what it served and stored. */
    static final class MemoryStore implements ParsedFileStore {
        final Map<String, ParsedFile> files = new ConcurrentHashMap<>();
        final AtomicInteger hits = new AtomicInteger();
        final AtomicInteger stores = new AtomicInteger();

        @Override
        public Optional<ParsedFile> load(String key) {
            var file = Optional.ofNullable(files.get(key));
            file.ifPresent(f -> hits.incrementAndGet());
            return file;
        }

        @Override
        public void store(String key, ParsedFile file) {
            stores.incrementAndGet();
            files.put(key, file);
        }
    }

    static final ChangelogOptions POSTGRES = new ChangelogOptions(Map.of("HOME", "50"), Optional.of("test"),
            Optional.of("!feature-x"), Optional.of("postgresql"));

    /** Everything a read yields, with every checksum computed (lazy ones by reading the files again). */
    static List<List<Object>> everything(Changelog changelog) {
        return changelog.changeSets().stream().map(cs -> List.<Object>of(StoredChangeSet.of(cs),
                computed(cs))).toList();
    }

    /** Every changelog fixture the reuse tests read: XML, YAML, JSON, formatted SQL, twins, includes, checksums. */
    static List<ChangelogSource> fixtures() {
        return List.of(
                ChangelogSource.of(ChangelogFixtures.dir("project"), "db/changelog/db.changelog-master.xml", "p"),
                ChangelogSource.of(ChangelogFixtures.dir("formats/xml"), "db/changelog/master.xml", "x"),
                ChangelogSource.of(ChangelogFixtures.dir("formats/yaml"), "db/changelog/master.yaml", "y"),
                ChangelogSource.of(ChangelogFixtures.dir("formats/json"), "db/changelog/master.json", "j"),
                ChangelogSource.of(ChangelogFixtures.dir("formats/sql"), "db/changelog/master.sql", "s"),
                ChangelogSource.of(ChangelogFixtures.dir("realworld"), "db/twins.xml", "t"),
                ChangelogSource.of(ChangelogFixtures.dir("checksums/released"), "db/changelog/master.xml", "r"),
                ChangelogSource.of(ChangelogFixtures.dir("checksums/current"), "db/changelog/master.xml", "c"),
                ChangelogSource.of(ChangelogFixtures.dir("translation"), "changes.xml", "tr"));
    }

    /** The real checksum, computed now by reading the changelog again when the read only fingerprinted it. */
    private static String computed(ChangeSetRef cs) {
        try {
            return cs.computedChecksum();
        } catch (RuntimeException e) {
            return "cannot: " + e.getMessage();
        }
    }

    private static void assertSameAsParsing(ChangelogSource source, ChangelogOptions options, MemoryStore store) {
        var parsed = everything(new ChangelogReader().read(source, options));
        var reader = new ChangelogReader().withParsedFiles(store);
        int storesBefore = store.stores.get();
        var recorded = everything(reader.read(source, options));
        assertThat(recorded).isEqualTo(parsed);
        int hitsBefore = store.hits.get();
        var rebuilt = everything(reader.read(source, options));
        assertThat(rebuilt).isEqualTo(parsed);
        if (store.stores.get() > storesBefore) {
            assertThat(store.hits.get()).isGreaterThan(hitsBefore);
        }
    }

    @Test
    void everyFixtureReadsTheSameFromStoredFilesAsParsed() {
        var sources = fixtures();
        var store = new MemoryStore();
        for (var source : sources) {
            for (var options : List.of(ChangelogOptions.DEFAULT, POSTGRES)) {
                assertSameAsParsing(source, options, store);
            }
        }
        // the fixtures' self-contained files were stored and served (e.g. r1.yaml, the scripts, the single-file
        // changelogs); files with includes, properties or ${...} never are
        assertThat(store.stores.get()).isGreaterThanOrEqualTo(8);
        assertThat(store.hits.get()).isGreaterThanOrEqualTo(8);
        assertThat(store.files.values()).noneMatch(f -> f.physicalPath().endsWith("db.changelog-master.xml"));
    }

    @Test
    void aChangedFileIsParsedAgainAndTheOthersAreReused() throws IOException {
        var root = copy("project");
        var source = ChangelogSource.of(root, "db/changelog/db.changelog-master.xml", "p");
        var store = new MemoryStore();
        var reader = new ChangelogReader().withParsedFiles(store);
        reader.read(source, ChangelogOptions.DEFAULT);
        int stored = store.files.size();
        var script = root.resolve("db/changelog/scripts/f2.sql");
        Files.writeString(script, Files.readString(script).replace("\n--changeset", "\n-- an edit\n--changeset"));
        Files.writeString(script, Files.readString(script) + "\nALTER TABLE customer ADD COLUMN edited INT;\n");
        int hitsBefore = store.hits.get();
        var again = reader.read(source, ChangelogOptions.DEFAULT);
        // r1.yaml (included twice), f1.sql and f10.sql came from the store, f2.sql did not
        assertThat(store.hits.get() - hitsBefore).isEqualTo(4);

        assertThat(everything(again)).isEqualTo(everything(new ChangelogReader().read(source,
                ChangelogOptions.DEFAULT)));
        assertThat(store.files).hasSize(stored + 1); // the edited file under its new bytes
    }

    @Test
    void otherOptionsAreAnotherKey() {
        var source = ChangelogSource.of(ChangelogFixtures.dir("project"), "db/changelog/db.changelog-master.xml", "p");
        var store = new MemoryStore();
        var reader = new ChangelogReader().withParsedFiles(store);
        reader.read(source, ChangelogOptions.DEFAULT);
        reader.read(source, new ChangelogOptions(Map.of(), Optional.empty(), Optional.empty(), Optional.of("h2")));
        reader.read(source, new ChangelogOptions(Map.of(), Optional.of("test"), Optional.empty(), Optional.empty()));
        reader.read(source, new ChangelogOptions(Map.of(), Optional.empty(), Optional.of("x"), Optional.empty()));
        reader.read(source, new ChangelogOptions(Map.of("HOME", "9"), Optional.empty(), Optional.empty(),
                Optional.empty()));

        assertThat(store.hits).hasValue(0);
        assertThat(store.files).hasSize(4 * 5);
    }

    @Test
    void theIncludersContextStillFiltersAStoredFile() throws IOException {
        var root = tmp.resolve("ctx");
        Files.createDirectories(root);
        Files.writeString(root.resolve("leaf.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <changeSet id="1" author="a">
                    <createTable tableName="t"><column name="id" type="int"/></createTable>
                  </changeSet>
                  <changeSet id="2" author="a" labels="later">
                    <addColumn tableName="t"><column name="c" type="int"/></addColumn>
                  </changeSet>
                </databaseChangeLog>
                """);
        var master = root.resolve("master.xml");
        Files.writeString(master, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <include file="leaf.xml" context="other"/>
                </databaseChangeLog>
                """);
        var options = new ChangelogOptions(Map.of(), Optional.of("main"), Optional.empty(), Optional.empty());
        var source = ChangelogSource.of(root, "master.xml", "m");
        var store = new MemoryStore();
        var reader = new ChangelogReader().withParsedFiles(store);
        assertThat(reader.read(source, options).changeSets()).isEmpty();

        Files.writeString(master, Files.readString(master).replace(" context=\"other\"", ""));
        var rebuilt = reader.read(source, options);

        assertThat(store.hits).hasValue(1);
        assertThat(everything(rebuilt)).isEqualTo(everything(new ChangelogReader().read(source, options)));
        assertThat(rebuilt.changeSets()).extracting(ChangeSetRef::id).containsExactly("1", "2");
        assertThat(rebuilt.changeSets().get(1).ops()).isNotEmpty();
    }

    @Test
    void filesThatReadOtherFilesAreNeverStoredAndParametersAreKeptTrackOf() throws IOException {
        var root = tmp.resolve("dep");
        Files.createDirectories(root);
        var leaf = """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  %s
                  <changeSet id="1" author="a">
                    <createTable tableName="%s"><column name="id" type="int"/></createTable>
                  </changeSet>
                </databaseChangeLog>
                """;
        // prop.xml defines ${table} (global) and ${own} (local to it); param.xml uses ${table}
        Files.writeString(root.resolve("prop.xml"), leaf.formatted("<property name=\"table\" value=\"t1\"/>"
                + "<property name=\"own\" value=\"o\" global=\"false\"/>", "u_${own}"));
        Files.writeString(root.resolve("param.xml"), leaf.formatted("", "${table}"));
        Files.writeString(root.resolve("data.sql"), "SELECT 1;\n");
        Files.writeString(root.resolve("sqlfile.xml"), leaf.formatted("", "v").replace("</changeSet>",
                "</changeSet><changeSet id=\"2\" author=\"a\"><sqlFile path=\"data.sql\""
                        + " relativeToChangelogFile=\"true\"/></changeSet>"));
        Files.writeString(root.resolve("master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <include file="prop.xml" relativeToChangelogFile="true"/>
                  <include file="param.xml" relativeToChangelogFile="true"/>
                  <include file="sqlfile.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        var source = ChangelogSource.of(root, "master.xml", "m");
        var store = new MemoryStore();
        var reader = new ChangelogReader().withParsedFiles(store);
        var first = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(first.changeSets().get(1).ops().toString()).contains("t1");
        assertThat(store.files.values()).extracting(ParsedFile::physicalPath)
                .containsExactlyInAnyOrder("prop.xml", "param.xml");

        // rebuilt: prop.xml's properties are defined again, so param.xml (keyed by them) is rebuilt as well
        var second = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(store.hits).hasValue(2);
        int hitsAfterSecond = store.hits.get();
        assertThat(everything(second)).isEqualTo(everything(new ChangelogReader().read(source,
                ChangelogOptions.DEFAULT)));

        // the SQL file the sqlFile change reads is edited; prop.xml now defines another table: param.xml is parsed
        // again under the new parameters (its own bytes did not change)
        Files.writeString(root.resolve("data.sql"), "SELECT 2;\n");
        Files.writeString(root.resolve("prop.xml"), Files.readString(root.resolve("prop.xml")).replace("t1", "t2"));
        int hitsBeforeThird = store.hits.get();
        var third = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(store.hits.get()).isEqualTo(hitsBeforeThird);
        assertThat(hitsAfterSecond).isEqualTo(2);
        assertThat(everything(third)).isEqualTo(everything(new ChangelogReader().read(source,
                ChangelogOptions.DEFAULT)));
        assertThat(third.changeSets().get(1).ops().toString()).contains("t2").doesNotContain("t1");
    }

    private Path copy(String fixture) throws IOException {
        var from = ChangelogFixtures.dir(fixture);
        var to = tmp.resolve(fixture);
        try (Stream<Path> files = Files.walk(from)) {
            for (var file : files.toList()) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    @Test
    void whatMakesAFileDependOnOthersOrOnParametersIsFoundInEveryFormat() {
        assertThat(FileReuse.selfContained("<changeSet id=\"1\" author=\"a\"><column name=\"property_id\"/>"))
                .isTrue();
        assertThat(FileReuse.usesParameters("<changeSet id=\"1\" author=\"a\"><column name=\"property_id\"/>"))
                .isFalse();
        assertThat(FileReuse.selfContained("databaseChangeLog:\n  - changeSet:\n      id: 1\n")).isTrue();
        for (var text : List.of("<include file=\"x.xml\"/>", "<includeAll path=\"db/\"/>",
                "--liquibase formatted sql\n--Include file:x.sql\n", "<!DOCTYPE x [<!ENTITY e SYSTEM \"f\">]>",
                "<rollback changeSetId=\"1\" changeSetAuthor=\"a\"/>", "<removeChangeSetProperty change=\"x\"/>")) {
            assertThat(FileReuse.selfContained(text)).as(text).isFalse();
        }
        for (var text : List.of("<property name=\"t\" value=\"u\"/>", "<db:property name=\"t\" value=\"u\"/>",
                "databaseChangeLog:\n  - property:\n      name: t\n", "{\"property\": {\"name\": \"t\"}}",
                "--liquibase formatted sql\n--PROPERTY name:t value:u\n", "<createTable tableName=\"${prefix}_t\"/>")) {
            assertThat(FileReuse.usesParameters(text)).as(text).isTrue();
        }
    }

    @Test
    void realChecksumsOfRebuiltChangesetsComeFromParsingTheirFileEvenUnderAnotherLogicalPath() throws IOException {
        var root = tmp.resolve("logical");
        Files.createDirectories(root);
        var leaf = """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <changeSet id="1" author="a"%s>
                    <createTable tableName="%s"><column name="id" type="int"/></createTable>
                  </changeSet>
                </databaseChangeLog>
                """;
        Files.writeString(root.resolve("plain.xml"), leaf.formatted("", "p"));
        Files.writeString(root.resolve("moved.xml"), leaf.formatted(" logicalFilePath=\"old/place.xml\"", "m"));
        Files.writeString(root.resolve("master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <include file="plain.xml" relativeToChangelogFile="true"/>
                  <include file="moved.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        var source = ChangelogSource.of(root, "master.xml", "m");
        var store = new MemoryStore();
        var reader = new ChangelogReader().withParsedFiles(store);
        reader.read(source, ChangelogOptions.DEFAULT);
        var rebuilt = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(store.hits).hasValue(2);
        var parsed = new ChangelogReader().read(source, ChangelogOptions.DEFAULT);

        // each checksum is computed on demand by reading again: plain.xml is parsed for its own; for the moved
        // changeset the file asked for (old/place.xml) is not the one that declares it, which is found out
        assertThat(rebuilt.changeSets()).extracting(ChangeSetRef::filePath).containsExactly("plain.xml",
                "old/place.xml");
        assertThat(rebuilt.changeSets().stream().map(ParsedFileReuseTest::computed).toList())
                .isEqualTo(parsed.changeSets().stream().map(ParsedFileReuseTest::computed).toList())
                .allMatch(c -> c.startsWith("9:"));
    }
}
