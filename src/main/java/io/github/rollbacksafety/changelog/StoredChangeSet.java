package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ChangeSetRef} as plain values, for caching a released changelog across builds: everything the check
 * derived from Liquibase's parse, and the checksum as far as it is known (its value, or the fingerprint of the
 * changeset's source text that stands for it). {@link ChangelogReader#restore} turns it back into a changeset whose
 * missing checksum is computed, when asked, by reading the changelog again.
 *
 * @param checksum       the Liquibase checksum when known, else null
 * @param fingerprint    the SHA-256 of the changeset's source text when the read took one, else null
 * @param unknownBecause why the checksum cannot be computed at all, else null
 * @param variant        what tells twins apart ({@link ChangeSetRef#variant()})
 */
public record StoredChangeSet(String id, String author, String filePath, int line, String checksum,
                              String fingerprint, String unknownBecause, boolean runOnChange, boolean runAlways,
                              Set<String> validCheckSums, Optional<Precondition.Guard> guard, List<SchemaOp> ops,
                              List<String> notes, String variant) {

    public StoredChangeSet {
        validCheckSums = Set.copyOf(validCheckSums);
        ops = List.copyOf(ops);
        notes = List.copyOf(notes);
    }

    public static StoredChangeSet of(ChangeSetRef ref) {
        var state = ref.checksumState();
        return new StoredChangeSet(ref.id(), ref.author(), ref.filePath(), ref.line(),
                state.knownValue().orElse(null), state.fingerprint().orElse(null),
                state.unknownBecause().orElse(null), ref.runOnChange(), ref.runAlways(), ref.validCheckSums(),
                ref.guard(), ref.ops(), ref.notes(), ref.variant());
    }
}
