package io.github.rollbacksafety.bench;

import io.github.rollbacksafety.engine.CheckResult;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.report.ReportFormat;
import io.github.rollbacksafety.report.ReportMeta;
import io.github.rollbacksafety.report.ReportWriter;
import io.github.rollbacksafety.rules.RuleCatalogue;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.logging.core.NoOpLogService;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.resource.ZipResourceAccessor;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.StringProvider;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures the check on a generated project against the library work it cannot avoid (Liquibase parsing both
 * changelogs, JSqlParser parsing every query once on one thread). Run:
 * <pre>
 * ./mvnw -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.rollbacksafety.bench.CheckBenchmark [-Dexec.args="--10x"]
 * </pre>
 * Options: {@code --10x} adds the 10x size; {@code --runs=N} warm runs per size (default 5); {@code --cold} only
 * the cold figures (each side once, in fresh JVMs); {@code --no-cold} skips them; {@code --yaml-only}/
 * {@code --xml-only}.
 */
public final class CheckBenchmark {

    private static final double MB = 1024.0 * 1024.0;

    private CheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var options = List.of(args);
        if (options.contains("--child-check") || options.contains("--child-library")) {
            child(options);
            return;
        }
        if (options.contains("--child-app-check")) {
            ApplicationBenchmark.childCheck(options);
            return;
        }
        if (options.contains("--generate-app")) {
            // for profiling by hand: generate once, then run --child-app-check / --child-app-library against it
            var dir = Path.of(options.get(options.size() - 1));
            var app = GeneratedApplication.generate(dir.resolve("app"), "0.1.0-SNAPSHOT");
            Files.write(dir.resolve("statements.txt"), app.statements(), java.nio.charset.StandardCharsets.UTF_8);
            return;
        }
        if (options.contains("--child-app-library")) {
            ApplicationBenchmark.childLibrary(options);
            return;
        }
        int runs = options.stream().filter(a -> a.startsWith("--runs=")).map(a -> Integer.parseInt(a.substring(7)))
                .findFirst().orElse(5);
        var dir = Files.createTempDirectory("rollback-safety-bench");
        try {
            if (options.contains("--app") || options.contains("--app-only")) {
                ApplicationBenchmark.run(dir.resolve("application"), options.stream()
                        .filter(a -> a.startsWith("--rounds=")).map(a -> Integer.parseInt(a.substring(9)))
                        .findFirst().orElse(3));
                if (options.contains("--app-only")) {
                    return;
                }
            }
            if (!options.contains("--no-cold")) {
                cold(dir);
            }
            if (options.contains("--cold")) {
                return;
            }
            var scales = new ArrayList<>(List.of(0.1, 1.0));
            if (options.contains("--10x")) {
                scales.add(10.0);
            }
            var formats = options.contains("--yaml-only") ? List.of(SyntheticProject.Format.YAML)
                    : options.contains("--xml-only") ? List.of(SyntheticProject.Format.XML)
                    : List.of(SyntheticProject.Format.XML, SyntheticProject.Format.YAML);
            var growth = new LinkedHashMap<String, double[]>();
            for (var format : formats) {
                for (double scale : scales) {
                    var project = SyntheticProject.generate(dir.resolve(format + "-" + scale), scale, format);
                    var m = warm(project, runs);
                    growth.put(format + " x" + scale, new double[]{scale, m[0], m[1]});
                }
            }
            System.out.println();
            System.out.println("Growth (warm medians; linear = time/size constant):");
            for (var e : growth.entrySet()) {
                var v = e.getValue();
                System.out.printf(Locale.ROOT, "  %-10s check %8.0f ms  library %8.0f ms  check per 1x-unit %6.0f ms%n",
                        e.getKey(), v[1], v[2], v[1] / v[0]);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Warm figures: one warm-up of each side, then the median of {@code runs}. Returns {check ms, library ms}. */
    private static double[] warm(SyntheticProject project, int runs) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s: %d tables, %d changesets in %d files (previous: %d files), %d queries ==%n",
                project.format, project.tables, project.changeSets, project.files, project.previousFiles,
                project.statements.size());
        runCheck(project, true);
        library(project);
        var checks = new ArrayList<CheckRun>();
        var libraries = new ArrayList<Library>();
        for (int i = 0; i < runs; i++) {
            checks.add(runCheck(project, true));
            libraries.add(library(project));
        }
        checks.sort(Comparator.comparingLong(CheckRun::wallNanos));
        libraries.sort(Comparator.comparingLong(Library::total));
        var check = checks.get(checks.size() / 2);
        var lib = libraries.get(libraries.size() / 2);
        print("warm median of " + runs, check, lib);
        return new double[]{check.wallNanos / 1e6, lib.total() / 1e6};
    }

