package io.github.rollbacksafety.report;

import java.util.Objects;

/**
 * One line for the build log; the Maven adapter logs it at its level.
 *
 * @param level how the line is logged
 * @param text  the line, with ANSI colour codes only when the console report was asked for colour
 */
public record ConsoleLine(Level level, String text) {

    /** Log levels, as Maven's logger has them. */
    public enum Level { INFO, WARN, ERROR }

    public ConsoleLine {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    static ConsoleLine info(String text) {
        return new ConsoleLine(Level.INFO, text);
    }

    static ConsoleLine warn(String text) {
        return new ConsoleLine(Level.WARN, text);
    }

    static ConsoleLine error(String text) {
        return new ConsoleLine(Level.ERROR, text);
    }
}
