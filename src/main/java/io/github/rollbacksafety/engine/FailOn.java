package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.Locale;

/** Which findings fail the build. */
public enum FailOn {
    /** Unwaived BREAKING findings fail the build (default). */
    BREAKING,
    /** Unwaived BREAKING and RISKY findings fail the build. */
    RISKY,
    /** Report only. */
    NONE;

    /** Parses the {@code failOn} parameter. */
    public static FailOn parse(String value) {
        try {
            return valueOf(String.valueOf(value).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RollbackSafetyException("failOn must be BREAKING, RISKY or NONE, not '" + value + "'.");
        }
    }
}
