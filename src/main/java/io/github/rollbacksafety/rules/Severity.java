package io.github.rollbacksafety.rules;

/** How bad a finding is. BREAKING fails the build by default; RISKY only with {@code failOn=RISKY}. */
public enum Severity { BREAKING, RISKY }
