package io.github.rollbacksafety.database;

import io.github.rollbacksafety.rules.Finding;

import java.util.List;

/**
 * The database check's result for one previous release: findings ({@code migration-fails},
 * {@code query-fails-on-new-schema}), the verdict on every statement, and notes (inconclusive migrations, hints).
 *
 * @param database how the database is named, e.g. {@code postgresql (embedded)}
 * @param release  the previous release checked against
 * @param findings findings, to be merged with the static ones
 * @param verdicts one per statement, in the order given
 * @param notes    remarks for the report
 */
public record DatabaseOutcome(String database, String release, List<Finding> findings, List<QueryVerdict> verdicts,
                              List<String> notes) {

    public DatabaseOutcome {
        findings = List.copyOf(findings);
        verdicts = List.copyOf(verdicts);
        notes = List.copyOf(notes);
    }

    public long count(QueryVerdict.Verdict verdict) {
        return verdicts.stream().filter(v -> v.verdict() == verdict).count();
    }
}
