package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.cache.ChangelogFileCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.rollbacksafety.changelog.ParsedFileReuseTest.POSTGRES;
import static io.github.rollbacksafety.changelog.ParsedFileReuseTest.everything;
import static org.assertj.core.api.Assertions.assertThat;

/** A changelog read kept whole ({@link StoredRead}) and taken again while every file it opened is unchanged. */
class WholeReadReuseTest {

    @TempDir
    Path tmp;

    /** Parsed files and whole reads in memory, counting what was served and stored. */
    static final class Store implements ParsedFileStore {
        final ParsedFileReuseTest.MemoryStore files = new ParsedFileReuseTest.MemoryStore();
        final Map<String, StoredRead> reads = new ConcurrentHashMap<>();
        final AtomicInteger readHits = new AtomicInteger();
        final AtomicInteger readStores = new AtomicInteger();

        @Override
        public Optional<ParsedFile> load(String key) {
            return files.load(key);
        }

        @Override
        public void store(String key, ParsedFile file) {
            files.store(key, file);
        }

        @Override
        public Optional<CompletableFuture<Optional<ParsedFile>>> claim(String key) {
            return files.claim(key);
        }

        @Override
        public Optional<StoredRead> loadRead(String key) {
            var read = Optional.ofNullable(reads.get(key));
            read.ifPresent(r -> readHits.incrementAndGet());
            return read;
        }

        @Override
        public void storeRead(String key, StoredRead read) {
            readStores.incrementAndGet();
            reads.put(key, read);
        }
    }

    private static final String LEAF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
              <changeSet id="%1$s" author="a">
                <createTable tableName="%1$s"><column name="id" type="int"/></createTable>
              </changeSet>
            </databaseChangeLog>
            """;

    private static final String INCLUDES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
            %s</databaseChangeLog>
            """;

    private static String includes(String... files) {
        var lines = new StringBuilder();
        for (var f : files) {
            lines.append("  <include file=\"").append(f).append("\" relativeToChangelogFile=\"true\"/>\n");
        }
        return INCLUDES.formatted(lines);
    }

    @Test
    void everyFixtureReadsTheSameFromAKeptReadAsParsed() {
        var sources = ParsedFileReuseTest.fixtures();
        var store = new Store();
        var reader = new ChangelogReader().withParsedFiles(store);
        for (var source : sources) {
            for (var options : List.of(ChangelogOptions.DEFAULT, POSTGRES)) {
                var parsed = everything(new ChangelogReader().read(source, options));
                assertThat(everything(reader.read(source, options))).isEqualTo(parsed);
                assertThat(everything(reader.read(source, options))).isEqualTo(parsed);
            }
        }
        // single-file changelogs are kept whole and taken again; the project (properties in its master, includeAll,
        // a file included twice) and the changelogs with sqlFile are not
        assertThat(store.readStores.get()).isGreaterThanOrEqualTo(4);
        assertThat(store.readHits.get()).isEqualTo(store.readStores.get());
        assertThat(store.reads.values()).noneMatch(r -> r.inputs().stream()
                .anyMatch(i -> i.location().endsWith("db.changelog-master.xml")));
    }

