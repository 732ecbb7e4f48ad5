package io.github.rollbacksafety.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.baseline.PreviousReleases;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.engine.CheckResult;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.git.GitBaselines;
import liquibase.resource.DirectoryResourceAccessor;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.StringProvider;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The check on a {@link GeneratedApplication} with a git baseline, each figure in a fresh JVM ({@code -Xmx1g}):
 * <ul>
 *   <li><b>cold</b>: empty cache, nothing written out of git before: reads the tag's sources and both
 *       changelogs;</li>
 *   <li><b>warm</b>: the cache the cold run filled: parses only the current changelog;</li>
 *   <li><b>library</b>: the work no implementation can avoid, on one thread: JavaParser parsing the tag's 2,000
 *       sources once (from memory, reading not counted), Liquibase parsing both changelogs, JSqlParser parsing the
 *       600 statements the application's SQL strings and mapper statements end up as.</li>
 * </ul>
 * Cold and library runs alternate ({@code rounds} of each) so that a machine whose load changes treats both alike;
 * the medians are compared. Wall time and the process's CPU time are printed.
 */
final class ApplicationBenchmark {

    static final String PROJECT_VERSION = "1.1.0-SNAPSHOT";

    private ApplicationBenchmark() {
    }

    /** Generates the application under {@code dir} and prints cold, warm and library figures. */
    static void run(Path dir, int rounds) throws Exception {
        var app = GeneratedApplication.generate(dir.resolve("app"), "0.1.0-SNAPSHOT");
        System.out.printf(Locale.ROOT, "%n== generated application (git baseline %s): %d Java files, %d statements,"
                        + " %d -> %d changesets ==%n", GeneratedApplication.TAG, app.javaFiles(),
                app.statements().size(), app.previousChangeSets(), app.currentChangeSets());
        Files.write(dir.resolve("statements.txt"), app.statements(), StandardCharsets.UTF_8);
        var cold = new ArrayList<double[]>();
        var warm = new ArrayList<double[]>();
        var library = new ArrayList<double[]>();
        for (int round = 0; round < rounds; round++) {
            var cache = dir.resolve("cache-" + round);
            var work = dir.resolve("work-" + round);
            cold.add(CheckBenchmark.runChild("-Xmx1g", "--child-app-check", dir.toString(), cache.toString(),
                    work.toString()));
            library.add(CheckBenchmark.runChild("-Xmx1g", "--child-app-library", dir.toString()));
            // warm: a new build (fresh JVM, empty target folder) with the cache the cold build filled
            warm.add(CheckBenchmark.runChild("-Xmx1g", "--child-app-check", dir.toString(), cache.toString(),
                    dir.resolve("work-warm-" + round).toString()));
        }
        var c = median(cold);
        var w = median(warm);
        var l = median(library);
        System.out.printf(Locale.ROOT, "  [app] medians of %d: cold %.0f ms (CPU %.0f ms), warm %.0f ms (CPU %.0f ms),"
                + " library %.0f ms (CPU %.0f ms)%n", rounds, c[0], c[1], w[0], w[1], l[0], l[1]);
        System.out.printf(Locale.ROOT, "  [app] RATIO cold/library = %.2f; warm %.0f ms%n", c[0] / l[0], w[0]);
        if (c[2] > 0 && l[2] > 0) {
            System.out.printf(Locale.ROOT, "  [app] CPU of the work threads (JIT compiler and GC threads left out):"
                    + " cold %.0f ms, library %.0f ms, ratio %.2f%n", c[2], l[2], c[2] / l[2]);
        }
    }

