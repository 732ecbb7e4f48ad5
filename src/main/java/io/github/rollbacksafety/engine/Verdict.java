package io.github.rollbacksafety.engine;

/** The outcome of a check. */
public enum Verdict { PASS, FAIL }
