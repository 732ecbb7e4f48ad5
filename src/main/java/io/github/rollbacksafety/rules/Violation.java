package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;

import java.util.List;

/**
 * What a rule reports; the engine adds the rule id, severity and changeset to make a {@code Finding}.
 *
 * @param object  the object affected
 * @param message what breaks, in one or two sentences
 * @param fix     the safe expand/contract alternative
 * @param queries previous-release queries that break (may be empty for history rules)
 */
public record Violation(FindingObject object, String message, String fix, List<Query> queries) {

    public Violation {
        queries = List.copyOf(queries);
    }
}
