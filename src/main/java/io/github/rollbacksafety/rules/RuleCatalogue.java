package io.github.rollbacksafety.rules;

import java.util.List;

/** Every rule the check knows, in the order reports list them. */
public final class RuleCatalogue {

    private RuleCatalogue() {
    }

    public static List<Rule> all() {
        return List.of();
    }
}
