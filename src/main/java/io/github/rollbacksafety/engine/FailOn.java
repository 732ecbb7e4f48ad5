package io.github.rollbacksafety.engine;

/** Which findings fail the build. */
public enum FailOn {
    /** Unwaived BREAKING findings fail the build (default). */
    BREAKING,
    /** Unwaived BREAKING and RISKY findings fail the build. */
    RISKY,
    /** Report only. */
    NONE
}
