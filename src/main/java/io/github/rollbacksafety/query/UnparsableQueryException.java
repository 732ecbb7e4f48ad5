package io.github.rollbacksafety.query;

/** A statement that could not be parsed; counted in coverage and warned, never fatal. */
public class UnparsableQueryException extends Exception {

    public UnparsableQueryException(String reason) {
        super(reason);
    }

    public UnparsableQueryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
