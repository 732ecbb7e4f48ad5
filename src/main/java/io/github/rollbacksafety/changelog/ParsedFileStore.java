package io.github.rollbacksafety.changelog;

import java.util.Optional;

/**
 * Where {@link ChangelogReader} keeps parsed changelog files across reads and builds (e.g.
 * {@code cache.ChangelogFileCache} on disk). Keys are computed by the reader from the file's name, its bytes and
 * the read options; a store adds what else decides the meaning (plugin version, format). Implementations must be
 * safe for concurrent use and must never return an entry stored under another key.
 */
public interface ParsedFileStore {

    Optional<ParsedFile> load(String key);

    void store(String key, ParsedFile file);
}
