package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A changeset's Liquibase checksum, either known or computed on demand. Liquibase's checksums are costly (a
 * reflective serialisation of every change) and only tell whether a released changeset was modified, so the
 * reader records a cheap fingerprint of the changeset's source text instead: two versions whose fingerprints are
 * equal have equal checksums, and only when they differ are the real checksums computed, by reading the
 * changelog again ({@link Resolver}). Changesets whose source text does not decide their checksum (parameters,
 * external files, entities, YAML aliases) get their checksum when they are read.
 */
final class ChangeSetChecksum {

    /** Computes the real checksums of some changesets of one read, by key ({@link ChangeSetRef#key()}). */
    interface Resolver {
        Map<String, String> checksums(Set<String> keys);

        /**
         * The checksum an earlier read computed for the changeset {@code key} whose source text had
         * {@code fingerprint}: equal text means an equal checksum (the premise of {@link #sameWithoutComputing}), so
         * it is not computed again. Empty by default.
         */
        default Optional<String> remembered(String key, String fingerprint) {
            return Optional.empty();
        }

        /** Keeps a computed checksum for {@link #remembered}. Nothing by default. */
        default void remember(String key, String fingerprint, String checksum) {
        }
    }

    private final String key;
    private final Optional<String> fingerprint;
    private final Optional<Resolver> resolver;
    /** Why the checksum cannot be computed (a custom change class that cannot be loaded, a missing SQL file). */
    private final Optional<String> unknownBecause;
    // the checksum once known; written once, under this object's lock
    private volatile String value;

    private ChangeSetChecksum(String key, Optional<String> fingerprint, Optional<Resolver> resolver, String value) {
        this(key, fingerprint, resolver, value, Optional.empty());
    }

    private ChangeSetChecksum(String key, Optional<String> fingerprint, Optional<Resolver> resolver, String value,
                              Optional<String> unknownBecause) {
        this.key = key;
        this.fingerprint = fingerprint;
        this.resolver = resolver;
        this.value = value;
        this.unknownBecause = unknownBecause;
    }

    static ChangeSetChecksum known(String value) {
        return new ChangeSetChecksum("", Optional.empty(), Optional.empty(), value);
    }

    /**
     * A checksum the check cannot compute; {@code fingerprint}, when present, still tells whether the changeset's
     * text is the same in both versions.
     */
    static ChangeSetChecksum unknown(String reason, Optional<String> fingerprint) {
        return new ChangeSetChecksum("", fingerprint, Optional.empty(), null, Optional.of(reason));
    }

    /** Why the checksum cannot be computed; empty when it can. */
    Optional<String> unknownBecause() {
        return unknownBecause;
    }

    static ChangeSetChecksum lazy(String key, String fingerprint, Resolver resolver) {
        return new ChangeSetChecksum(key, Optional.of(fingerprint), Optional.of(resolver), null);
    }

    /**
     * A checksum as a cache stored it: its fingerprint (when the read had one) and its value (when known), with the
     * resolver that computes the value when it is needed.
     */
    static ChangeSetChecksum restored(String key, Optional<String> fingerprint, Optional<String> value,
                                      Resolver resolver) {
        if (fingerprint.isEmpty()) {
            return known(value.orElseThrow(() -> new IllegalArgumentException("neither fingerprint nor checksum")));
        }
        return new ChangeSetChecksum(key, fingerprint, Optional.of(resolver), value.orElse(null));
    }

    /** The fingerprint of the changeset's source text, when the read took one. */
    Optional<String> fingerprint() {
        return fingerprint;
    }

    /** The checksum when it is known without computing. */
    Optional<String> knownValue() {
        return Optional.ofNullable(value);
    }

    /** The checksum, computed now if needed. */
    String value() {
        var v = value;
        if (v == null && unknownBecause.isPresent()) {
            return "?";
        }
        if (v == null) {
            resolveAll(Set.of(this));
            v = value;
        }
        return v;
    }

    boolean isKnown() {
        return value != null;
    }

    /**
     * Whether both checksums are certainly equal ({@code true}) or certainly different ({@code false}) without
     * computing anything; empty when only the real checksums can tell.
     */
    Optional<Boolean> sameWithoutComputing(ChangeSetChecksum other) {
        if (fingerprint.isPresent() && fingerprint.equals(other.fingerprint)) {
            return Optional.of(true);
        }
        var mine = value;
        var theirs = other.value;
        if (mine != null && theirs != null) {
            return Optional.of(mine.equals(theirs));
        }
        return Optional.empty();
    }

    /** Computes every missing checksum among {@code checksums}, with one read again per changelog read. */
    static void resolveAll(Collection<ChangeSetChecksum> checksums) {
        var byResolver = new IdentityHashMap<Resolver, Set<ChangeSetChecksum>>();
        for (var c : checksums) {
            if (c.value == null && c.resolver.isPresent()) {
                byResolver.computeIfAbsent(c.resolver.orElseThrow(), r -> new LinkedHashSet<>()).add(c);
            }
        }
        byResolver.forEach((resolver, pending) -> {
            // checksums computed by an earlier build for the same text need no read at all
            var keys = new LinkedHashSet<String>();
            var toCompute = new ArrayList<ChangeSetChecksum>(pending.size());
            for (var c : pending) {
                var earlier = c.fingerprint.flatMap(f -> resolver.remembered(c.key, f));
                if (earlier.isPresent()) {
                    c.settle(earlier.get());
                } else {
                    keys.add(c.key);
                    toCompute.add(c);
                }
            }
            if (keys.isEmpty()) {
                return;
            }
            var computed = resolver.checksums(keys);
            for (var c : toCompute) {
                var v = computed.get(c.key);
                if (v == null) {
                    throw new RollbackSafetyException("changeset " + c.key + " was not found when its changelog was "
                            + "read again to compute its checksum (did the file change during the build?)");
                }
                c.settle(v);
                c.fingerprint.ifPresent(f -> resolver.remember(c.key, f, v));
            }
        });
    }

    private synchronized void settle(String v) {
        if (value == null) {
            value = v;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChangeSetChecksum other) || !unknownBecause.equals(other.unknownBecause)) {
            return false;
        }
        // a read's fingerprint stands for its checksum; known values compare as values
        return fingerprint.isPresent() || other.fingerprint.isPresent()
                ? fingerprint.equals(other.fingerprint)
                : String.valueOf(value).equals(String.valueOf(other.value));
    }

    @Override
    public int hashCode() {
        return fingerprint.isPresent() ? fingerprint.hashCode() : String.valueOf(value).hashCode();
    }

    @Override
    public String toString() {
        var v = value;
        if (v == null && unknownBecause.isPresent()) {
            return "(unknown: " + unknownBecause.get() + ")";
        }
        return v != null ? v : "(not computed; source " + fingerprint.orElse("?") + ")";
    }
}
