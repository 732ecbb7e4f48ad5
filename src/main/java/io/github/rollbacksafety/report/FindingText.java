package io.github.rollbacksafety.report;

import io.github.rollbacksafety.engine.Coverage;
import io.github.rollbacksafety.query.Query;
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

    static String firstQuerySource(Finding f) {
        return f.queries().isEmpty() ? "" : source(f.queries().get(0));
    }

    /** One line on what the check could see of the previous release. */
    static String coverage(Coverage c) {
        if (c.found() == 0) {
            return "Queries of the previous release: none found";
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
        return "Queries of the previous release: " + c.found() + " found, " + c.parsed() + " understood, "
                + c.unparsedCount() + " not understood (" + parts + ")";
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
