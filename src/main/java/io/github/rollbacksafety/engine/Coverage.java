package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;

import java.util.List;
import java.util.Map;

/**
 * How much of the previous release the check could see: per source kind, statements and mappings found and
 * how many of them were understood, plus the ones that were not (with locations, capped for reports).
 *
 * @param perKind   counts per source kind (only kinds that found something)
 * @param unparsed  inputs not understood, at most {@link #MAX_LISTED}
 * @param warnings  problems reading sources
 */
public record Coverage(Map<QuerySourceKind, Counts> perKind, List<QueryCollector.Unparsed> unparsed,
                       List<String> warnings) {

    public static final int MAX_LISTED = 50;

    public static final Coverage NONE = new Coverage(Map.of(), List.of(), List.of());

    public Coverage {
        perKind = Map.copyOf(perKind);
        unparsed = List.copyOf(unparsed);
        warnings = List.copyOf(warnings);
    }

    /** Found and parsed counts of one source kind. */
    public record Counts(int found, int parsed) {
        public int unparsed() {
            return found - parsed;
        }
    }

    /**
     * The coverage of several releases (a rollback window): counts added up per kind, unparsed inputs listed once
     * each (up to {@link #MAX_LISTED}), warnings once each.
     */
    public static Coverage merge(List<Coverage> coverages) {
        if (coverages.size() == 1) {
            return coverages.get(0);
        }
        if (coverages.isEmpty()) {
            return NONE;
        }
        var counts = new java.util.EnumMap<QuerySourceKind, Counts>(QuerySourceKind.class);
        var unparsed = new java.util.LinkedHashMap<String, QueryCollector.Unparsed>();
        var warnings = new java.util.LinkedHashSet<String>();
        for (var c : coverages) {
            c.perKind().forEach((kind, n) -> counts.merge(kind, n,
                    (a, b) -> new Counts(a.found() + b.found(), a.parsed() + b.parsed())));
            c.unparsed().forEach(u -> unparsed.putIfAbsent(u.query().location() + "|" + u.query().sql(), u));
            warnings.addAll(c.warnings());
        }
        return new Coverage(counts, unparsed.values().stream().limit(MAX_LISTED).toList(), List.copyOf(warnings));
    }

    public int found() {
        return perKind.values().stream().mapToInt(Counts::found).sum();
    }

    public int parsed() {
        return perKind.values().stream().mapToInt(Counts::parsed).sum();
    }

    public int unparsedCount() {
        return found() - parsed();
    }
}
