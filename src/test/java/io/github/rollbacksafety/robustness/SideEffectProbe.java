package io.github.rollbacksafety.robustness;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.bench.SyntheticProject;
import io.github.rollbacksafety.cache.CheckCache;
import io.github.rollbacksafety.cache.InputFingerprint;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.report.ReportFormat;
import io.github.rollbacksafety.report.ReportMeta;
import io.github.rollbacksafety.report.ReportWriter;
import io.github.rollbacksafety.rules.RuleCatalogue;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import java.io.FilePermission;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.SocketPermission;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Runs in a child JVM: generates a project, then, while recording socket use and file writes, runs the check
 * (with both caches), writes every report and checks a changelog with an external entity. Prints
 * {@code NETWORK ...} and {@code WRITE ...} lines for what it saw (writes under the report and cache directories
 * as {@code ALLOWED WRITE ...}), then {@code DONE}. Args: work directory, mode.
 *
 * <p>Mode {@code security-manager} (Java 17 to 23, with {@code -Djava.security.manager=allow}): a security
 * manager that allows everything but records socket permissions and file writes and deletes. Mode
 * {@code observe} (every Java, the only one from Java 24 on, where the security manager is gone): connections are
 * seen by a recording {@link ProxySelector} (every {@code Socket} connect and URL connection asks it first; the
 * parent gives the JVM an empty hosts file, so no name lookup leaves the machine either) and socket reads and
 * writes by Flight Recorder; file writes by Flight Recorder's {@code jdk.FileWrite} events;
 * files created, changed or deleted without a write (directories, moves, deletes) by comparing the project's
 * folders before and after. The parent compares the working, temporary and home directories it gave the JVM.
 */
public final class SideEffectProbe {

    private SideEffectProbe() {
    }

    public static void main(String[] args) throws Exception {
        var work = Path.of(args[0]).toAbsolutePath();
        var mode = args[1];
        var project = SyntheticProject.generate(work.resolve("project"), 0.02, SyntheticProject.Format.XML);
        var entityRequest = new HostileProject().current(HostileProject.MASTER,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE databaseChangeLog SYSTEM \"http://192.0.2.1/x.dtd\" [\n"
                        + "<!ENTITY ext SYSTEM \"http://192.0.2.1/secret\">]>\n"
                        + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">&ext;"
                        + "</databaseChangeLog>\n").write(work.resolve("entity"));
        var reports = work.resolve("reports");
        var cache = work.resolve("cache");
        var events = new CopyOnWriteArrayList<String>();
        if (mode.equals("security-manager")) {
            System.setSecurityManager(new Recorder(events));
            runCheck(project.request(), entityRequest, reports, cache);
            System.setSecurityManager(null);
        } else {
            var inputsBefore = snapshot(work.resolve("project"), work.resolve("entity"));
            ProxySelector.setDefault(new RecordingProxySelector(events));
            try (var recording = new Recording()) {
                for (var event : List.of("jdk.FileWrite", "jdk.SocketRead", "jdk.SocketWrite")) {
                    recording.enable(event).withThreshold(Duration.ZERO).withoutStackTrace();
                }
                recording.start();
                runCheck(project.request(), entityRequest, reports, cache);
                recording.stop();
                var file = work.resolve("recording.jfr");
                recording.dump(file);
                for (var event : RecordingFile.readAllEvents(file)) {
                    var type = event.getEventType().getName();
                    if (type.equals("jdk.FileWrite")) {
                        events.add("WRITE " + event.getString("path"));
                    } else {
                        events.add("NETWORK " + type + " " + event.getString("host") + ":" + event.getInt("port"));
                    }
                }
            }
            selfTest();
            var inputsAfter = snapshot(work.resolve("project"), work.resolve("entity"));
            inputsBefore.forEach((path, state) -> {
                if (!state.equals(inputsAfter.get(path))) {
                    events.add("WRITE " + path + " (changed or deleted)");
                }
            });
            inputsAfter.keySet().stream().filter(p -> !inputsBefore.containsKey(p))
                    .forEach(p -> events.add("WRITE " + p + " (created)"));
        }
        for (var e : events) {
            if (e.startsWith("WRITE ")) {
                var path = Path.of(e.substring(6).replace(" (changed or deleted)", "").replace(" (created)", ""));
                System.out.println((path.startsWith(reports) || path.startsWith(cache) ? "ALLOWED " : "") + e);
            } else {
                System.out.println(e);
            }
        }
        System.out.println("DONE");
    }

