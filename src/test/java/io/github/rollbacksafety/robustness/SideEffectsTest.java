package io.github.rollbacksafety.robustness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static check opens no socket (no DNS lookup either) and writes only under the report and cache
 * directories. Observed by {@link SideEffectProbe} in a child JVM under a recording security manager (still
 * available on Java 17 with {@code -Djava.security.manager=allow}).
 */
class SideEffectsTest {

    @Test
    void checkUsesNoNetworkAndWritesOnlyReportsAndCache(@TempDir Path work) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-Djava.security.manager=allow", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SideEffectProbe.class.getName(), work.toString())
                .redirectErrorStream(true).start();
        var output = readAll(process);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        var lines = output.lines().toList();
        assertThat(lines).as(output).contains("DONE");
        assertThat(lines).as("network use").noneMatch(l -> l.startsWith("NETWORK"));
        assertThat(lines).as("writes outside the report and cache directories").noneMatch(l -> l.startsWith("WRITE"));
        // the recorder does see the writes it allows: reports and cache entries
        assertThat(lines).anyMatch(l -> l.startsWith("ALLOWED WRITE") && l.contains("reports"));
        assertThat(lines).anyMatch(l -> l.startsWith("ALLOWED WRITE") && l.contains("cache"));
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
