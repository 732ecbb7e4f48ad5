package io.github.rollbacksafety.bench;

import io.github.rollbacksafety.database.DatabaseCheck;
import io.github.rollbacksafety.database.DatabaseTarget;
import io.github.rollbacksafety.database.QueryVerdict;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;

import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database check on a service-sized module: 200 changesets (the last 40 new) in 5 files, 2,000 previous-release
 * queries. Run it in a fresh JVM so that the first check is cold (class loading, Liquibase's first use, and for
 * {@code postgresql} the server start included):
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.github.rollbacksafety.bench.DatabaseBenchmark postgresql
 * </pre>
 *
 * Args: {@code postgresql} (default) or {@code h2}, then optionally {@code --runs=N} warm runs after the cold one.
 * Add {@code -Djava.io.tmpdir=<empty dir>} to include zonky's first extraction of the binaries.
 */
public final class DatabaseBenchmark {

    private DatabaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var target = DatabaseTarget.parse(args.length > 0 ? args[0] : "postgresql", "", "").orElseThrow();
        int runs = 2;
        for (var a : args) {
            if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring("--runs=".length()));
            }
        }
        var dir = Files.createTempDirectory("rollback-safety-db-bench");
        try {
            var project = SyntheticProject.generate(dir, 0.04, 2_000, SyntheticProject.Format.XML);
            for (int run = 0; run <= runs; run++) {
                Map<String, Long> phases = new ConcurrentHashMap<>();
                var check = new RollbackSafetyCheck()
                        .withTiming((phase, nanos) -> phases.merge(phase, nanos, Long::sum))
                        .withDatabase(new DatabaseCheck(target));
                var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean();
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                var result = check.run(project.request());
                long wall = System.nanoTime() - start;
                // this JVM's CPU time, plus PostgreSQL's (its processes are not ours), is the load-independent part
                long cpu = os.getProcessCpuTime() - cpuStart;
                var db = result.database().orElseThrow();
                var ms = new TreeMap<String, String>();
                phases.forEach((k, v) -> ms.put(k, String.format(Locale.ROOT, "%,d", v / 1_000_000)));
                System.out.printf(Locale.ROOT, "%s %s: %,d ms wall, %,d ms CPU in this JVM (load average %.1f); phases (ms) %s; %d new changesets, %d statements:"
                                + " %d ok, %d broken, %d inconclusive, %d not checked; %d findings (%d dynamic)%n",
                        run == 0 ? "cold" : "warm", target.label(), wall / 1_000_000, cpu / 1_000_000,
                        os.getSystemLoadAverage(), ms,
                        result.newChangeSets().size(), db.queries().size(), db.count(QueryVerdict.Verdict.OK),
                        db.count(QueryVerdict.Verdict.BROKEN), db.count(QueryVerdict.Verdict.INCONCLUSIVE),
                        db.count(QueryVerdict.Verdict.NOT_CHECKED), result.findings().size(),
                        result.findings().stream().filter(f -> f.rule().equals("query-fails-on-new-schema")
                                || f.rule().equals("migration-fails")).count());
            }
        } finally {
            CheckBenchmark.deleteTree(dir);
        }
    }
}
