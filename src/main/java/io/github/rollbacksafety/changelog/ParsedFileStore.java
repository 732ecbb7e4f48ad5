package io.github.rollbacksafety.changelog;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@link ChangelogReader} keeps parsed changelog files across reads and builds (e.g.
 * {@code cache.ChangelogFileCache} on disk). Keys are computed by the reader from the file's name, its bytes and
 * the read options; a store adds what else decides the meaning (plugin version, format). Implementations must be
 * safe for concurrent use and must never return an entry stored under another key.
 */
public interface ParsedFileStore {

    Optional<ParsedFile> load(String key);

    void store(String key, ParsedFile file);

    /**
     * Claims the parse of {@code key} for the calling read, so that concurrent reads of the same file (the previous
     * and the current changelog read at once, parallel modules) parse it once: empty when the caller is to parse it
     * (and must then call {@link #done}), else the result another read will publish (empty when it could not keep
     * the file). By default nothing is shared.
     */
    default Optional<CompletableFuture<Optional<ParsedFile>>> claim(String key) {
        return Optional.empty();
    }

    /** Publishes the claimed parse of {@code key}: the file when it was kept, else empty. */
    default void done(String key, Optional<ParsedFile> file) {
    }

    /**
     * A changeset's real checksum kept by {@link #storeChecksum}: the reader's key names the changeset, the
     * fingerprint of its source text and the read options (a released changeset edited in the current changelog
     * needs both versions' real checksums, which otherwise cost a read of each changelog in every build). Nothing is
     * kept by default.
     */
    default Optional<String> checksum(String key) {
        return Optional.empty();
    }

    /** Keeps a computed real checksum under the reader's {@code key} (see {@link #checksum}). */
    default void storeChecksum(String key, String checksum) {
    }

    /** A whole read kept by {@link #storeRead} under the reader's {@code key} (master, roots, options). */
    default Optional<StoredRead> loadRead(String key) {
        return Optional.empty();
    }

    /** Keeps a whole read (see {@link StoredRead}); a later one under the same key replaces it. */
    default void storeRead(String key, StoredRead read) {
    }
}