    @Test
    void aKeptReadIsTakenOnlyWhileEveryFileItOpenedHasTheSameBytes() throws IOException {
        var first = tmp.resolve("first");
        var second = tmp.resolve("second");
        Files.createDirectories(first.resolve("db/v1"));
        Files.createDirectories(second.resolve("db/v2"));
        Files.writeString(first.resolve("db/master.xml"), includes("v1/base.xml", "v2/base.xml"));
        Files.writeString(first.resolve("db/v1/base.xml"), includes("a.xml", "b.xml"));
        Files.writeString(first.resolve("db/v1/a.xml"), LEAF.formatted("a"));
        Files.writeString(first.resolve("db/v1/b.xml"), LEAF.formatted("b"));
        // a second root: v2 comes from it until the first root has a file of that name
        Files.writeString(second.resolve("db/v2/base.xml"), includes("c.xml"));
        Files.writeString(second.resolve("db/v2/c.xml"), LEAF.formatted("c"));
        var source = new ChangelogSource(List.of(first, second), "db/master.xml", "m");
        var store = new Store();
        var reader = new ChangelogReader().withParsedFiles(store);

        var parsed = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(parsed.changeSets()).extracting(ChangeSetRef::id).containsExactly("a", "b", "c");
        assertThat(store.readStores).hasValue(1);
        assertThat(store.reads.values().iterator().next().inputs()).extracting(StoredRead.Input::location)
                .containsExactly("db/master.xml", "db/v1/base.xml", "db/v1/a.xml", "db/v1/b.xml", "db/v2/base.xml",
                        "db/v2/c.xml");
        int fileHits = store.files.hits.get();

        // unchanged: taken whole, no file rebuilt or parsed
        var again = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(store.readHits).hasValue(1);
        assertThat(store.files.hits).hasValue(fileHits);
        assertThat(everything(again)).isEqualTo(everything(new ChangelogReader().read(source,
                ChangelogOptions.DEFAULT)));
        // other options are another read
        reader.read(source, POSTGRES);
        assertThat(store.readHits).hasValue(1);

        // an included file edited: read again (the others rebuilt), and kept anew
        Files.writeString(first.resolve("db/v1/b.xml"), LEAF.formatted("b2"));
        var edited = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(edited.changeSets()).extracting(ChangeSetRef::id).containsExactly("a", "b2", "c");
        assertThat(everything(edited)).isEqualTo(everything(new ChangelogReader().read(source,
                ChangelogOptions.DEFAULT)));

        // a file now found in the first root hides the second root's: read again
        Files.createDirectories(first.resolve("db/v2"));
        Files.writeString(first.resolve("db/v2/base.xml"), includes("d.xml"));
        Files.writeString(first.resolve("db/v2/d.xml"), LEAF.formatted("d"));
        var shadowed = reader.read(source, ChangelogOptions.DEFAULT);
        assertThat(shadowed.changeSets()).extracting(ChangeSetRef::id).containsExactly("a", "b2", "d");

        // a file gone: the read fails as without the store
        Files.delete(first.resolve("db/v1/a.xml"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(source, ChangelogOptions.DEFAULT))
                .hasMessageContaining("a.xml");
    }

    @Test
    void aReadThatDependsOnMoreThanTheBytesOfItsFilesIsNeverKept() throws IOException {
        var root = tmp.resolve("dep");
        Files.createDirectories(root.resolve("all"));
        Files.writeString(root.resolve("all/x.xml"), LEAF.formatted("x"));
        Files.writeString(root.resolve("data.sql"), "SELECT 1;\n");
        Files.writeString(root.resolve("sqlfile.xml"), LEAF.formatted("s").replace("</changeSet>",
                "</changeSet><changeSet id=\"2\" author=\"a\"><sqlFile path=\"data.sql\""
                        + " relativeToChangelogFile=\"true\"/></changeSet>"));
        Files.writeString(root.resolve("listing.xml"), INCLUDES.formatted(
                "  <includeAll path=\"all/\" relativeToChangelogFile=\"true\"/>\n"));
        Files.writeString(root.resolve("optional.xml"), INCLUDES.formatted(
                "  <include file=\"missing.xml\" relativeToChangelogFile=\"true\" errorIfMissing=\"false\"/>\n"
                        + "  <include file=\"all/x.xml\" relativeToChangelogFile=\"true\"/>\n"));
        var store = new Store();
        var reader = new ChangelogReader().withParsedFiles(store);
        for (var master : List.of("sqlfile.xml", "listing.xml", "optional.xml")) {
            var source = ChangelogSource.of(root, master, "m");
            reader.read(source, ChangelogOptions.DEFAULT);
            reader.read(source, ChangelogOptions.DEFAULT);
        }
        assertThat(store.readStores).hasValue(0);

        // the SQL file changes: the result follows it
        Files.writeString(root.resolve("data.sql"), "SELECT 2;\n");
        var source = ChangelogSource.of(root, "sqlfile.xml", "m");
        assertThat(everything(reader.read(source, ChangelogOptions.DEFAULT)))
                .isEqualTo(everything(new ChangelogReader().read(source, ChangelogOptions.DEFAULT)));
    }

    @Test
    void theFileCacheKeepsAWholeReadAcrossInstances() throws IOException {
        var root = tmp.resolve("disk");
        Files.createDirectories(root.resolve("db"));
        Files.writeString(root.resolve("db/master.xml"), includes("a.xml"));
        Files.writeString(root.resolve("db/a.xml"), LEAF.formatted("a"));
        var source = ChangelogSource.of(root, "db/master.xml", "m");
        var cache = tmp.resolve("cache");
        var first = new ChangelogReader().withParsedFiles(new ChangelogFileCache(cache, "t"))
                .read(source, ChangelogOptions.DEFAULT);
        var store = new ChangelogFileCache(cache, "t");
        assertThat(store.loadRead("read|db/master.xml|" + List.of(root) + "|{}|||")).isPresent();
        var second = new ChangelogReader().withParsedFiles(store).read(source, ChangelogOptions.DEFAULT);
        assertThat(everything(second)).isEqualTo(everything(first));
        assertThat(new ChangelogFileCache(cache, "other version").loadRead("read|db/master.xml|" + List.of(root)
                + "|{}|||")).isEmpty();
    }
}