    private static void print(String label, CheckRun check, Library lib) {
        System.out.printf(Locale.ROOT, "  [%s] check %.0f ms (+ reports %.0f ms), findings %d, queries parsed %d/%d%n",
                label, check.wallNanos / 1e6, check.reportNanos / 1e6, check.result.findings().size(),
                check.result.coverage().parsed(), check.result.coverage().found());
        check.phases.forEach((phase, nanos) ->
                System.out.printf(Locale.ROOT, "      %-17s %8.0f ms%n", phase, nanos / 1e6));
        System.out.printf(Locale.ROOT, "      peak heap        %8.0f MB (heap pools, after a GC before the run)%n",
                check.peakHeapBytes / MB);
        System.out.printf(Locale.ROOT, "  [%s] library %.0f ms = Liquibase parse previous %.0f + current %.0f"
                        + " + JSqlParser %d statements %.0f ms (one thread, %.0f/s)%n", label, lib.total() / 1e6,
                lib.previousNanos / 1e6, lib.currentNanos / 1e6, lib.statements, lib.sqlNanos / 1e6,
                lib.statements / (lib.sqlNanos / 1e9));
        System.out.printf(Locale.ROOT, "  [%s] RATIO check/library = %.2f (with reports %.2f)%n", label,
                (double) check.wallNanos / lib.total(), (double) (check.wallNanos + check.reportNanos) / lib.total());
    }

    record CheckRun(long wallNanos, long reportNanos, Map<String, Long> phases, long peakHeapBytes,
                            CheckResult result) {
    }

    static CheckRun runCheck(SyntheticProject project, boolean reports) throws IOException {
        System.gc();
        var pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        var phases = new ConcurrentHashMap<String, LongAdder>();
        var check = new RollbackSafetyCheck()
                .withTiming((phase, nanos) -> phases.computeIfAbsent(phase, p -> new LongAdder()).add(nanos));
        long start = System.nanoTime();
        var result = check.run(project.request());
        long wall = System.nanoTime() - start;
        long reportNanos = 0;
        if (reports) {
            var out = Files.createTempDirectory("bench-reports");
            long r = System.nanoTime();
            var meta = new ReportMeta(ReportMeta.TOOL_NAME, "bench",
                    new ReportMeta.Coordinates("bench", "bench", "1.1.0"),
                    Optional.of(new ReportMeta.Coordinates("bench", "bench", "1.0.0")), Optional.empty(), "");
            new ReportWriter().write(EnumSet.allOf(ReportFormat.class), out, meta, result, RuleCatalogue.all(),
                    FailOn.BREAKING);
            reportNanos = System.nanoTime() - r;
            deleteTree(out);
        }
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        var ordered = new LinkedHashMap<String, Long>();
        for (var phase : List.of(RollbackSafetyCheck.Timing.PARSE_PREVIOUS, RollbackSafetyCheck.Timing.PARSE_CURRENT,
                RollbackSafetyCheck.Timing.SCHEMA_REPLAY, RollbackSafetyCheck.Timing.USAGE_EXTRACTION,
                RollbackSafetyCheck.Timing.RULES)) {
            ordered.put(phase, Optional.ofNullable(phases.get(phase)).map(LongAdder::sum).orElse(0L));
        }
        ordered.put("reports", reportNanos);
        return new CheckRun(wall, reportNanos, ordered, peak, result);
    }

    private record Library(long previousNanos, long currentNanos, long sqlNanos, int statements) {
        long total() {
            return previousNanos + currentNanos + sqlNanos;
        }
    }

