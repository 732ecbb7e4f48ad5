package io.github.rollbacksafety.robustness;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.bench.SyntheticProject;
import io.github.rollbacksafety.cache.CheckCache;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.cache.InputFingerprint;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.report.ReportFormat;
import io.github.rollbacksafety.report.ReportMeta;
import io.github.rollbacksafety.report.ReportWriter;
import io.github.rollbacksafety.rules.RuleCatalogue;

import java.io.FilePermission;
import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs in a child JVM started with {@code -Djava.security.manager=allow}: generates a project, then, under a
 * security manager that allows everything but records socket use and file writes, runs the check (with both
 * caches), writes every report and checks a changelog with an external entity. Prints {@code NETWORK ...} and
 * {@code WRITE ...} lines for what it saw, then {@code DONE}. Args: work directory.
 */
public final class SideEffectProbe {

    private SideEffectProbe() {
    }

    public static void main(String[] args) throws Exception {
        var work = Path.of(args[0]).toAbsolutePath();
        var project = SyntheticProject.generate(work.resolve("project"), 0.02, SyntheticProject.Format.XML);
        var entityRequest = new HostileProject().current(HostileProject.MASTER,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE databaseChangeLog SYSTEM \"http://192.0.2.1/x.dtd\" [\n"
                        + "<!ENTITY ext SYSTEM \"http://192.0.2.1/secret\">]>\n"
                        + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">&ext;"
                        + "</databaseChangeLog>\n").write(work.resolve("entity"));
        var reports = work.resolve("reports");
        var cache = work.resolve("cache");
        var events = new CopyOnWriteArrayList<String>();
        System.setSecurityManager(new Recorder(events));

        var request = project.request();
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
        System.setSecurityManager(null);
        for (var e : events) {
            if (e.startsWith("WRITE ")) {
                var path = Path.of(e.substring(6));
                System.out.println((path.startsWith(reports) || path.startsWith(cache) ? "ALLOWED " : "") + e);
            } else {
                System.out.println(e);
            }
        }
        System.out.println("DONE");
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
            } else if (perm instanceof RuntimePermission && perm.getName().equals("setSecurityManager")) {
                return;
            }
        }
    }
}
