package io.github.rollbacksafety;

import java.util.Optional;

/**
 * A problem the user can fix: bad input, an unreadable changelog, a baseline that could not be looked up.
 * It carries the location it is about and a sentence that says what to do; the Maven adapter turns it into a
 * build failure without a stack trace.
 */
public class RollbackSafetyException extends RuntimeException {

    private final String file;
    private final int line;

    public RollbackSafetyException(String message) {
        this(message, null, 0, null);
    }

    public RollbackSafetyException(String message, Throwable cause) {
        this(message, null, 0, cause);
    }

    public RollbackSafetyException(String message, String file, int line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the problem is in, when known. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The message prefixed with {@code file:line: } when a location is known. */
    public String describe() {
        if (file == null) {
            return getMessage();
        }
        return file + (line > 0 ? ":" + line : "") + ": " + getMessage();
    }
}
