package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.CheckLog;

import java.util.ArrayList;
import java.util.List;

/** A {@link CheckLog} that keeps every line as {@code LEVEL message}, for assertions on what a check said. */
final class RecordingLog implements CheckLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }

    /** Every line so far, with its level; the list is live, so a test can clear it between runs. */
    List<String> lines() {
        return lines;
    }

    /** Every message so far, without its level. */
    List<String> messages() {
        return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }
}