    /** The work no implementation can skip: Liquibase parsing both changelogs, JSqlParser parsing every query. */
    static Library library(SyntheticProject project) throws Exception {
        long start = System.nanoTime();
        try (var jar = new ZipResourceAccessor(project.previousJar)) {
            parseChangelog(jar, project.master());
        }
        long previous = System.nanoTime() - start;
        start = System.nanoTime();
        try (var dir = new DirectoryResourceAccessor(project.currentRoot)) {
            parseChangelog(dir, project.master());
        }
        long current = System.nanoTime() - start;
        start = System.nanoTime();
        int parsed = 0;
        // the fastest way to call the parser: one instance, re-initialised per statement
        CCJSqlParser parser = null;
        for (var sql : project.statements) {
            if (parser == null) {
                parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true);
            } else {
                parser.ReInit(new StringProvider(sql));
            }
            if (parser.Statement() != null) {
                parsed++;
            }
        }
        long sqlNanos = System.nanoTime() - start;
        return new Library(previous, current, sqlNanos, parsed);
    }

    static void parseChangelog(ResourceAccessor accessor, String master) throws Exception {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), accessor);
        scope.put(Scope.Attr.logService.name(), new NoOpLogService());
        scope.put("liquibase.validateXmlChangelogFiles", false);
        Scope.child(scope, () -> {
            var log = ChangeLogParserFactory.getInstance().getParser(master, accessor)
                    .parse(master, new ChangeLogParameters(), accessor);
            if (log.getChangeSets().isEmpty()) {
                throw new IllegalStateException("no changesets parsed from " + master);
            }
        });
    }

    /** Cold figures: each side once, first thing in a fresh JVM (-Xmx512m), at 1x, XML. */
    private static void cold(Path dir) throws Exception {
        var project = SyntheticProject.generate(dir.resolve("cold"), 1.0, SyntheticProject.Format.XML);
        System.out.println("== cold (fresh JVM each, -Xmx512m, 1x XML) ==");
        var check = runChild("-Xmx512m", "--child-check", dir.resolve("cold").toString())[0];
        var lib = runChild("-Xmx512m", "--child-library", dir.resolve("cold").toString())[0];
        System.out.printf(Locale.ROOT, "  [cold] check %.0f ms, library %.0f ms, RATIO check/library = %.2f%n",
                check, lib, check / lib);
        if (project.statements.isEmpty()) {
            throw new IllegalStateException("no statements");
        }
    }

    /** Runs this class in a fresh JVM with {@code args}; returns its TOTAL_MS and CPU_MS (-1 when not printed). */
    static double[] runChild(String heap, String... args) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, heap, "-cp", classPath(), CheckBenchmark.class.getName()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(args[0] + " failed:\n" + output);
        }
        System.out.print(output.lines().filter(l -> !l.startsWith("SLF4J"))
                .map(l -> "    " + l + "\n").reduce("", String::concat));
        var total = output.lines().filter(l -> l.startsWith("TOTAL_MS=")).findFirst().orElseThrow();
        var cpu = output.lines().filter(l -> l.startsWith("CPU_MS=")).findFirst().orElse("CPU_MS=-1");
        var appCpu = output.lines().filter(l -> l.startsWith("APP_CPU_MS=")).findFirst().orElse("APP_CPU_MS=-1");
        return new double[]{Double.parseDouble(total.substring("TOTAL_MS=".length())),
                Double.parseDouble(cpu.substring("CPU_MS=".length())),
                Double.parseDouble(appCpu.substring("APP_CPU_MS=".length()))};
    }

    /** The test class path: exec:java runs us in Maven's JVM, where java.class.path is Maven's own. */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 1) {
            var entries = new ArrayList<String>();
            for (var url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a file: not needed by the child
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** In a fresh JVM: one run of one side against an already generated project. */
    private static void child(List<String> options) throws Exception {
        var dir = Path.of(options.get(options.size() - 1));
        var project = SyntheticProject.reopen(dir, 1.0, SyntheticProject.Format.XML);
        if (options.contains("--child-check")) {
            var run = runCheck(project, false);
            run.phases.forEach((phase, nanos) -> {
                if (!phase.equals("reports")) {
                    System.out.printf(Locale.ROOT, "check %-17s %8.0f ms%n", phase, nanos / 1e6);
                }
            });
            System.out.printf(Locale.ROOT, "check peak heap %.0f MB, findings %d%n", run.peakHeapBytes / MB,
                    run.result.findings().size());
            System.out.printf(Locale.ROOT, "TOTAL_MS=%.1f%n", run.wallNanos / 1e6);
        } else {
            var lib = library(project);
            System.out.printf(Locale.ROOT, "library: Liquibase previous %.0f ms, current %.0f ms, JSqlParser %.0f ms%n",
                    lib.previousNanos / 1e6, lib.currentNanos / 1e6, lib.sqlNanos / 1e6);
            System.out.printf(Locale.ROOT, "TOTAL_MS=%.1f%n", lib.total() / 1e6);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
