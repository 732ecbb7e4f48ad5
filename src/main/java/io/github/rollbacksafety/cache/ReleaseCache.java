package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.AtomicFile;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.changelog.StoredChangeSet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the check derives from a previous release, on disk, so that a release is read once and then never
 * again: its parsed changelog (the changesets with their schema operations; the schema is replayed from them in
 * milliseconds) and the extracted usage of each of its query sources. A released artifact or a git tree never
 * changes, so an entry is keyed by what identifies it for good ({@code PreviousRelease.Content#key}: archive
 * SHA-256s or git tree ids), the master changelog, the changelog options, the query sources' keys, the plugin
 * version and a format version.
 *
 * <p>Safe to share between parallel modules ({@code -T 4}) and concurrent builds: an entry is written to a
 * temporary file and moved into place, so a reader sees a whole entry or none; an entry that cannot be read, or
 * whose key differs, is a miss and is written again; an entry that would not read back equal is not stored, so a
 * cache never changes a result. Bounded: after each store, the least recently used entries (a hit refreshes an
 * entry's time) are deleted until the folder holds at most {@link #DEFAULT_MAX_BYTES} (entries of other caches
 * in the folder count too). Entries are in {@link RecordCodec}'s gzipped binary form (JSON databinding cost a warm
 * build more than the rest of loading a release): a release of 1,000 changesets and a few thousand queries
 * takes well under a megabyte.
 */
public final class ReleaseCache {

    /** The folder's size bound: 256 MB, a few hundred releases of a large application. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    /** Bumped when the stored shape or what is derived changes meaning. */
    private static final String FORMAT = "release-2";
    private static final String PREFIX = "release-";
    private static final String SUFFIX = ".bin.gz";
    /** Temporary files older than this were left by a build that died while writing. */
    private static final long STALE_TEMP_MILLIS = 60L * 60 * 1000;


    private final Path directory;
    private final String pluginVersion;
    private final long maxBytes;

    public ReleaseCache(Path directory, String pluginVersion) {
        this(directory, pluginVersion, DEFAULT_MAX_BYTES);
    }

    public ReleaseCache(Path directory, String pluginVersion, long maxBytes) {
        this.directory = directory;
        this.pluginVersion = pluginVersion;
        this.maxBytes = maxBytes;
    }

    /**
     * What was derived from one release.
     *
     * @param key        {@link #keyOf} of the release
     * @param changeSets its changelog, in execution order
     * @param sources    the extracted usage of each of its cacheable query sources, keyed by the source's own key
     */
    public record Entry(String key, List<StoredChangeSet> changeSets, List<UsageCache.Entry> sources) {
        public Entry {
            changeSets = List.copyOf(changeSets);
            sources = List.copyOf(sources);
        }

        /** The stored usage of the source with cache key {@code sourceKey}. */
        public Optional<UsageCache.Entry> source(String sourceKey) {
            return sources.stream().filter(s -> s.key().equals(sourceKey)).findFirst();
        }
    }

    /**
     * The full key of a release.
     *
     * @param contentKey what identifies the release's files for good
     * @param master     its master changelog
     * @param options    the changelog options, in a canonical spelling
     * @param sourceKeys the cache keys of its query sources, in order
     */
    public String keyOf(String contentKey, String master, String options, List<String> sourceKeys) {
        return FORMAT + "|" + pluginVersion + "|" + contentKey + "|" + master + "|" + options + "|"
                + String.join("|", sourceKeys);
    }

    /** The directory entries live in. */
    public Path directory() {
        return directory;
    }

    public Optional<Entry> load(String key) {
        var file = directory.resolve(fileName(key));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var entry = read(Files.newInputStream(file));
            if (!key.equals(entry.key())) {
                return Optional.empty();
            }
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // a read-only cache still serves; only its eviction order suffers
            }
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // corrupted, truncated or from another format: read the release again
        }
    }

    /**
     * Stores an entry (atomically) and evicts old ones. Returns false, storing nothing, when the entry would not
     * read back equal (a value the stored form cannot carry): a cache must never change a result.
     */
    public boolean store(Entry entry) {
        byte[] bytes;
        try {
            bytes = RecordCodec.encode(entry);
            if (!read(new ByteArrayInputStream(bytes)).equals(entry)) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        try {
            AtomicFile.write(directory.resolve(fileName(entry.key())), bytes);
        } catch (IOException | RuntimeException e) {
            return false; // a cache that cannot be written only costs the next run time
        }
        evict();
        return true;
    }

    /** Deletes least recently used entries until the folder holds at most {@code maxBytes}; best effort. */
    void evict() {
        evict(directory, maxBytes);
    }

    /**
     * Deletes least recently used entries (of every cache in {@code directory}) until it holds at most
     * {@code maxBytes}, and temporary files left by builds that died; best effort.
     */
    static void evict(Path directory, long maxBytes) {
        record Item(Path path, long size, long time) {
        }
        var items = new ArrayList<Item>();
        long now = System.currentTimeMillis();
        try (Stream<Path> files = Files.list(directory)) {
            for (var path : (Iterable<Path>) files::iterator) {
                try {
                    var name = path.getFileName().toString();
                    long time = Files.getLastModifiedTime(path).toMillis();
                    if (name.endsWith(".tmp")) {
                        if (now - time > STALE_TEMP_MILLIS) {
                            Files.deleteIfExists(path);
                        }
                        continue;
                    }
                    if (Files.isRegularFile(path) && (name.endsWith(".gz") || name.endsWith(".json"))) {
                        items.add(new Item(path, Files.size(path), time));
                    }
                } catch (IOException e) {
                    // deleted meanwhile by a concurrent build: nothing to count
                }
            }
        } catch (IOException e) {
            return;
        }
        long total = items.stream().mapToLong(Item::size).sum();
        if (total <= maxBytes) {
            return;
        }
        items.sort(Comparator.comparingLong(Item::time));
        for (var item : items) {
            if (total <= maxBytes) {
                break;
            }
            try {
                Files.deleteIfExists(item.path());
            } catch (IOException e) {
                // in use elsewhere (Windows): try the next one
            }
            total -= item.size();
        }
    }

    private static Entry read(InputStream in) throws IOException {
        return RecordCodec.decode(in, Entry.class);
    }

    private static String fileName(String key) {
        return PREFIX + Sha256.hex(key) + SUFFIX;
    }
}
