package io.github.rollbacksafety;

/**
 * Where the check says what it does: the Maven adapter passes its build log, a test a list. Kept free of Maven
 * types so the engine runs without Maven on the class path.
 */
public interface CheckLog {

    /** Discards everything. */
    CheckLog SILENT = new CheckLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void error(String message) {
        }
    };

    void info(String message);

    void warn(String message);

    void error(String message);
}
