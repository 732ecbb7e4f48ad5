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
 * @param reasons   per source kind, why inputs were not understood, grouped and most frequent first (at most
 *                  {@link #MAX_REASONS} per kind), counted over every input, not only the listed ones
 * @param excluded  files left out because they are not runtime queries (DDL scripts, data dumps)
 * @param tables    per table or view, how many understood queries and mappings use it (what the check saw)
 */
public record Coverage(Map<QuerySourceKind, Counts> perKind, List<QueryCollector.Unparsed> unparsed,
                       List<String> warnings, Map<QuerySourceKind, List<Reason>> reasons,
                       List<QueryCollector.Excluded> excluded, Map<String, Integer> tables) {

    public static final int MAX_LISTED = 50;
    public static final int MAX_REASONS = 5;

    public static final Coverage NONE = new Coverage(Map.of(), List.of(), List.of());

    public Coverage {
        perKind = Map.copyOf(perKind);
        unparsed = List.copyOf(unparsed);
        warnings = List.copyOf(warnings);
        reasons = Map.copyOf(reasons);
        excluded = List.copyOf(excluded);
        tables = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tables));
    }

    public Coverage(Map<QuerySourceKind, Counts> perKind, List<QueryCollector.Unparsed> unparsed,
                    List<String> warnings, Map<QuerySourceKind, List<Reason>> reasons,
                    List<QueryCollector.Excluded> excluded) {
        this(perKind, unparsed, warnings, reasons, excluded, Map.of());
    }

    /** Per table, how many of the usages name it. */
    public static Map<String, Integer> tablesOf(List<io.github.rollbacksafety.query.QueryUsage> usages) {
        var counts = new java.util.TreeMap<String, Integer>();
        for (var u : usages) {
            var names = new java.util.HashSet<String>();
            u.tables().forEach(t -> names.add(t.table()));
            u.inserts().forEach(i -> names.add(i.table()));
            names.forEach(t -> counts.merge(t, 1, Integer::sum));
        }
        return counts;
    }

    /** Without grouped reasons or excluded files. */
    public Coverage(Map<QuerySourceKind, Counts> perKind, List<QueryCollector.Unparsed> unparsed,
                    List<String> warnings) {
        this(perKind, unparsed, warnings, Map.of(), List.of());
    }

    /** One reason for "not understood", as grouped, and how many inputs it concerns. */
    public record Reason(String reason, int count) {
    }

    /**
     * The grouped reasons of a list of unparsed inputs: positions and numbers are left out of a reason, so that
     * {@code unexpected 'RES'} at many places is one group.
     */
    public static Map<QuerySourceKind, List<Reason>> reasonsOf(List<QueryCollector.Unparsed> all) {
        var counts = new java.util.EnumMap<QuerySourceKind, Map<String, Integer>>(QuerySourceKind.class);
        for (var u : all) {
            counts.computeIfAbsent(u.query().kind(), k -> new java.util.HashMap<>())
                    .merge(group(u.reason()), 1, Integer::sum);
        }
        var result = new java.util.EnumMap<QuerySourceKind, List<Reason>>(QuerySourceKind.class);
        counts.forEach((kind, byReason) -> result.put(kind, byReason.entrySet().stream()
                .map(e -> new Reason(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingInt(Reason::count).reversed().thenComparing(Reason::reason))
                .limit(MAX_REASONS).toList()));
        return result;
    }

    static String group(String reason) {
        var r = reason.replaceAll(" at line \\d+, column \\d+", "").replaceAll("\\(\\d+[^)]*\\)", "(...)");
        r = r.strip().replaceAll("\\s+", " ");
        return r.length() <= 120 ? r : r.substring(0, 117) + "...";
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
        var reasons = new java.util.EnumMap<QuerySourceKind, Map<String, Integer>>(QuerySourceKind.class);
        var excluded = new java.util.LinkedHashSet<QueryCollector.Excluded>();
        var tables = new java.util.TreeMap<String, Integer>();
        for (var c : coverages) {
            c.tables().forEach((t, n) -> tables.merge(t, n, Integer::sum));
            c.reasons().forEach((kind, list) -> list.forEach(r -> reasons
                    .computeIfAbsent(kind, k -> new java.util.HashMap<>()).merge(r.reason(), r.count(), Integer::sum)));
            excluded.addAll(c.excluded());
            c.perKind().forEach((kind, n) -> counts.merge(kind, n,
                    (a, b) -> new Counts(a.found() + b.found(), a.parsed() + b.parsed())));
            c.unparsed().forEach(u -> unparsed.putIfAbsent(u.query().location() + "|" + u.query().sql(), u));
            warnings.addAll(c.warnings());
        }
        var merged = new java.util.EnumMap<QuerySourceKind, List<Reason>>(QuerySourceKind.class);
        reasons.forEach((kind, byReason) -> merged.put(kind, byReason.entrySet().stream()
                .map(e -> new Reason(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingInt(Reason::count).reversed().thenComparing(Reason::reason))
                .limit(MAX_REASONS).toList()));
        return new Coverage(counts, unparsed.values().stream().limit(MAX_LISTED).toList(), List.copyOf(warnings),
                merged, List.copyOf(excluded), tables);
    }

    public int found() {
        return perKind.values().stream().mapToInt(Counts::found).sum();
    }

    public int parsed() {
        return perKind.values().stream().mapToInt(Counts::parsed).sum();
    }

    /** Statements in excluded files. */
    public int excludedStatements() {
        return excluded.stream().mapToInt(QueryCollector.Excluded::statements).sum();
    }

    public int unparsedCount() {
        return found() - parsed();
    }
}
