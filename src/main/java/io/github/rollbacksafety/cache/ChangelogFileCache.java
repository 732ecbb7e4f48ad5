package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.AtomicFile;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.changelog.ParsedFile;
import io.github.rollbacksafety.changelog.ParsedFileStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parsed changelog files on disk ({@link ParsedFile}), so that a changelog file that did not change since the last
 * build, or since the previous release, is not parsed by Liquibase again. The reader's key (the file's name as
 * included, a SHA-256 of its bytes, the changelog options) is combined with the plugin version and a format version;
 * one gzipped JSON entry per file, in the same folder as the {@link ReleaseCache}.
 *
 * <p>Safe under {@code -T 4} and concurrent builds: entries are written to a temporary file and moved into place; an
 * entry that cannot be read, has another key or another shape is a miss (the file is parsed and stored again); an
 * entry that would not read back equal is not stored. Bounded with the release cache's folder: the first store of
 * an instance (one per check) evicts the least recently used entries of the folder beyond its size bound; a hit
 * refreshes an entry's time.
 */
public final class ChangelogFileCache implements ParsedFileStore {

    /** Bumped when the stored shape or what is derived changes meaning. */
    private static final String FORMAT = "changelog-file-2";
    private static final String PREFIX = "changelog-file-";
    private static final String SUFFIX = ".json.gz";

    private final Path directory;
    private final String pluginVersion;
    private final long maxBytes;
    private final AtomicBoolean evicted = new AtomicBoolean();

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
        var path = directory.resolve(fileName(fullKey));
        try {
            var entry = read(Files.newInputStream(path));
            if (!fullKey.equals(entry.key()) || entry.file() == null) {
                return Optional.empty();
            }
            try {
                Files.setLastModifiedTime(path, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // a read-only cache still serves; only its eviction order suffers
            }
            return Optional.of(entry.file());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, corrupted, truncated or of another shape: parse the file
        }
    }

    @Override
    public void store(String key, ParsedFile file) {
        var entry = new Entry(fullKey(key), file);
        byte[] bytes;
        try {
            var out = new ByteArrayOutputStream();
            try (var gzip = new GZIPOutputStream(out, 16 * 1024) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }) {
                ReleaseCache.json().writeValue(gzip, entry);
            }
            bytes = out.toByteArray();
            if (!read(new ByteArrayInputStream(bytes)).equals(entry)) {
                return; // a value JSON cannot carry: never serve something else than what was parsed
            }
            AtomicFile.write(directory.resolve(fileName(entry.key())), bytes);
        } catch (IOException | RuntimeException e) {
            return; // a cache that cannot be written only costs the next build time
        }
        if (evicted.compareAndSet(false, true)) {
            ReleaseCache.evict(directory, maxBytes);
        }
    }

    private String fullKey(String key) {
        return FORMAT + "|" + pluginVersion + "|" + key;
    }

    private static Entry read(InputStream in) throws IOException {
        try (var gzip = new GZIPInputStream(in, 16 * 1024)) {
            return ReleaseCache.json().readValue(gzip, Entry.class);
        }
    }

    private static String fileName(String fullKey) {
        return PREFIX + Sha256.hex(fullKey) + SUFFIX;
    }
}
