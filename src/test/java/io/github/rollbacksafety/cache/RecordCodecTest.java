package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogReader;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.changelog.ParsedFile;
import io.github.rollbacksafety.changelog.StoredChangeSet;
import io.github.rollbacksafety.engine.Coverage;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.SourceLocation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    private static <T> T roundTrip(Object value, Class<T> type) throws IOException {
        return RecordCodec.decode(new ByteArrayInputStream(RecordCodec.encode(value)), type);
    }

    @Test
    void realChangelogsAndUsageComeBackEqual() throws IOException {
        var changeSets = new java.util.ArrayList<StoredChangeSet>();
        for (var fixture : List.of("project:db/changelog/db.changelog-master.xml", "translation:changes.xml",
                "realworld:db/twins.xml", "formats/yaml:db/changelog/master.yaml")) {
            var parts = fixture.split(":");
            var source = ChangelogSource.of(ReleaseCacheTest.fixture(parts[0]), parts[1], "1");
            new ChangelogReader().read(source, ChangelogOptions.DEFAULT).changeSets()
                    .forEach(cs -> changeSets.add(StoredChangeSet.of(cs)));
        }
        var statements = List.of("SELECT a.x, b.y FROM t a JOIN u b ON a.id = b.t_id WHERE b.z = ?",
                "INSERT INTO t (x, y) VALUES (?, ?) ON CONFLICT (x) DO UPDATE SET y = excluded.y",
                "UPDATE u SET y = 1 WHERE id IN (SELECT t_id FROM t)", "DELETE FROM t WHERE x IS NULL",
                "SELECT nonsense FROM");
        var usages = new java.util.ArrayList<io.github.rollbacksafety.query.QueryUsage>();
        var unparsed = new java.util.ArrayList<QueryCollector.Unparsed>();
        for (int i = 0; i < statements.size(); i++) {
            var query = new Query(statements.get(i), new SourceLocation("q.sql", i + 1, "m" + i),
                    QuerySourceKind.QUERY_FILE);
            try {
                usages.add(new SqlUsageExtractor().extract(query));
            } catch (io.github.rollbacksafety.query.UnparsableQueryException e) {
                unparsed.add(new QueryCollector.Unparsed(query, e.getMessage()));
            }
        }
        var usage = new UsageCache.Entry("k", usages, unparsed, List.of("a warning"),
                Map.of(QuerySourceKind.QUERY_FILE, new Coverage.Counts(5, 4)),
                List.of(new QueryCollector.Excluded("V1__init.sql", "migration", 3)));
        var entry = new ReleaseCache.Entry("key", changeSets, List.of(usage));

        assertThat(changeSets).hasSizeGreaterThan(20);
        assertThat(changeSets).anyMatch(cs -> cs.guard().isPresent());
        assertThat(usages).hasSize(4);
        assertThat(roundTrip(entry, ReleaseCache.Entry.class)).isEqualTo(entry);
    }

    @Test
    void nullsLongStringsAndRepeatedStringsSurvive() throws IOException {
        var longText = "x".repeat(200_000) + "\u00e9\u4e2d";
        var file = new ParsedFile("f.xml", null, null, "QUOTE_ALL_OBJECTS", List.of(), List.of(
                new ParsedFile.ChangeSet(longText, "a", "f.xml", null, true, false, new ParsedFile.Context(null),
                        "h2, postgresql", null, null, false, null, null, true, "first", null, null,
                        List.of("9:abc"), java.util.Optional.empty(), List.of(), List.of(longText), "9:def")),
                List.of(), List.of(new ParsedFile.Parameter("k", longText, new ParsedFile.Context(null), "", null,
                false)), null);

        assertThat(roundTrip(file, ParsedFile.class)).isEqualTo(file);
    }

    @Test
    void anotherTypeAForeignClassOrAnyCorruptionFailsTheRead() throws IOException {
        var skipped = new ParsedFile.Skipped("1", "a", "f.xml", "h2");
        var bytes = RecordCodec.encode(skipped);

        assertThatThrownBy(() -> RecordCodec.decode(new ByteArrayInputStream(bytes), ParsedFile.class))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RecordCodec.decode(new ByteArrayInputStream(
                Arrays.copyOf(bytes, bytes.length / 2)), ParsedFile.Skipped.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RecordCodec.encode(new java.util.Date())).isInstanceOf(IOException.class);
        // a record written by a build whose record had other components (same class name, another signature)
        var plain = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
        var text = new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("java.lang.String author;");
        assertThat(at).isPositive();
        plain[at + "java.lang.String a".length()] = 'X';
        var out = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        assertThatThrownBy(() -> RecordCodec.decode(new ByteArrayInputStream(out.toByteArray()),
                ParsedFile.Skipped.class)).isInstanceOf(IOException.class).hasMessageContaining("other components");
    }
}
