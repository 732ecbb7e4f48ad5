package io.github.rollbacksafety.changelog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Tells apart, between a released changelog and the current one, the changesets that are new, removed or
 * modified. Identity is id + author + logical file path; when that fails, id + author alone (a changeset whose
 * file moved, which Liquibase would run again only if the path is part of its identity, is matched so that a
 * refactoring of files is not mistaken for new work). Checksums are computed only for the pairs whose source text
 * differs (see {@link ChangeSetRef#sameChecksumWithoutComputing}); this is the only place that computes checksums,
 * so the rules that run afterwards never read a changelog.
 *
 * @param added    current changesets the release has not run, in execution order
 * @param removed  released changesets no longer in the current changelog
 * @param modified released changesets whose checksum changed (paired with the current one and both checksums)
 */
public record ChangeSetDiff(List<ChangeSetRef> added, List<ChangeSetRef> removed, List<Pair> modified) {

    /** A released changeset and its current version, with their (differing) Liquibase checksums. */
    public record Pair(ChangeSetRef released, ChangeSetRef current, String releasedChecksum, String currentChecksum) {
    }

    private record Candidate(ChangeSetRef released, ChangeSetRef current) {
    }

    public static ChangeSetDiff between(Changelog released, Changelog current) {
        Map<String, ChangeSetRef> byKey = new HashMap<>();
        Map<String, List<ChangeSetRef>> byIdAuthor = new HashMap<>();
        for (var cs : released.changeSets()) {
            byKey.putIfAbsent(cs.key(), cs);
            byIdAuthor.computeIfAbsent(cs.idAndAuthor(), k -> new ArrayList<>()).add(cs);
        }
        var matched = new HashSet<String>();
        var added = new ArrayList<ChangeSetRef>();
        var modified = new ArrayList<Pair>();
        var candidates = new ArrayList<Candidate>();
        for (var cs : current.changeSets()) {
            var old = byKey.get(cs.key());
            if (old == null || matched.contains(old.key())) {
                old = byIdAuthor.getOrDefault(cs.idAndAuthor(), List.of()).stream()
                        .filter(o -> !matched.contains(o.key()))
                        .findFirst().orElse(null);
            }
            if (old == null) {
                added.add(cs);
                continue;
            }
            matched.add(old.key());
            // the same source text means the same checksum; only the rest needs Liquibase's checksums
            var same = cs.sameChecksumWithoutComputing(old);
            if (!same.orElse(false) && !cs.acceptsEveryChecksum()) {
                candidates.add(new Candidate(old, cs));
            }
        }
        var toCompute = new ArrayList<ChangeSetRef>();
        candidates.forEach(p -> {
            toCompute.add(p.released());
            toCompute.add(p.current());
        });
        ChangeSetRef.computeChecksums(toCompute);
        for (var p : candidates) {
            var releasedChecksum = p.released().computedChecksum();
            var currentChecksum = p.current().computedChecksum();
            if (!releasedChecksum.equals(currentChecksum) && !p.current().acceptsChecksum(releasedChecksum)) {
                modified.add(new Pair(p.released(), p.current(), releasedChecksum, currentChecksum));
            }
        }
        var removed = released.changeSets().stream().filter(cs -> !matched.contains(cs.key())).toList();
        return new ChangeSetDiff(added, removed, modified);
    }
}
