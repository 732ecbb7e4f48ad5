package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.AtomicFile;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.engine.Coverage;

import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The previous release's extracted usage, per query source, on disk: a released artifact never changes, so its
 * queries are parsed once per plugin version. Entries are keyed by the source's
 * {@link io.github.rollbacksafety.query.QuerySource#cacheKey()} (which includes the artifact's SHA-256) and the
 * plugin version, stored as JSON, written atomically (temporary file, then move). An entry that cannot be read,
 * or whose key differs, is ignored and recomputed: a cache never changes a result.
 */
public final class UsageCache {

    /** Bumped when the stored shape or the extraction changes meaning. */
    private static final String FORMAT = "usage-3";

    private final Path directory;
    private final String pluginVersion;

    public UsageCache(Path directory, String pluginVersion) {
        this.directory = directory;
        this.pluginVersion = pluginVersion;
    }

    /** What one source yielded. */
    public record Entry(String key, List<QueryUsage> usages, List<QueryCollector.Unparsed> unparsed,
                        List<String> warnings, Map<QuerySourceKind, Coverage.Counts> counts,
                        List<QueryCollector.Excluded> excluded) {
        public Entry {
            excluded = excluded == null ? List.of() : List.copyOf(excluded);
            usages = List.copyOf(usages);
            unparsed = List.copyOf(unparsed);
            warnings = List.copyOf(warnings);
            counts = Map.copyOf(counts);
        }
    }

    /** The full key of a source: its own key, the plugin version and the stored format. */
    public String keyOf(String sourceKey) {
        return FORMAT + "|" + pluginVersion + "|" + sourceKey;
    }

    public Optional<Entry> load(String key) {
        var file = directory.resolve(fileName(key));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var entry = CheckCache.json().readValue(file.toFile(), Entry.class);
            return key.equals(entry.key()) ? Optional.of(entry) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // corrupted or truncated: parse again, the store overwrites it
        }
    }

    public void store(Entry entry) {
        writeAtomically(directory, fileName(entry.key()), entry);
    }

    private static String fileName(String key) {
        return Sha256.hex(key) + ".json";
    }

    /** Writes {@code value} as JSON to {@code dir/name} through a temporary file; failures are ignored. */
    static void writeAtomically(Path dir, String name, Object value) {
        try {
            AtomicFile.write(dir.resolve(name), CheckCache.json().writeValueAsBytes(value));
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next run time
        }
    }
}
