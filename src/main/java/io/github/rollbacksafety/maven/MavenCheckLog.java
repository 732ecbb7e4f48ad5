package io.github.rollbacksafety.maven;

import io.github.rollbacksafety.CheckLog;
import org.apache.maven.plugin.logging.Log;

/** The build log as the engine's {@link CheckLog}. */
record MavenCheckLog(Log log) implements CheckLog {

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }
}
