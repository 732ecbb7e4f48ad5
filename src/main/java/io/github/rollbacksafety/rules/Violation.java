package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;

import java.util.List;
import java.util.Optional;

/**
 * What a rule reports; the engine adds the rule id, severity and changeset to make a {@code Finding}.
 *
 * @param object   the object affected
 * @param message  what breaks, in one or two sentences
 * @param fix      the safe expand/contract alternative
 * @param queries  previous-release queries that break (may be empty for history rules)
 * @param severity overrides the rule's severity for this one violation (e.g. {@code column-type-changed} is
 *                 BREAKING but reports TIMESTAMP to TIMESTAMP WITH TIME ZONE as RISKY); empty: the rule's own
 */
public record Violation(FindingObject object, String message, String fix, List<Query> queries,
                        Optional<Severity> severity) {

    public Violation {
        queries = List.copyOf(queries);
    }

    public Violation(FindingObject object, String message, String fix, List<Query> queries) {
        this(object, message, fix, queries, Optional.empty());
    }

    /** The same violation reported with another severity than its rule's. */
    public Violation withSeverity(Severity newSeverity) {
        return new Violation(object, message, fix, queries, Optional.of(newSeverity));
    }

    /** The severity a finding gets: the override, else the rule's. */
    public Severity severityOr(Severity ruleSeverity) {
        return severity.orElse(ruleSeverity);
    }
}
