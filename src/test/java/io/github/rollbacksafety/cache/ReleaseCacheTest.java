package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.Changelog;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogReader;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.changelog.StoredChangeSet;
import io.github.rollbacksafety.engine.Coverage;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseCacheTest {

    @TempDir
    Path dir;

    /** A changelog fixture under {@code src/test/resources/changelog}. */
    static Path fixture(String name) {
        try {
            return Path.of(ReleaseCacheTest.class.getResource("/changelog/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Changelog read(String fixture, String master) {
        return new ChangelogReader().read(ChangelogSource.of(fixture(fixture), master, "1.0.0"),
                ChangelogOptions.DEFAULT);
    }

    /** The usage of a few statements, as the engine stores a source's yield. */
    private static UsageCache.Entry usage(String key, List<String> sql) {
        var extractor = new SqlUsageExtractor();
        var usages = new ArrayList<io.github.rollbacksafety.query.QueryUsage>();
        var unparsed = new ArrayList<QueryCollector.Unparsed>();
        for (var s : sql) {
            var query = new io.github.rollbacksafety.query.Query(s,
                    new io.github.rollbacksafety.query.SourceLocation("q.sql", 1, ""), QuerySourceKind.SQL_RESOURCE);
            try {
                usages.add(extractor.extract(query));
            } catch (UnparsableQueryException e) {
                unparsed.add(new QueryCollector.Unparsed(query, e.getMessage()));
            }
        }
        return new UsageCache.Entry(key, usages, unparsed, List.of("a warning"),
                Map.of(QuerySourceKind.SQL_RESOURCE, new Coverage.Counts(sql.size(), usages.size())),
                List.of(new QueryCollector.Excluded("sql/skipped.sql", "test data", 3)));
    }

    @ParameterizedTest
    @CsvSource({
        "translation, changes.xml",
        "formats/xml, db/changelog/master.xml",
        "formats/yaml, db/changelog/master.yaml",
        "formats/json, db/changelog/master.json",
        "formats/sql, db/changelog/master.sql",
        "project, db/changelog/db.changelog-master.xml",
        "checksums/released, db/changelog/master.xml",
    })
    void aChangelogComesBackAsTheSameChangeSetsWithTheSameChecksums(String fixture, String master) {
        var original = read(fixture, master);
        var cache = new ReleaseCache(dir, "1");
        var key = cache.keyOf("archive:abc", master, "", List.of("s1"));
        var entry = new ReleaseCache.Entry(key, original.changeSets().stream().map(StoredChangeSet::of).toList(),
                List.of(usage("s1", List.of("SELECT id, name FROM orders o JOIN lines l ON l.order_id = o.id",
                        "INSERT INTO orders VALUES (1, 'x')", "this is not sql"))));

        assertThat(cache.store(entry)).isTrue();
        var loaded = cache.load(key).orElseThrow();
        var restored = new ChangelogReader().restore(original.source(), ChangelogOptions.DEFAULT,
                loaded.changeSets(), () -> { });

        assertThat(loaded).isEqualTo(entry);
        assertThat(restored.changeSets()).isNotEmpty().isEqualTo(original.changeSets());
        // checksums the cache did not hold are computed by reading the changelog again, and agree
        assertThat(restored.changeSets().stream().map(ChangeSetRef::checksum).toList())
                .isEqualTo(original.changeSets().stream().map(ChangeSetRef::checksum).toList());
    }

    @Test
    void aMissingCorruptedOrForeignEntryIsAMissAndIsWrittenAgain() throws Exception {
        var cache = new ReleaseCache(dir, "1");
        var key = cache.keyOf("git:abc", "m.xml", "", List.of());
        var entry = new ReleaseCache.Entry(key, List.of(), List.of(usage("s", List.of("SELECT a FROM t"))));
        assertThat(cache.load(key)).isEmpty();
        assertThat(cache.store(entry)).isTrue();
        var file = entryFile();
        var bytes = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // torn by a crash
        assertThat(cache.load(key)).isEmpty();
        Files.writeString(file, "not gzip at all");
        assertThat(cache.load(key)).isEmpty();
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            // an entry of another shape: a changeset without the fields this version needs
            out.write(("{\"key\":\"" + key.replace("|", "|") + "\",\"changeSets\":[{\"id\":\"1\",\"author\":\"a\"}],"
                    + "\"sources\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(cache.load(key)).isEmpty();
        Files.write(file, bytes);
        var otherVersion = new ReleaseCache(dir, "2");
        assertThat(otherVersion.load(otherVersion.keyOf("git:abc", "m.xml", "", List.of()))).isEmpty();
        assertThat(cache.store(entry)).isTrue();
        assertThat(cache.load(key)).contains(entry);
    }

    private Path entryFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("release-")).findFirst().orElseThrow();
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesBeyondItsBound() throws Exception {
        var probe = new ReleaseCache(dir.resolve("probe"), "1");
        var sql = IntStream.range(0, 200).mapToObj(i -> "SELECT c" + i + " FROM t" + i + " WHERE id = " + i).toList();
        probe.store(new ReleaseCache.Entry(probe.keyOf("k", "", "", List.of()), List.of(), List.of(usage("s", sql))));
        long size;
        try (Stream<Path> files = Files.list(dir.resolve("probe"))) {
            size = Files.size(files.findFirst().orElseThrow());
        }
        // room for three entries
        var cache = new ReleaseCache(dir, "1", size * 3 + size / 2);
        var keys = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var key = cache.keyOf("k" + i, "", "", List.of());
            keys.add(key);
            assertThat(cache.store(new ReleaseCache.Entry(key, List.of(), List.of(usage("s", sql))))).isTrue();
            // distinct times, oldest first; the first entry is used again before the last two are stored
            try (Stream<Path> files = Files.list(dir)) {
                for (var f : files.toList()) {
                    if (Files.getLastModifiedTime(f).toMillis() > System.currentTimeMillis() - 1_000_000) {
                        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis()
                                - 10_000));
                    }
                }
            }
            if (i == 2) {
                assertThat(cache.load(keys.get(0))).isPresent();
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3);
        }
        assertThat(cache.load(keys.get(0))).as("used again, so kept").isPresent();
        assertThat(cache.load(keys.get(1))).isEmpty();
        assertThat(cache.load(keys.get(2))).isEmpty();
        assertThat(cache.load(keys.get(3))).isPresent();
        assertThat(cache.load(keys.get(4))).isPresent();
    }

    @Test
    void concurrentBuildsStoringAndReadingOneEntryNeverSeeAPartOfIt() throws Exception {
        var cache = new ReleaseCache(dir, "1");
        var key = cache.keyOf("git:same", "m", "", List.of());
        // two builds of the same release that found it differently sized (e.g. another plugin build), written
        // over each other while others read
        var small = new ReleaseCache.Entry(key, List.of(), List.of(usage("s", List.of("SELECT a FROM t"))));
        var large = new ReleaseCache.Entry(key, List.of(), List.of(usage("s", IntStream.range(0, 2_000)
                .mapToObj(i -> "SELECT c" + i + " FROM t WHERE x = " + i).toList())));
        assertThat(cache.store(small)).isTrue();
        var seen = storeWhileLoading(30, () -> cache.store(small), () -> cache.store(large),
                () -> cache.load(key).map(e -> (Object) e).orElse("miss"));
        assertThat(seen).hasSize(120).allMatch(o -> o.equals(small) || o.equals(large));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /**
     * Two writers store their value {@code rounds} times each while four readers load as often, all at once;
     * returns what the readers saw, and checks that no temporary file was left.
     */
    static List<Object> storeWhileLoading(int rounds, Runnable first, Runnable second, Supplier<Object> load)
            throws Exception {
        var pool = Executors.newFixedThreadPool(6);
        var start = new CountDownLatch(1);
        var seen = Collections.synchronizedList(new ArrayList<Object>());
        for (int t = 0; t < 6; t++) {
            int thread = t;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    if (thread == 0) {
                        first.run();
                    } else if (thread == 1) {
                        second.run();
                    } else {
                        seen.add(load.get());
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        return seen;
    }
}
