package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.query.Query;

import java.util.List;
import java.util.Optional;

/**
 * A reported hazard: which rule, which changeset, which object, which previous-release queries break, and the
 * safe alternative. Reports of every format are views of a list of findings.
 *
 * @param rule         rule id
 * @param severity     rule severity
 * @param changeSet    the changeset that causes it
 * @param object       the object affected
 * @param message      what breaks
 * @param fix          the expand/contract alternative
 * @param queries      the queries that break (previous-release ones backward, current-release ones forward)
 * @param waiverReason the reason of the matching waiver, when waived
 * @param releases     the previous releases it breaks (the rollback window)
 * @param direction    which application meets which schema: the previous release's queries on the new schema
 *                     (backward) or the current release's queries on the previous schema (forward)
 */
public record Finding(String rule, Severity severity, ChangeSetRef changeSet, FindingObject object, String message,
                      String fix, List<Query> queries, Optional<String> waiverReason, List<String> releases,
                      Direction direction) {

    public Finding {
        queries = List.copyOf(queries);
        releases = List.copyOf(releases);
    }

    /** A finding of the backward direction (old app + new schema), the default check. */
    public Finding(String rule, Severity severity, ChangeSetRef changeSet, FindingObject object, String message,
                   String fix, List<Query> queries, Optional<String> waiverReason, List<String> releases) {
        this(rule, severity, changeSet, object, message, fix, queries, waiverReason, releases, Direction.BACKWARD);
    }

    public boolean waived() {
        return waiverReason.isPresent();
    }

    public Finding waive(String reason) {
        return new Finding(rule, severity, changeSet, object, message, fix, queries, Optional.of(reason), releases,
                direction);
    }

    public Finding withReleases(List<String> newReleases) {
        return new Finding(rule, severity, changeSet, object, message, fix, queries, waiverReason, newReleases,
                direction);
    }
}
