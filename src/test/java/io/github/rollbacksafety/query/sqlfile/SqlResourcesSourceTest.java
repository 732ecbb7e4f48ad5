package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.SqlUsageExtractor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SqlResourcesSourceTest {

    private static final String QUERIES = "-- app queries\nSELECT id FROM orders;\n\nDELETE FROM carts\n WHERE id = ?;\n";

    @TempDir
    Path dir;

    /** The resources of a release, as classpath path -> content. */
    private static Map<String, byte[]> resources() {
        var r = new LinkedHashMap<String, byte[]>();
        r.put("sql/queries.sql", QUERIES.getBytes(StandardCharsets.UTF_8));
        r.put("db/changelog/001-init.sql", "CREATE TABLE orders (id int);".getBytes(StandardCharsets.UTF_8));
        r.put("migrations/master.sql", "SELECT 'listed in the changelog' FROM x;".getBytes(StandardCharsets.UTF_8));
        r.put("other/formatted.sql", "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);"
                .getBytes(StandardCharsets.UTF_8));
        r.put("com/acme/Foo.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        return r;
    }

    private Path archive(String name, String classesPrefix, Map<String, byte[]> extraEntries) throws IOException {
        var file = dir.resolve(name);
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : resources().entrySet()) {
                put(zip, classesPrefix + e.getKey(), e.getValue());
            }
            for (var e : extraEntries.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static QueryCollector collect(Path root) {
        var collector = new QueryCollector();
        new SqlResourcesSource(root, Set.of("classpath:/migrations/master.sql"), "db/changelog").collect(collector);
        return collector;
    }

    private static List<String> locations(QueryCollector collector) {
        return collector.sql().stream().map(q -> q.location().toString()).toList();
    }

    @Test
    void emptyChangelogFolderSkipsOnlyTheChangelogFilesAndStaysCacheable() throws IOException {
        var jar = archive("root-master.jar", "", Map.of());
        var withEmptyFolder = new SqlResourcesSource(jar, Set.of("migrations/master.sql"), "");
        var withPredicate = new SqlResourcesSource(jar, Set.of("migrations/master.sql"), path -> false);
        var fromEmptyFolder = new QueryCollector();
        var fromPredicate = new QueryCollector();

        withEmptyFolder.collect(fromEmptyFolder);
        withPredicate.collect(fromPredicate);

        // not skipped as a changelog file: read, and left out as the DDL script it is
        assertThat(fromEmptyFolder.excluded()).extracting(QueryCollector.Excluded::file)
                .contains("db/changelog/001-init.sql");
        assertThat(locations(fromEmptyFolder)).containsExactlyElementsOf(locations(fromPredicate));
        assertThat(withEmptyFolder.cacheKey()).isPresent();
        assertThat(withPredicate.cacheKey()).isEmpty();
    }

    @Test
    void readsPlainJarSkippingChangelogFiles() throws IOException {
        var collector = collect(archive("app.jar", "", Map.of()));
        assertThat(locations(collector)).containsExactly("sql/queries.sql:2", "sql/queries.sql:4");
        assertThat(collector.sql()).extracting(Query::sql).containsExactly("SELECT id FROM orders",
                "DELETE FROM carts\n WHERE id = ?");
        assertThat(collector.sql()).allSatisfy(q -> assertThat(q.kind()).isEqualTo(QuerySourceKind.SQL_RESOURCE));
        assertThat(collector.warnings()).isEmpty();
    }

    @Test
    void readsSpringBootJarClassesOnly() throws IOException {
        var collector = collect(archive("app-boot.jar", "BOOT-INF/classes/", Map.of(
                "BOOT-INF/lib/dep.jar", new byte[] {1, 2, 3},
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(locations(collector)).containsExactly("sql/queries.sql:2", "sql/queries.sql:4");
    }

    @Test
    void readsWarClassesButNotWebContent() throws IOException {
        var collector = collect(archive("app.war", "WEB-INF/classes/", Map.of(
                "WEB-INF/lib/dep.jar", new byte[] {1, 2, 3},
                "static/readme.sql", "SELECT secret FROM web;".getBytes(StandardCharsets.UTF_8))));
        assertThat(locations(collector)).containsExactly("sql/queries.sql:2", "sql/queries.sql:4");
    }

    @Test
    void skipsZipSlipNamesAndOversizedEntriesWithWarnings() throws IOException {
        var file = archive("evil.jar", "", Map.of(
                "../../evil.sql", "DROP TABLE orders;".getBytes(StandardCharsets.UTF_8)));
        // a highly compressible entry larger than the cap: a few kB in the archive, 17 MB inflated
        try (var zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("bomb.jar")))) {
            put(zip, "sql/queries.sql", QUERIES.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("sql/huge.sql"));
            writeSpaces(zip, SqlResourcesSource.MAX_ENTRY_BYTES + 1024);
            zip.closeEntry();
        }
        var evil = collect(file);
        assertThat(locations(evil)).containsExactly("sql/queries.sql:2", "sql/queries.sql:4");
        assertThat(evil.warnings()).singleElement().asString().contains("../../evil.sql", "unsafe");
        var bomb = collect(dir.resolve("bomb.jar"));
        assertThat(locations(bomb)).containsExactly("sql/queries.sql:2", "sql/queries.sql:4");
        assertThat(bomb.warnings()).singleElement().asString().contains("sql/huge.sql", "larger than");
        assertThat(Files.list(dir)).allSatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".jar"));
    }

    private static void writeSpaces(OutputStream out, int count) throws IOException {
        var chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int written = 0; written < count; written += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, count - written));
        }
    }

    @Test
    void readsResourceDirectory() throws IOException {
        for (var e : resources().entrySet()) {
            var file = dir.resolve("classes").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        Files.write(dir.resolve("classes/sql/binary.sql"), new byte[] {'S', 0, 0, 1});
        var collector = collect(dir.resolve("classes"));
        assertThat(locations(collector)).containsExactly("sql/queries.sql:2", "sql/queries.sql:4");
        assertThat(collector.warnings()).singleElement().asString().contains("sql/binary.sql", "binary");
    }

    @Test
    void brokenArchiveOrMissingRootIsAWarning() throws IOException {
        Files.write(dir.resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));
        assertThat(collect(dir.resolve("broken.jar")).warnings()).singleElement().asString().contains("cannot read");
        assertThat(collect(dir.resolve("absent.jar")).warnings()).singleElement().asString().contains("does not exist");
    }

    @Test
    void extractedStatementsOfAJarParse() throws Exception {
        var collector = collect(archive("app.jar", "", Map.of()));
        var extractor = new SqlUsageExtractor();
        assertThat(extractor.extract(collector.sql().get(1)).tables())
                .containsExactly(new QueryUsage.TableUse("carts", true));
    }
}