    /** Shows that the connection recorder works: a (refused) local connect after the check must be seen. */
    private static void selfTest() {
        var connects = new CopyOnWriteArrayList<String>();
        ProxySelector.setDefault(new RecordingProxySelector(connects));
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 1), 1000);
        } catch (IOException expected) {
            // nothing listens on port 1
        }
        System.out.println(connects.isEmpty() ? "" : "SELFTEST connect seen");
    }

    private static void runCheck(CheckRequest request, CheckRequest entityRequest, Path reports, Path cache) {
        var key = InputFingerprint.of(request).text("config", "probe").hex();
        var result = new RollbackSafetyCheck().withUsageCache(cache, "probe").run(request);
        var meta = new ReportMeta(ReportMeta.TOOL_NAME, "probe", new ReportMeta.Coordinates("g", "a", "2"),
                Optional.empty(), Optional.empty(), "");
        var written = new ReportWriter().write(EnumSet.allOf(ReportFormat.class), reports, meta, result,
                RuleCatalogue.all(), FailOn.BREAKING);
        new CheckCache(reports).store(new CheckCache.Entry(key, result.verdict(), List.of(),
                written.stream().map(p -> p.getFileName().toString()).toList()));
        new RollbackSafetyCheck().withUsageCache(cache, "probe").run(request); // the cached path too
        try {
            new RollbackSafetyCheck().run(entityRequest);
        } catch (RollbackSafetyException expected) {
            // refusing the entity is fine; fetching it is not
        }
    }

    /** Every file and folder under the roots with its size and modification time. */
    static Map<String, String> snapshot(Path... roots) throws IOException {
        var state = new TreeMap<String, String>();
        for (var root : roots) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (var p : paths.toList()) {
                    state.put(p.toString(), Files.isDirectory(p) ? "dir"
                            : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return state;
    }

    /** Answers "no proxy" and records what asked: every socket connect and URL connection asks first. */
    private static final class RecordingProxySelector extends ProxySelector {
        private final List<String> events;

        RecordingProxySelector(List<String> events) {
            this.events = events;
        }

        @Override
        public List<Proxy> select(URI uri) {
            events.add("NETWORK connect " + uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            events.add("NETWORK failed " + uri);
        }
    }

    /**
     * True when the permission is asked by {@code Files.isWritable} (e.g. the zip file system checking whether
     * it may open a jar read-write): a question, not a write.
     */
    private static boolean accessQuery() {
        for (var frame : Thread.currentThread().getStackTrace()) {
            if (frame.getMethodName().equals("checkAccess") || frame.getMethodName().equals("isWritable")) {
                return true;
            }
        }
        return false;
    }

    /** Allows everything; records socket permissions and file writes/deletes. */
    @SuppressWarnings("removal")
    private static final class Recorder extends SecurityManager {
        private final List<String> events;

        Recorder(List<String> events) {
            this.events = events;
        }

        @Override
        public void checkPermission(Permission perm) {
            record(perm);
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            record(perm);
        }

        private void record(Permission perm) {
            if (perm instanceof SocketPermission) {
                events.add("NETWORK " + perm.getName() + " " + perm.getActions());
            } else if (perm instanceof FilePermission
                    && (perm.getActions().contains("write") || perm.getActions().contains("delete"))
                    && !accessQuery()) {
                events.add("WRITE " + perm.getName());
            }
        }
    }
}
