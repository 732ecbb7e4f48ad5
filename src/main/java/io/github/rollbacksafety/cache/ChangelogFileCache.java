package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.changelog.ParsedFile;
import io.github.rollbacksafety.changelog.ParsedFileStore;
import io.github.rollbacksafety.changelog.StoredRead;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parsed changelog files on disk ({@link ParsedFile}), so that a changelog file that did not change since the last
 * build, or since the previous release, is not parsed by Liquibase again. The reader's key (the file's name as
 * included, a SHA-256 of its bytes, the changelog options) is combined with the plugin version and a format version;
 * one entry per file ({@link RecordCodec}), in the same folder as the {@link ReleaseCache}.
 *
 * <p>Safe under {@code -T 4} and concurrent builds: entries are written to a temporary file and moved into place; an
 * entry that cannot be read, has another key or another shape is a miss (the file is parsed and stored again); an
 * entry that would not read back equal is not stored. Bounded with the release cache's folder: the first store of
 * an instance (one per check) evicts the least recently used entries of the folder beyond its size bound; a hit
 * refreshes an entry's time. Within one JVM, reads that meet the same file at once (the previous and the current
 * changelog are read concurrently; parallel modules) parse it once and share the result, and the last few hundred
 * files stay in memory.
 *
 * <p>It also keeps real checksums computed on demand ({@link #checksum}): a released changeset edited in the current
 * changelog needs the real checksums of both versions, keyed by its identity, the fingerprint of its text and the
 * options, so the next build comparing the same texts neither writes the release out of git nor parses its files.
 * And it keeps a whole read of a changelog ({@link StoredRead}, one per master, roots and options) when the bytes of
 * the files it opened decide it: a build whose changelog files are all unchanged takes it without calling Liquibase.
 */
public final class ChangelogFileCache implements ParsedFileStore {

    /** Bumped when the stored shape or what is derived changes meaning. */
    private static final String FORMAT = "changelog-file-2";
    private static final String PREFIX = "changelog-file-";
    private static final String SUFFIX = ".bin.gz";

    private final Path directory;
    private final String pluginVersion;
    private final long maxBytes;
    private final AtomicBoolean evicted = new AtomicBoolean();

    /** Parses under way in this JVM, by folder and full key: concurrent reads of one file share one parse. */
    private static final ConcurrentHashMap<String, CompletableFuture<Optional<ParsedFile>>> IN_FLIGHT =
            new ConcurrentHashMap<>();
    /** Files parsed lately in this JVM, by folder and full key (a few hundred; entries are small). */
    private static final Map<String, ParsedFile> RECENT = recentlyUsed(512);
    /** Real checksums kept lately in this JVM, by folder and full key. */
    private static final Map<String, String> RECENT_CHECKSUMS = recentlyUsed(4096);
    private static final String CHECKSUM_PREFIX = "changelog-checksum-";
    private static final String READ_PREFIX = "changelog-read-";

    /** A synchronized map that keeps the {@code max} entries used last. */
    private static <V> Map<String, V> recentlyUsed(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        });
    }

    public ChangelogFileCache(Path directory, String pluginVersion) {
        this(directory, pluginVersion, ReleaseCache.DEFAULT_MAX_BYTES);
    }

    public ChangelogFileCache(Path directory, String pluginVersion, long maxBytes) {
        this.directory = directory;
        this.pluginVersion = pluginVersion;
        this.maxBytes = maxBytes;
    }

    /** One stored file, with its full key. */
    record Entry(String key, ParsedFile file) {
    }

    @Override
    public Optional<ParsedFile> load(String key) {
        var fullKey = fullKey(key);
        var recent = RECENT.get(directory + "|" + fullKey);
        if (recent != null) {
            return Optional.of(recent);
        }
        return EntryFile.read(directory.resolve(fileName(fullKey)), Entry.class,
                entry -> fullKey.equals(entry.key()) && entry.file() != null).map(Entry::file);
    }

    @Override
    public void store(String key, ParsedFile file) {
        var entry = new Entry(fullKey(key), file);
        if (EntryFile.write(directory.resolve(fileName(entry.key())), entry)) {
            evictOnce();
        }
    }

    @Override
    public Optional<CompletableFuture<Optional<ParsedFile>>> claim(String key) {
        return Optional.ofNullable(IN_FLIGHT.putIfAbsent(directory + "|" + fullKey(key), new CompletableFuture<>()));
    }

    @Override
    public void done(String key, Optional<ParsedFile> file) {
        var memoryKey = directory + "|" + fullKey(key);
        file.ifPresent(f -> RECENT.put(memoryKey, f));
        var claim = IN_FLIGHT.remove(memoryKey);
        if (claim != null) {
            claim.complete(file);
        }
    }

    /** One kept real checksum, with its full key. */
    record ChecksumEntry(String key, String checksum) {
    }

    @Override
    public Optional<String> checksum(String key) {
        var fullKey = fullKey(key);
        var recent = RECENT_CHECKSUMS.get(directory + "|" + fullKey);
        if (recent != null) {
            return Optional.of(recent);
        }
        var stored = EntryFile.read(directory.resolve(CHECKSUM_PREFIX + Sha256.hex(fullKey) + SUFFIX),
                ChecksumEntry.class, entry -> fullKey.equals(entry.key()) && entry.checksum() != null)
                .map(ChecksumEntry::checksum);
        stored.ifPresent(checksum -> RECENT_CHECKSUMS.put(directory + "|" + fullKey, checksum));
        return stored;
    }

    @Override
    public void storeChecksum(String key, String checksum) {
        var entry = new ChecksumEntry(fullKey(key), checksum);
        if (EntryFile.write(directory.resolve(CHECKSUM_PREFIX + Sha256.hex(entry.key()) + SUFFIX), entry)) {
            RECENT_CHECKSUMS.put(directory + "|" + entry.key(), checksum);
            evictOnce();
        }
    }

    /** One kept whole read, with its full key. */
    record ReadEntry(String key, StoredRead read) {
    }

    @Override
    public Optional<StoredRead> loadRead(String key) {
        var fullKey = fullKey(key);
        return EntryFile.read(directory.resolve(READ_PREFIX + Sha256.hex(fullKey) + SUFFIX), ReadEntry.class,
                entry -> fullKey.equals(entry.key()) && entry.read() != null).map(ReadEntry::read);
    }

    @Override
    public void storeRead(String key, StoredRead read) {
        var entry = new ReadEntry(fullKey(key), read);
        if (EntryFile.write(directory.resolve(READ_PREFIX + Sha256.hex(entry.key()) + SUFFIX), entry)) {
            evictOnce();
        }
    }

    /** The folder is trimmed to its bound on the first store of this cache (a check), not on every one. */
    private void evictOnce() {
        if (evicted.compareAndSet(false, true)) {
            ReleaseCache.evict(directory, maxBytes);
        }
    }

    private String fullKey(String key) {
        return FORMAT + "|" + pluginVersion + "|" + key;
    }

    private static String fileName(String fullKey) {
        return PREFIX + Sha256.hex(fullKey) + SUFFIX;
    }
}
