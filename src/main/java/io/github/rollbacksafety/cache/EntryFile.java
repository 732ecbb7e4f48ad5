package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.AtomicFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One keyed entry file of the cache folder, in {@link RecordCodec}'s form. An entry is written atomically and only
 * when it reads back equal (a cache never serves something other than what was stored); a file that is missing,
 * cannot be read, is of another shape or holds another key is a miss. A hit refreshes the file's time, which orders
 * the folder's eviction ({@link ReleaseCache#evict}).
 */
final class EntryFile {

    private EntryFile() {
    }

    /** The entry in {@code file} when it is a {@code type} and {@code holdsKey} accepts it; else empty. */
    static <E> Optional<E> read(Path file, Class<E> type, Predicate<E> holdsKey) {
        try (var in = Files.newInputStream(file)) {
            var entry = RecordCodec.decode(in, type);
            if (!holdsKey.test(entry)) {
                return Optional.empty();
            }
            touch(file);
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, corrupted, truncated or of another shape
        }
    }

    /** Writes {@code entry} into {@code file}; false when it was not (the next build computes it again). */
    static boolean write(Path file, Object entry) {
        try {
            var bytes = RecordCodec.encode(entry);
            if (!RecordCodec.decode(new ByteArrayInputStream(bytes), entry.getClass()).equals(entry)) {
                return false; // a value the codec cannot carry
            }
            AtomicFile.write(file, bytes);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // a cache that cannot be written only costs the next build time
        }
    }

    static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // a read-only cache still serves; only its eviction order suffers
        }
    }
}
