package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogReader;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.changelog.ParsedFile;
import io.github.rollbacksafety.changelog.Precondition;
import io.github.rollbacksafety.changelog.StoredChangeSet;
import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogFileCacheTest {

    @TempDir
    Path dir;

    /** A parsed file with {@code count} changesets. */
    private static ParsedFile file(int count) {
        var changeSets = IntStream.range(0, count).mapToObj(i -> new ParsedFile.ChangeSet("id-" + i, "a",
                "db/f.xml", null, false, i % 2 == 0, new ParsedFile.Context(i % 3 == 0 ? null : "test"), null, null,
                null, true, null, "", false, null, null, null, List.of(),
                Optional.of(new Precondition.Guard(new Precondition.TableExists("t" + i),
                        Precondition.OnFail.MARK_RAN)),
                List.<SchemaOp>of(new SchemaOp.DropTable("t" + i)), List.of("note " + i), i % 2 == 0 ? null : "9:x" + i)).toList();
        return new ParsedFile("db/f.xml", null, new ParsedFile.Context(null), null, List.of(), changeSets,
                List.of(new ParsedFile.Skipped("s", "a", "db/f.xml", "h2")),
                List.of(new ParsedFile.Parameter("now", "now()", null, null, "postgresql", true)), "global:now=now()");
    }

    private static List<StoredChangeSet> read(ChangelogReader reader, ChangelogSource source) {
        return reader.read(source, ChangelogOptions.DEFAULT).changeSets().stream().map(StoredChangeSet::of).toList();
    }

    @Test
    void storedFileIsServedForItsKeyOnly() {
        var cache = new ChangelogFileCache(dir, "1.0");
        var file = file(3);
        cache.store("k", file);

        assertThat(cache.load("k")).contains(file);
        assertThat(cache.load("other")).isEmpty();
        assertThat(new ChangelogFileCache(dir, "1.1").load("k")).isEmpty(); // another plugin version
    }

    @Test
    void schemaQualifiedNamesAndViewWritesReadBackEqual() {
        var ops = List.<SchemaOp>of(new SchemaOp.CreateTable("app.\"Orders\"", List.of()),
                new SchemaOp.CreateView("archive.orders", true, "select ...", List.of("id", "status"),
                        Optional.of(io.github.rollbacksafety.schema.ViewWrites.updatable("archive.orders_v2",
                                java.util.Map.of("status", "a CASE expression")))),
                new SchemaOp.CreateView("v", false, "select ...", List.of(),
                        Optional.of(io.github.rollbacksafety.schema.ViewWrites.readOnly("joins several tables"))));
        var file = new ParsedFile("db/f.xml", null, new ParsedFile.Context(null), null, List.of(), List.of(
                new ParsedFile.ChangeSet("1", "a", "db/f.xml", null, false, false, new ParsedFile.Context(null), null,
                        null, null, true, null, "", false, null, null, null, List.of(), Optional.empty(), ops,
                        List.of(), null)), List.of(), List.of(), null);
        var cache = new ChangelogFileCache(dir, "1.0");
        cache.store("k", file);

        assertThat(cache.load("k")).contains(file);
    }

    @Test
    void corruptedOrTruncatedEntriesAreMissesAndAreWrittenAgain() throws Exception {
        var cache = new ChangelogFileCache(dir, "1.0");
        cache.store("k", file(5));
        var entry = onlyEntry();
        var bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(cache.load("k")).isEmpty();
        Files.writeString(entry, "not gzip at all");
        assertThat(cache.load("k")).isEmpty();

        cache.store("k", file(5));
        assertThat(cache.load("k")).contains(file(5));
    }

    @Test
    void readerWithTheCacheReadsTheSameAsWithoutAndSurvivesCorruptEntries() throws Exception {
        var source = ChangelogSource.of(ReleaseCacheTest.fixture("project"), "db/changelog/db.changelog-master.xml", "p");
        var expected = read(new ChangelogReader(), source);
        var reader = new ChangelogReader().withParsedFiles(new ChangelogFileCache(dir, "1.0"));

        assertThat(read(reader, source)).isEqualTo(expected);
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(p -> p.getFileName().toString().startsWith("changelog-file-")).toList();
        }
        assertThat(entries).hasSize(4); // r1.yaml and the three scripts
        assertThat(read(reader, source)).isEqualTo(expected);

        for (var entry : entries) {
            Files.writeString(entry, "{\"key\":");
        }
        assertThat(read(reader, source)).isEqualTo(expected);
        assertThat(read(reader, source)).isEqualTo(expected);
        assertThat(read(reader, source)).extracting(StoredChangeSet::id).contains("r1-1", "s1");
    }

    @Test
    void concurrentWritersAndReadersSeeAWholeEntryOrNone() throws Exception {
        var cache = new ChangelogFileCache(dir, "1.0");
        var small = file(1);
        var large = file(2_000);
        cache.store("same", small);
        var seen = ReleaseCacheTest.storeWhileLoading(20, () -> cache.store("same", small),
                () -> cache.store("same", large), () -> cache.load("same").map(f -> (Object) f).orElse("miss"));
        // an entry is replaced atomically: a reader never meets a missing, partial or mixed one
        assertThat(seen).hasSize(80).allMatch(o -> o.equals(small) || o.equals(large));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void readsSharingOneCacheFromManyThreadsAllReadTheSame() throws Exception {
        var source = ChangelogSource.of(ReleaseCacheTest.fixture("project"), "db/changelog/db.changelog-master.xml", "p");
        var expected = read(new ChangelogReader(), source);
        var reader = new ChangelogReader().withParsedFiles(new ChangelogFileCache(dir, "1.0"));
        var pool = Executors.newFixedThreadPool(4);
        var results = new ArrayList<java.util.concurrent.Future<List<StoredChangeSet>>>();
        for (int i = 0; i < 12; i++) {
            results.add(pool.submit(() -> read(reader, source)));
        }
        pool.shutdown();
        for (var r : results) {
            assertThat(r.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
        }
    }

    private Path onlyEntry() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            var all = files.filter(p -> p.getFileName().toString().endsWith(".bin.gz")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }


    @Test
    void aFileBeingParsedIsClaimedOnceAndItsResultGoesToWhoeverWaits() throws Exception {
        var cache = new ChangelogFileCache(dir, "1.0");
        var file = file(2);

        assertThat(cache.claim("k")).isEmpty(); // this read parses it
        var waiting = cache.claim("k").orElseThrow(); // another read waits for that parse
        assertThat(waiting).isNotDone();
        cache.done("k", Optional.of(file));

        assertThat(waiting.get(1, TimeUnit.SECONDS)).contains(file);
        assertThat(cache.load("k")).contains(file); // and later reads in this JVM find it at once
        assertThat(cache.claim("k")).isEmpty();
        cache.done("k", Optional.empty());
        assertThat(new ChangelogFileCache(dir.resolve("elsewhere"), "1.0").load("k")).isEmpty();
    }

    @Test
    void twoChangelogsSharingFilesReadAtOnceReadAsParsed() throws Exception {
        var released = ChangelogSource.of(ReleaseCacheTest.fixture("checksums/released"), "db/changelog/master.xml",
                "r");
        var current = ChangelogSource.of(ReleaseCacheTest.fixture("checksums/current"), "db/changelog/master.xml",
                "c");
        var project = ChangelogSource.of(ReleaseCacheTest.fixture("project"), "db/changelog/db.changelog-master.xml",
                "p");
        var sources = List.of(released, current, project, project, released, current);
        var expected = sources.stream().map(s -> read(new ChangelogReader(), s)).toList();
        for (int round = 0; round < 3; round++) {
            var reader = new ChangelogReader().withParsedFiles(new ChangelogFileCache(dir.resolve("r" + round), "1"));
            var pool = Executors.newFixedThreadPool(sources.size());
            var start = new java.util.concurrent.CountDownLatch(1);
            var results = new ArrayList<java.util.concurrent.Future<List<StoredChangeSet>>>();
            for (var source : sources) {
                results.add(pool.submit(() -> {
                    start.await();
                    return read(reader, source);
                }));
            }
            start.countDown();
            pool.shutdown();
            for (int i = 0; i < sources.size(); i++) {
                assertThat(results.get(i).get(2, TimeUnit.MINUTES)).isEqualTo(expected.get(i));
            }
        }
    }
}
