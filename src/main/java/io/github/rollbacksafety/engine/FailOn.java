package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Severity;

import java.util.List;
import java.util.Locale;

/** Which findings fail the build: the one place the verdict is decided (the check and every report ask here). */
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

    /** True when this finding by itself fails the build: not waived, and severe enough for this policy. */
    public boolean fails(Finding finding) {
        if (finding.waived()) {
            return false;
        }
        return switch (this) {
            case BREAKING -> finding.severity() == Severity.BREAKING;
            case RISKY -> true;
            case NONE -> false;
        };
    }

    /** FAIL when any of the findings fails the build, else PASS. */
    public Verdict verdictOf(List<Finding> findings) {
        return findings.stream().anyMatch(this::fails) ? Verdict.FAIL : Verdict.PASS;
    }
}
