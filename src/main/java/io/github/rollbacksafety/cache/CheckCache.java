package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.report.ConsoleLine;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Skips a check whose inputs did not change since the last run: the {@link InputFingerprint} of the inputs and
 * the outcome (verdict, console lines, report files) are stored in the report directory. On a hit the reports
 * from that run are still there; the caller shows the stored lines and the verdict instead of checking again.
 * A missing, unreadable or corrupted entry, or a deleted report, is simply a miss. Writes are atomic.
 *
 * <pre>
 * var cache = new CheckCache(reportDirectory);
 * var key = InputFingerprint.of(request).path(queryFile).text("config", mojoSettings).hex();
 * var hit = cache.lookup(key);
 * if (hit.isPresent()) { ... replay hit.get().consoleLines(), fail if hit.get().verdict() == FAIL ... }
 * else { run, write reports, then cache.store(new CheckCache.Entry(key, verdict, lines, reportFileNames)); }
 * </pre>
 */
public final class CheckCache {

    /** The file in the report directory holding the last run's fingerprint and outcome. */
    public static final String FILE_NAME = "check-cache.json";

    private final Path reportDirectory;

    public CheckCache(Path reportDirectory) {
        this.reportDirectory = reportDirectory;
    }

    /**
     * The last run's outcome.
     *
     * @param fingerprint  {@link InputFingerprint#hex()} of its inputs
     * @param verdict      its verdict
     * @param consoleLines what it printed, at the level it printed each line, to print again
     * @param reportFiles  names of the report files it wrote in the report directory
     */
    public record Entry(String fingerprint, Verdict verdict, List<ConsoleLine> consoleLines,
                        List<String> reportFiles) {
        public Entry {
            consoleLines = List.copyOf(consoleLines);
            reportFiles = List.copyOf(reportFiles);
        }
    }

    /**
     * Whether an outcome is stored at all: without one no fingerprint can hit, and the caller need not compute one
     * before the check (only to store it after).
     */
    public boolean holdsEntry() {
        return Files.isRegularFile(reportDirectory.resolve(FILE_NAME));
    }

    /** The stored outcome when its fingerprint equals {@code fingerprint} and all its reports still exist. */
    public Optional<Entry> lookup(String fingerprint) {
        var file = reportDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var entry = json().readValue(file.toFile(), Entry.class);
            if (entry.fingerprint() == null || entry.verdict() == null || !entry.fingerprint().equals(fingerprint)) {
                return Optional.empty();
            }
            for (var report : entry.reportFiles()) {
                var path = reportDirectory.resolve(report).normalize();
                if (!path.startsWith(reportDirectory.normalize()) || !Files.isRegularFile(path)) {
                    return Optional.empty();
                }
            }
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // corrupted or from another version: check again
        }
    }

    /** Stores the outcome of a run that just wrote its reports. A failure to write only costs the next run time. */
    public void store(Entry entry) {
        UsageCache.writeAtomically(reportDirectory, FILE_NAME, entry);
    }

    /** Forgets the last run (e.g. before a run whose reports will be written afresh). */
    public void clear() {
        try {
            Files.deleteIfExists(reportDirectory.resolve(FILE_NAME));
        } catch (IOException e) {
            // a stale entry cannot match a different fingerprint anyway
        }
    }

    static ObjectMapper json() {
        return Json.MAPPER;
    }

    /** Created when first used, not when a check merely looks for a stored outcome: Jackson takes a fresh JVM 0.1 s. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
