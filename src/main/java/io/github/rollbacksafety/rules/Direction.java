package io.github.rollbacksafety.rules;

import java.util.Locale;

/**
 * Which pair of application and schema a rule checks. A blue-green or rolling deployment is safe only when both
 * hold: the previous application keeps working on the new schema, and the new application works on the previous
 * schema until its migration has run.
 */
public enum Direction {
    /** The previous release's queries against the new schema (old app + new schema): the default check. */
    BACKWARD("old app + new schema", "previous-release"),
    /** The current release's queries against the previous schema (new app + old schema): {@code checkForward}. */
    FORWARD("new app + old schema", "current-release");

    private final String pairing;
    private final String queryOwner;

    Direction(String pairing, String queryOwner) {
        this.pairing = pairing;
        this.queryOwner = queryOwner;
    }

    /** {@code backward} or {@code forward}, as reports write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code old app + new schema} or {@code new app + old schema}. */
    public String pairing() {
        return pairing;
    }

    /** Whose queries a finding of this direction lists: {@code previous-release} or {@code current-release}. */
    public String queryOwner() {
        return queryOwner;
    }
}
