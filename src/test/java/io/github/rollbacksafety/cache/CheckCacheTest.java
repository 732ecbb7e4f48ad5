package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.report.ConsoleLine;

import io.github.rollbacksafety.bench.SyntheticProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCacheTest {

    @TempDir
    Path temp;

    private SyntheticProject project() throws IOException {
        return SyntheticProject.generate(temp.resolve("project"), 0.01, SyntheticProject.Format.XML);
    }

    @Test
    void usageCacheStoresEachArchiveOnceAndGivesTheSameCoverage() throws IOException {
        var project = project();
        var cacheDir = temp.resolve("cache");
        var fresh = new RollbackSafetyCheck().run(project.request());
        var first = new RollbackSafetyCheck().withUsageCache(cacheDir, "1.0").run(project.request());
        try (var files = Files.list(cacheDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(1);
        }
        var second = new RollbackSafetyCheck().withUsageCache(cacheDir, "1.0").run(project.request());

        assertThat(first.coverage()).isEqualTo(fresh.coverage());
        assertThat(second.coverage()).isEqualTo(fresh.coverage());
        assertThat(second.coverage().parsed()).isEqualTo(project.statements().size());
        assertThat(second.findings()).isEqualTo(fresh.findings());
    }

    @Test
    void corruptedUsageCacheEntryIsRecomputedAndRewritten() throws IOException {
        var project = project();
        var cacheDir = temp.resolve("cache");
        var expected = new RollbackSafetyCheck().withUsageCache(cacheDir, "1.0").run(project.request());
        Path entry;
        try (var files = Files.list(cacheDir)) {
            entry = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        var good = Files.readString(entry);
        Files.writeString(entry, good.substring(0, good.length() / 2));

        var again = new RollbackSafetyCheck().withUsageCache(cacheDir, "1.0").run(project.request());

        assertThat(again.coverage()).isEqualTo(expected.coverage());
        assertThat(Files.readString(entry)).isEqualTo(good);
    }

    @Test
    void anotherPluginVersionDoesNotReuseTheEntry() throws IOException {
        var project = project();
        var cacheDir = temp.resolve("cache");
        new RollbackSafetyCheck().withUsageCache(cacheDir, "1.0").run(project.request());
        new RollbackSafetyCheck().withUsageCache(cacheDir, "1.1").run(project.request());
        try (var files = Files.list(cacheDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(2);
        }
    }

    @Test
    void unchangedInputsHitTheCheckCache() throws IOException {
        var project = project();
        var reports = temp.resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("report.json"), "{}");
        var cache = new CheckCache(reports);
        var key = InputFingerprint.of(project.request()).text("config", "failOn=BREAKING").hex();
        var lines = List.of(new ConsoleLine(ConsoleLine.Level.ERROR, "1 breaking change"),
                new ConsoleLine(ConsoleLine.Level.WARN, "1 risky change"));
        cache.store(new CheckCache.Entry(key, Verdict.FAIL, lines, List.of("report.json")));

        var hit = new CheckCache(reports).lookup(InputFingerprint.of(project.request())
                .text("config", "failOn=BREAKING").hex());

        assertThat(hit).map(CheckCache.Entry::verdict).contains(Verdict.FAIL);
        assertThat(hit.get().consoleLines()).isEqualTo(lines);
    }

    @Test
    void changedChangelogConfigurationOrMissingReportIsAMiss() throws IOException {
        var project = project();
        var reports = temp.resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("report.json"), "{}");
        var cache = new CheckCache(reports);
        var key = InputFingerprint.of(project.request()).text("config", "a").hex();
        cache.store(new CheckCache.Entry(key, Verdict.PASS, List.of(), List.of("report.json")));

        assertThat(cache.lookup(InputFingerprint.of(project.request()).text("config", "b").hex())).isEmpty();
        var part = project.currentRoot().resolve("db/changelog/part-0000.xml");
        Files.writeString(part, Files.readString(part).replace("cs-1\"", "cs-1b\""));
        assertThat(cache.lookup(InputFingerprint.of(project.request()).text("config", "a").hex())).isEmpty();
        assertThat(cache.lookup(key)).isPresent();
        Files.delete(reports.resolve("report.json"));
        assertThat(cache.lookup(key)).isEmpty();
    }

    @Test
    void holdsAnEntryOnlyOnceAnOutcomeIsStoredAndUntilItIsCleared() throws IOException {
        var reports = temp.resolve("reports");
        var cache = new CheckCache(reports);
        assertThat(cache.holdsEntry()).isFalse();

        cache.store(new CheckCache.Entry("abc", Verdict.PASS, List.of(), List.of()));
        assertThat(cache.holdsEntry()).isTrue();
        assertThat(cache.lookup("abc")).isPresent();

        cache.clear();
        assertThat(cache.holdsEntry()).isFalse();
        assertThat(cache.lookup("abc")).isEmpty();
    }

    @Test
    void corruptedCheckCacheIsAMiss() throws IOException {
        var reports = temp.resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve(CheckCache.FILE_NAME), "{\"fingerprint\": \"abc\", \"verdict\": ");
        assertThat(new CheckCache(reports).lookup("abc")).isEmpty();
    }
}
