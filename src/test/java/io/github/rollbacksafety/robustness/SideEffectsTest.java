package io.github.rollbacksafety.robustness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The static check opens no socket (no DNS lookup either) and writes only under the report and cache
 * directories. Observed by {@link SideEffectProbe} in a child JVM: under a recording security manager where Java
 * still has one (17 to 23), and on every Java through a recording proxy selector and Flight Recorder's socket and
 * file-write events, with its working, temporary and home directories compared before and after.
 */
class SideEffectsTest {

    @TempDir
    Path work;

    @Test
    void underASecurityManagerTheCheckUsesNoNetworkAndWritesOnlyReportsAndCache() throws Exception {
        assumeTrue(Runtime.version().feature() < 24,
                "the security manager is gone from Java 24 on (JEP 486); the observing probe covers those");
        var lines = probe("security-manager", List.of("-Djava.security.manager=allow"));

        assertNoSideEffects(lines);
    }

    @Test
    void observedTheCheckUsesNoNetworkAndWritesOnlyReportsAndCache() throws Exception {
        // an empty hosts file instead of DNS: a name lookup cannot leave the machine (a connect would be recorded)
        var hosts = Files.writeString(work.resolve("hosts"), "");
        var lines = probe("observe", List.of("-XX:FlightRecorderOptions:repository=" + work.resolve("jfr"),
                "-Djdk.net.hosts.file=" + hosts));

        assertNoSideEffects(lines);
        // the connection recorder sees what it must see
        assertThat(lines).contains("SELFTEST connect seen");
    }

    private List<String> probe(String mode, List<String> jvmOptions) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var cwd = Files.createDirectories(work.resolve("cwd"));
        var command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                "-Duser.home=" + Files.createDirectories(work.resolve("home"))));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SideEffectProbe.class.getName(),
                work.toString(), mode));
        var process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        var lines = output.lines().toList();
        assertThat(lines).as(output).contains("DONE");
        // relative paths, temporary files and the home folder would land here
        for (var dir : List.of("cwd", "tmp", "home")) {
            assertThat(filesUnder(work.resolve(dir))).as("written under " + dir).isEmpty();
        }
        return lines;
    }

    private static void assertNoSideEffects(List<String> lines) {
        assertThat(lines).as("network use").noneMatch(l -> l.startsWith("NETWORK"));
        assertThat(lines).as("writes outside the report and cache directories").noneMatch(l -> l.startsWith("WRITE"));
        // the recorder does see the writes it allows: reports and cache entries
        assertThat(lines).anyMatch(l -> l.startsWith("ALLOWED WRITE") && l.contains("reports"));
        assertThat(lines).anyMatch(l -> l.startsWith("ALLOWED WRITE") && l.contains("cache"));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).toList();
        }
    }
}
