package io.github.rollbacksafety.changelog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells apart, between a released changelog and the current one, the changesets that are new, removed or
 * modified. Identity is Liquibase's: id + author + logical file path, and for twins (the same identity written once
 * per dbms, context or label, already filtered by the reader) their variant. When that fails, id + author alone
 * pairs a changeset whose file moved, but only when exactly one released and one current changeset are left with
 * that id and author: projects that reuse ids across files ({@code id="1" author="app"} in every file) must never
 * get a wrong pair, which would report an untouched changeset as modified. Checksums are computed only for the
 * pairs whose source text differs (see {@link ChangeSetRef#sameChecksumWithoutComputing}).
 *
 * @param added        current changesets the release has not run, in execution order
 * @param removed      released changesets no longer in the current changelog
 * @param modified     released changesets whose checksum changed (paired with the current one)
 * @param rerun        {@code runOnChange}/{@code runAlways} changesets whose text changed: Liquibase runs them again,
 *                     so their current changes are new changes, in execution order
 * @param uncomparable pairs whose checksum cannot be computed on one side (a custom change class that cannot be
 *                     loaded, a missing SQL file) and whose text differs or is unknown: not judged as modified
 *
 * <p>This is the only place that computes checksums, so the rules that run afterwards never read a changelog.
 */
public record ChangeSetDiff(List<ChangeSetRef> added, List<ChangeSetRef> removed, List<Pair> modified,
                            List<ChangeSetRef> rerun, List<Pair> uncomparable) {

    public ChangeSetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        modified = List.copyOf(modified);
        rerun = List.copyOf(rerun);
        uncomparable = List.copyOf(uncomparable);
    }

    /**
     * A released changeset and its current version, with their Liquibase checksums (empty strings in
     * {@link #uncomparable()}, where one of them cannot be computed).
     */
    public record Pair(ChangeSetRef released, ChangeSetRef current, String releasedChecksum, String currentChecksum) {
    }

    private record Candidate(ChangeSetRef released, ChangeSetRef current) {
    }

    public static ChangeSetDiff between(Changelog released, Changelog current) {
        var pairs = pair(released.changeSets(), current.changeSets());
        var added = new ArrayList<ChangeSetRef>();
        var rerun = new ArrayList<ChangeSetRef>();
        var uncomparable = new ArrayList<Pair>();
        var candidates = new ArrayList<Candidate>();
        for (var cs : current.changeSets()) {
            var old = pairs.get(cs);
            if (old == null) {
                added.add(cs);
                continue;
            }
            // the same source text means the same checksum; only the rest needs Liquibase's checksums
            var same = cs.sameChecksumWithoutComputing(old);
            if (same.orElse(false)) {
                continue;
            }
            if (cs.checksumUnknownBecause().isPresent() || old.checksumUnknownBecause().isPresent()) {
                uncomparable.add(new Pair(old, cs, "", ""));
            } else {
                candidates.add(new Candidate(old, cs));
            }
        }
        var toCompute = new ArrayList<ChangeSetRef>();
        candidates.forEach(p -> {
            toCompute.add(p.released());
            toCompute.add(p.current());
        });
        ChangeSetRef.computeChecksums(toCompute);
        var modified = new ArrayList<Pair>();
        for (var p : candidates) {
            var releasedChecksum = p.released().computedChecksum();
            var currentChecksum = p.current().computedChecksum();
            if (releasedChecksum.equals(currentChecksum)) {
                continue;
            }
            if (p.current().runOnChange() || p.current().runAlways()) {
                rerun.add(p.current());
            } else if (!p.current().acceptsChecksum(releasedChecksum)) {
                modified.add(new Pair(p.released(), p.current(), releasedChecksum, currentChecksum));
            }
        }
        var matched = new IdentityHashMap<ChangeSetRef, Boolean>();
        pairs.values().forEach(r -> matched.put(r, true));
        var removed = released.changeSets().stream().filter(cs -> !matched.containsKey(cs)).toList();
        // execution order for the re-run changesets
        var order = new IdentityHashMap<ChangeSetRef, Integer>();
        for (int i = 0; i < current.changeSets().size(); i++) {
            order.put(current.changeSets().get(i), i);
        }
        rerun.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
        return new ChangeSetDiff(added, removed, modified, rerun, uncomparable);
    }

    /** Current changeset -> its released version, by identity first, then by an unambiguous fallback. */
    private static Map<ChangeSetRef, ChangeSetRef> pair(List<ChangeSetRef> released, List<ChangeSetRef> current) {
        var result = new IdentityHashMap<ChangeSetRef, ChangeSetRef>();
        var taken = new IdentityHashMap<ChangeSetRef, Boolean>();
        // 1. Liquibase's identity, twins told apart by their variant
        var byTwinKey = new HashMap<String, ChangeSetRef>();
        released.forEach(cs -> byTwinKey.putIfAbsent(cs.twinKey(), cs));
        for (var cs : current) {
            var old = byTwinKey.get(cs.twinKey());
            if (old != null && !taken.containsKey(old)) {
                result.put(cs, old);
                taken.put(old, true);
            }
        }
        // 2. the same file, id and author whose dbms/context/labels changed; 3. the same id and author in another
        // file (moved). Both only when exactly one changeset is left on each side.
        pairUnambiguously(released, current, result, taken, ChangeSetRef::key, (a, b) -> true);
        pairUnambiguously(released, current, result, taken, ChangeSetRef::idAndAuthor, ChangeSetDiff::plausiblyMoved);
        return result;
    }

    /** A file that moved keeps its name, or the changeset keeps its text: anything else is another changeset. */
    private static boolean plausiblyMoved(ChangeSetRef released, ChangeSetRef current) {
        return fileName(released).equals(fileName(current))
                || released.sameChecksumWithoutComputing(current).orElse(false);
    }

    private static String fileName(ChangeSetRef cs) {
        var path = cs.filePath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void pairUnambiguously(List<ChangeSetRef> released, List<ChangeSetRef> current,
                                          Map<ChangeSetRef, ChangeSetRef> result, Map<ChangeSetRef, Boolean> taken,
                                          java.util.function.Function<ChangeSetRef, String> identity,
                                          java.util.function.BiPredicate<ChangeSetRef, ChangeSetRef> plausible) {
        var oldLeft = new LinkedHashMap<String, List<ChangeSetRef>>();
        released.stream().filter(cs -> !taken.containsKey(cs))
                .forEach(cs -> oldLeft.computeIfAbsent(identity.apply(cs), k -> new ArrayList<>()).add(cs));
        var newLeft = new LinkedHashMap<String, List<ChangeSetRef>>();
        current.stream().filter(cs -> !result.containsKey(cs))
                .forEach(cs -> newLeft.computeIfAbsent(identity.apply(cs), k -> new ArrayList<>()).add(cs));
        newLeft.forEach((key, news) -> {
            var olds = oldLeft.getOrDefault(key, List.of());
            if (news.size() == 1 && olds.size() == 1 && plausible.test(olds.get(0), news.get(0))) {
                result.put(news.get(0), olds.get(0));
                taken.put(olds.get(0), true);
            }
        });
    }
}
