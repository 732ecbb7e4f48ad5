package io.github.rollbacksafety.report;

import io.github.rollbacksafety.database.QueryVerdict;

import io.github.rollbacksafety.engine.Coverage;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.rules.Direction;
import io.github.rollbacksafety.rules.Finding;

/** The few phrases every human-readable format shares, so they read the same everywhere. */
final class FindingText {

    /** Queries shown per finding in prose formats; JSON and SARIF list all. */
    static final int MAX_QUERIES_SHOWN = 5;

    private FindingText() {
    }

    /** {@code orders.legacy_status}, or {@code shop:5} for findings about a changeset. */
    static String object(Finding f) {
        return f.object().display();
    }

    /** Where a query was found: {@code sql/queries.sql:1}, plus the member for code. */
    static String source(Query q) {
        return q.location().toString();
    }

    /** {@code file:line} of the finding's changeset. */
    static String changeSetLocation(Finding f) {
        return f.changeSet().location();
    }

    /** {@code " (new app + old schema)"} for a finding of the forward direction; empty for the default one. */
    static String directionNote(Finding f) {
        return f.direction() == Direction.FORWARD ? " (" + f.direction().pairing() + ")" : "";
    }

    /** {@code Previous-release} or {@code Current-release}: whose queries a finding lists. */
    static String queryOwner(Finding f) {
        var owner = f.direction().queryOwner();
        return Character.toUpperCase(owner.charAt(0)) + owner.substring(1);
    }

    static String firstQuerySource(Finding f) {
        return f.queries().isEmpty() ? "" : source(f.queries().get(0));
    }

    /** One line on what the check could see of the previous release. */
    static String coverage(Coverage c) {
        return coverage(c, "Queries of the previous release");
    }

    /** One line on what the forward check could see of the current release. */
    static String forwardCoverage(Coverage c) {
        return coverage(c, "Queries of the current release (new app + old schema)");
    }

    private static String coverage(Coverage c, String what) {
        if (c.found() == 0) {
            return what + ": none found";
        }
        var parts = new StringBuilder();
        c.perKind().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> {
                    if (parts.length() > 0) {
                        parts.append(", ");
                    }
                    parts.append(e.getKey().label()).append(' ').append(e.getValue().parsed()).append('/')
                            .append(e.getValue().found());
                });
        var line = new StringBuilder(what + ": " + c.found() + " found, " + c.parsed()
                + " understood, " + c.unparsedCount() + " not understood (" + parts + ")");
        var reasons = c.reasons().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey().label() + ": " + e.getValue().stream().limit(3)
                        .map(r -> r.count() + "x " + r.reason()).collect(java.util.stream.Collectors.joining("; ")))
                .toList();
        if (!reasons.isEmpty()) {
            line.append("; most frequent reasons not understood: ").append(String.join(" | ", reasons));
        }
        if (!c.excluded().isEmpty()) {
            var byCategory = new java.util.TreeMap<String, int[]>();
            c.excluded().forEach(x -> {
                var n = byCategory.computeIfAbsent(x.category(), k -> new int[2]);
                n[0]++;
                n[1] += x.statements();
            });
            line.append("; left out as not runtime queries: ");
            var first = true;
            for (var e : byCategory.entrySet()) {
                line.append(first ? "" : ", ").append(e.getValue()[0]).append(' ').append(e.getKey())
                        .append(e.getValue()[0] == 1 ? "" : "s").append(" (").append(e.getValue()[1])
                        .append(" statements)");
                first = false;
            }
        }
        return line.toString();
    }

    /**
     * One line on the database check: {@code Database check (postgresql (embedded), against 1.0.0): 120 statements,
     * 117 ok, 1 broken, 2 inconclusive, 0 not checked; 3 verified only by the database; 1 disagreement}.
     */
    static String database(io.github.rollbacksafety.database.DatabaseSummary d) {
        var disagreements = d.disagreements().size();
        return "Database check (" + d.database() + ", against " + d.release() + "): " + d.queries().size()
                + " statements, " + d.count(QueryVerdict.Verdict.OK) + " ok, "
                + d.count(QueryVerdict.Verdict.BROKEN) + " broken, "
                + d.count(QueryVerdict.Verdict.INCONCLUSIVE) + " inconclusive, "
                + d.count(QueryVerdict.Verdict.NOT_CHECKED) + " not checked; " + d.verifiedOnlyDynamically()
                + " verified only by the database; " + disagreements + " disagreement"
                + (disagreements == 1 ? "" : "s") + " with the static check";
    }

    /** {@code 1 breaking, 0 risky, 1 waived}. */
    static String counts(ReportData data) {
        var r = data.result();
        return r.count(io.github.rollbacksafety.rules.Severity.BREAKING) + " breaking, "
                + r.count(io.github.rollbacksafety.rules.Severity.RISKY) + " risky, " + r.waivedCount() + " waived";
    }

    /** {@code 3 new changesets checked against 1.0.0}, or the first-release variant. */
    static String scope(ReportData data) {
        var n = data.result().newChangeSets().size();
        var changeSets = n + " new changeset" + (n == 1 ? "" : "s");
        if (data.result().baselines().isEmpty()) {
            return changeSets + "; no previous release to check against";
        }
        return changeSets + " checked against " + data.baselineVersions();
    }
}