    private static double[] median(List<double[]> runs) {
        var sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r[0]));
        return sorted.get(sorted.size() / 2);
    }

    /** In a fresh JVM: one check of the application (args: dir, cache dir, build dir). */
    static void childCheck(List<String> args) throws Exception {
        var dir = Path.of(args.get(args.size() - 3));
        var cache = Path.of(args.get(args.size() - 2));
        var work = Path.of(args.get(args.size() - 1));
        long start = System.nanoTime();
        var module = dir.resolve("app").resolve(GeneratedApplication.MODULE);
        var log = new CheckLog() {
            @Override
            public void info(String message) {
                System.out.println("[info] " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("[warn] " + message);
            }

            @Override
            public void error(String message) {
                System.out.println("[error] " + message);
            }
        };
        // as CheckRunner does it: the git baseline, then the check with the cache in the local repository
        var settings = new PreviousReleases.Settings(module, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, work.resolve("baselines"));
        var previous = new PreviousReleases(settings, log).fromGit(PROJECT_VERSION, GeneratedApplication.MODULE,
                GeneratedApplication.MASTER);
        var current = ChangelogSource.of(module.resolve("src/main/resources"), GeneratedApplication.MASTER,
                PROJECT_VERSION);
        var phases = new ConcurrentHashMap<String, LongAdder>();
        CheckResult result = new RollbackSafetyCheck().withProgress(log::info)
                .withTiming((phase, nanos) -> phases.computeIfAbsent(phase, p -> new LongAdder()).add(nanos))
                .withUsageCache(cache, "bench").run(CheckRequest.of(current, previous));
        long wall = System.nanoTime() - start;
        new TreeMap<>(phases).forEach((phase, nanos) ->
                System.out.printf(Locale.ROOT, "%-17s %6.0f ms%n", phase, nanos.sum() / 1e6));
        var byRule = new TreeMap<String, Integer>();
        result.findings().forEach(f -> byRule.merge(f.rule(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "findings %s; queries %d found, %d parsed%n", byRule,
                result.coverage().found(), result.coverage().parsed());
        var written = work.resolve("baselines");
        System.out.println("files written out of git: " + (Files.exists(written) ? count(written) : 0));
        System.out.printf(Locale.ROOT, "Java sources parsed: %d of %d listed%n",
                io.github.rollbacksafety.query.javasource.JavaSourceQuerySource.COUNTS.parsed(),
                io.github.rollbacksafety.query.javasource.JavaSourceQuerySource.COUNTS.listed());
        printTotals(wall);
    }

    /** In a fresh JVM: the library work on one thread (arg: dir). */
    static void childLibrary(List<String> args) throws Exception {
        var dir = Path.of(args.get(args.size() - 1));
        var module = dir.resolve("app").resolve(GeneratedApplication.MODULE);
        // the inputs, read before the clock starts: the tag's sources and resources, the statements
        Map<String, byte[]> sources = new TreeMap<>();
        var tagResources = dir.resolve("library-tag");
        try (var git = GitBaselines.open(module)) {
            var tag = git.resolve(GeneratedApplication.TAG);
            git.readFiles(tag, git.modulePath(), "src/main/java", p -> p.endsWith(".java")).files()
                    .forEach(f -> sources.put(f.path(), f.content()));
            if (!Files.exists(tagResources)) {
                git.materialize(tag, git.modulePath(), List.of("src/main/resources"), tagResources);
            }
        }
        var previousRoot = GitBaselines.treeDirectory(tagResources, resolveTag(module)).resolve("src/main/resources");
        var statements = Files.readAllLines(dir.resolve("statements.txt"), StandardCharsets.UTF_8);
        long start = System.nanoTime();
        // the same configuration the check uses (no comments attributed); one parser, one thread
        var parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW).setAttributeComments(false));
        int parsedJava = 0;
        for (var text : sources.values()) {
            if (parser.parse(new String(text, StandardCharsets.UTF_8)).isSuccessful()) {
                parsedJava++;
            }
        }
        long java = System.nanoTime();
        try (var accessor = new DirectoryResourceAccessor(previousRoot)) {
            CheckBenchmark.parseChangelog(accessor, GeneratedApplication.MASTER);
        }
        long previous = System.nanoTime();
        try (var accessor = new DirectoryResourceAccessor(module.resolve("src/main/resources"))) {
            CheckBenchmark.parseChangelog(accessor, GeneratedApplication.MASTER);
        }
        long current = System.nanoTime();
        CCJSqlParser sql = null;
        int parsedSql = 0;
        for (var statement : statements) {
            if (sql == null) {
                sql = CCJSqlParserUtil.newParser(statement).withAllowComplexParsing(true);
            } else {
                sql.ReInit(new StringProvider(statement));
            }
            if (sql.Statement() != null) {
                parsedSql++;
            }
        }
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "JavaParser %d files %.0f ms, Liquibase previous %.0f ms, current %.0f ms,"
                        + " JSqlParser %d statements %.0f ms%n", parsedJava, (java - start) / 1e6,
                (previous - java) / 1e6, (current - previous) / 1e6, parsedSql, (end - current) / 1e6);
        printTotals(end - start);
    }

    private static io.github.rollbacksafety.baseline.GitBaseline resolveTag(Path module) {
        try (var git = GitBaselines.open(module)) {
            return git.resolve(GeneratedApplication.TAG);
        }
    }

    private static long count(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static void printTotals(long wallNanos) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        var jit = ManagementFactory.getCompilationMXBean();
        System.out.printf(Locale.ROOT, "gc %d ms, JIT %d ms (compiler threads), load %.1f%n", gc,
                jit == null ? -1 : jit.getTotalCompilationTime(), os.getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "TOTAL_MS=%.1f%n", wallNanos / 1e6);
        System.out.printf(Locale.ROOT, "CPU_MS=%.1f%n", cpu / 1e6);
        var byKind = threadCpu();
        if (!byKind.isEmpty()) {
            double vm = byKind.getOrDefault("jit", 0L) + byKind.getOrDefault("gc/vm", 0L);
            System.out.printf(Locale.ROOT, "CPU by thread: JIT compiler %d ms, GC and VM %d ms, the rest (work) %.0f ms%n",
                    byKind.getOrDefault("jit", 0L), byKind.getOrDefault("gc/vm", 0L), cpu / 1e6 - vm);
            System.out.printf(Locale.ROOT, "APP_CPU_MS=%.1f%n", cpu / 1e6 - vm);
        }
    }

    /**
     * CPU time (ms) of this JVM's JIT compiler threads ({@code jit}) and garbage collector and VM threads
     * ({@code gc/vm}), from Linux's {@code /proc/self/task}: the work threads' CPU is the process's minus these (work
     * threads that ended are gone from there, these live as long as the JVM). Empty where there is no such folder.
     */
    private static Map<String, Long> threadCpu() {
        var result = new TreeMap<String, Long>();
        var tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return result;
        }
        try (var list = Files.list(tasks)) {
            for (var task : list.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // ended meanwhile
                }
                int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                var name = stat.substring(open + 1, close);
                var fields = stat.substring(close + 2).split(" ");
                // utime and stime are fields 14 and 15 of the line (11 and 12 after the name), in clock ticks
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                var kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "jit"
                        : name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ") ? "gc/vm" : null;
                if (kind != null) {
                    result.merge(kind, ticks * 1000 / CLOCK_TICKS, Long::sum);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return new TreeMap<>();
        }
        return result;
    }

    /** Linux's USER_HZ, the unit of /proc's times: 100 on every common kernel configuration. */
    private static final long CLOCK_TICKS = 100;
}
