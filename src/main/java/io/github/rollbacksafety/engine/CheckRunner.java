package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.baseline.ArtifactCoordinates;
import io.github.rollbacksafety.baseline.BaselineUnresolvedException;
import io.github.rollbacksafety.baseline.ChangelogLocator;
import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.baseline.PreviousReleases;
import io.github.rollbacksafety.baseline.ReleaseRepository;
import io.github.rollbacksafety.cache.CheckCache;
import io.github.rollbacksafety.cache.InputFingerprint;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.database.DatabaseCheck;
import io.github.rollbacksafety.database.DatabaseTarget;
import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.query.ReadingOptions;
import io.github.rollbacksafety.query.mapping.PhysicalNaming;
import io.github.rollbacksafety.report.ConsoleLine;
import io.github.rollbacksafety.report.ConsoleReport;
import io.github.rollbacksafety.report.ReportData;
import io.github.rollbacksafety.report.ReportFormat;
import io.github.rollbacksafety.report.ReportMeta;
import io.github.rollbacksafety.report.ReportWriter;
import io.github.rollbacksafety.rules.RuleCatalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code check} goal as a plain class: decides where the changelogs and previous releases come from, whether
 * the last outcome still stands (cache), runs {@link RollbackSafetyCheck}, writes the reports and says whether the
 * build fails. The Maven adapter only fills {@link CheckSettings}, passes its log and its
 * {@link ReleaseRepository}, and turns a failed {@link Outcome} into a build failure.
 */
public final class CheckRunner {

    private final ReleaseRepository repository;
    private final CheckLog log;

    public CheckRunner(ReleaseRepository repository, CheckLog log) {
        this.repository = repository;
        this.log = log;
    }

    /** How a run ended. {@link Kind#FAILED} fails the build; every other kind lets it pass. */
    public record Outcome(Kind kind, String message) {

        public enum Kind {
            /** Nothing to check (no changelog). */
            SKIPPED,
            /** The baseline could not be looked up and the user accepted that. */
            NOT_CHECKED,
            /** A first release: nothing to stay compatible with. */
            FIRST_RELEASE,
            /** Checked (or replayed from the cache): safe per {@code failOn}. */
            PASSED,
            /** Checked (or replayed from the cache): the build must fail. */
            FAILED
        }

        public boolean failed() {
            return kind == Kind.FAILED;
        }
    }

    /**
     * Runs the check.
     *
     * @throws io.github.rollbacksafety.RollbackSafetyException for input the user must fix (bad parameters,
     *                                                          unreadable changelogs, an unresolved baseline)
     */
    public Outcome run(CheckSettings settings) {
        var masters = settings.layout().changelogs();
        if (!masters.isEmpty()) {
            return runEach(settings, masters);
        }
        var project = settings.project();
        var changelogDirectories = changelogDirectories(settings);
        var roots = new ArrayList<>(project.resourceRoots());
        roots.addAll(changelogDirectories);
        var master = settings.changelog().map(ChangelogLocator::strip)
                .or(() -> ChangelogLocator.locate(ChangelogLocator.inDirectories(roots)));
        if (master.isEmpty()) {
            var message = "Rollback safety check skipped: no Liquibase changelog found in " + roots
                    + " (set <changelog> if it lives elsewhere).";
            log.info(message);
            return new Outcome(Outcome.Kind.SKIPPED, message);
        }
        var currentRoots = currentRoots(project, changelogDirectories, master.get());
        var current = new ChangelogSource(currentRoots, master.get(), project.version(), project::classPath);
        var baseline = baselineCoordinates(settings);
        var previous = previousReleases(settings, baseline, master.get());
        if (previous.stop().isPresent()) {
            return previous.stop().get();
        }
        var request = new CheckRequest(current, previous.releases(), settings.changelogOptions(), settings.waivers(),
                settings.failOn()).withDefaultSchema(settings.defaultSchema());
        if (settings.queries().checkForward() && !previous.releases().isEmpty()) {
            request = request.withForward(CurrentQueries.of(settings, master.get(), repository, log));
        }
        return checkAndReport(request, settings, new Reporting(currentRoots, master.get(), baseline));
    }

    /** The previous releases to check against, or the outcome that ends the run before any check. */
    private record Previous(List<PreviousRelease> releases, Optional<Outcome> stop) {

        static Previous stopping(Outcome.Kind kind, String message) {
            return new Previous(List.of(), Optional.of(new Outcome(kind, message)));
        }
    }

    /**
     * Looks the previous releases up: from the repository (the configured version, else the last releases below
     * the project's), then from git when the repository had none and the module is tracked. An unresolvable
     * repository lookup stops the run unless {@code allowUnresolvedBaseline}; none at all is a first release,
     * or a failure with {@code failIfNoBaseline}.
     */
    private Previous previousReleases(CheckSettings settings, ArtifactCoordinates baseline, String master) {
        var project = settings.project();
        var releasesOf = new PreviousReleases(new PreviousReleases.Settings(project.moduleDir(),
                settings.queries().artifacts(), settings.queries().dependencies(), settings.queries().files(),
                settings.baseline().gitRef(), settings.baseline().tagPattern(), settings.baseline().modulePath(),
                settings.baseline().releases(), settings.output().reportDirectory().resolve("baselines"),
                new PreviousReleases.Layout(settings.layout().baselineChangelog(),
                        settings.layout().changelogDirectories(), settings.layout().baselineResourceDirectories()),
                project.classPath(), settings.queries().baselineModules(), settings.queries().physicalNaming()), log)
                .withReading(new ReadingOptions(settings.queries().resourceIncludes(),
                        settings.queries().resourceExcludes(), settings.changelogOptions().dbms()))
                .withModuleCache(new io.github.rollbacksafety.cache.ModuleSelectionCache(settings.cacheDirectory(),
                        settings.toolVersion()));
        var previous = new ArrayList<PreviousRelease>();
        var source = settings.baseline().source();
        if (source.asksRepository()) {
            List<String> versions;
            try {
                versions = settings.baseline().version().map(List::of)
                        .orElseGet(() -> repository.releasesBelow(baseline, project.version(),
                                Math.max(1, settings.baseline().releases())));
            } catch (BaselineUnresolvedException e) {
                if (!settings.baseline().allowUnresolved()) {
                    throw e;
                }
                log.warn(e.getMessage());
                var message = "Rollback safety NOT checked: allowUnresolvedBaseline is set.";
                log.warn(message);
                return Previous.stopping(Outcome.Kind.NOT_CHECKED, message);
            }
            for (var version : versions) {
                previous.add(releasesOf.fromRepository(repository, baseline, version, master));
            }
        }
        if (previous.isEmpty() && source.asksGit(() -> GitBaselines.tracksModule(project.moduleDir()))) {
            previous.addAll(releasesOf.fromGit(Optional.of(repository), project.version(), project.artifactId(),
                    master));
        }
        if (previous.isEmpty()) {
            if (settings.baseline().failIfNone()) {
                return Previous.stopping(Outcome.Kind.FAILED, "No previous release of " + baseline.ga() + " below "
                        + project.version() + " found, and failIfNoBaseline is set.");
            }
            log.info("No previous release of " + baseline.ga() + " below " + project.version()
                    + ": first release, nothing to stay compatible with.");
        }
        return new Previous(List.copyOf(previous), Optional.empty());
    }

    /** Where the reports point: the current changelog's roots and master, and the baseline artifact. */
    private record Reporting(List<Path> currentRoots, String master, ArtifactCoordinates baseline) {
    }

    /**
     * Replays the last outcome when nothing changed since (cache hit); otherwise runs the check, writes the
     * reports, remembers the outcome and decides the build's.
     */
    private Outcome checkAndReport(CheckRequest request, CheckSettings settings, Reporting reporting) {
        var reportDirectory = settings.output().reportDirectory();
        var cache = new CheckCache(reportDirectory);
        // the fingerprint reads every input (a build output may hold thousands of classes): with no stored outcome
        // to compare it with, it is computed while the check runs, only to be stored with the new outcome
        var stored = cache.holdsEntry();
        var fingerprinting = stored ? CompletableFuture.completedFuture(fingerprint(request, settings))
                : CompletableFuture.supplyAsync(() -> fingerprint(request, settings), CheckRunner::daemon);
        var hit = stored ? fingerprinting.join().flatMap(cache::lookup) : Optional.<CheckCache.Entry>empty();
        if (hit.isPresent()) {
            return replay(hit.get(), reportDirectory);
        }
        var firstRelease = request.previousReleases().isEmpty();
        var check = new RollbackSafetyCheck().withProgress(log::info)
                .withUsageCache(settings.cacheDirectory(), settings.toolVersion());
        if (settings.database().isPresent() && !firstRelease) {
            check = check.withDatabase(new DatabaseCheck(settings.database().get()));
        }
        var result = check.run(request);
        var fingerprint = RollbackSafetyCheck.join(fingerprinting); // an input it cannot read fails as before
        var reported = report(result, settings, reporting);
        fingerprint.ifPresent(key -> cache.store(new CheckCache.Entry(key, result.verdict(), reported.consoleLines(),
                reported.files().stream().map(p -> p.getFileName().toString()).toList())));
        if (result.verdict() == Verdict.FAIL) {
            return new Outcome(Outcome.Kind.FAILED, "Rollback safety check failed: "
                    + failedPairing(result, settings.failOn()) + ". See " + reportDirectory + " for details.");
        }
        return new Outcome(firstRelease ? Outcome.Kind.FIRST_RELEASE : Outcome.Kind.PASSED,
                "Rollback safety: " + result.verdict());
    }

    /** Runs {@code task} on a thread of its own that does not keep the JVM alive. */
    private static void daemon(Runnable task) {
        var thread = new Thread(task, "rollback-safety input fingerprint");
        thread.setDaemon(true);
        thread.start();
    }

    /** Which application would break on which schema, after the directions of the failing findings. */
    private static String failedPairing(CheckResult result, FailOn failOn) {
        var failing = result.findings().stream()
                .filter(failOn::fails)
                .map(f -> f.direction()).distinct().toList();
        var backward = "the previous release " + String.join(", ", result.baselines())
                + " would break against the new schema";
        var forward = "the new release would break against the schema of " + result.baselines().get(0)
                + " until its migration has run";
        if (failing.contains(io.github.rollbacksafety.rules.Direction.FORWARD)) {
            return failing.contains(io.github.rollbacksafety.rules.Direction.BACKWARD)
                    ? backward + ", and " + forward : forward;
        }
        return backward;
    }

    /**
     * Several master changelogs of one module (one per database the application migrates): each is checked against
     * its own previous release and reported in a sub-folder of the report directory; the build fails when one fails.
     */
    private Outcome runEach(CheckSettings settings, List<String> masters) {
        var outcomes = new ArrayList<Outcome>();
        for (var master : masters) {
            var name = ChangelogLocator.strip(master);
            log.info("Rollback safety: changelog " + name);
            var output = new CheckSettings.Output(settings.output().reportDirectory().resolve(reportFolder(name)),
                    settings.output().reportFormats(), settings.output().colour());
            var layout = new CheckSettings.Layout(List.of(), settings.layout().changelogDirectories(),
                    settings.layout().baselineChangelog(), settings.layout().baselineResourceDirectories());
            outcomes.add(run(new CheckSettings(settings.project(), Optional.of(name), settings.changelogOptions(),
                    settings.baseline(), settings.queries(), settings.waivers(), settings.failOn(), output,
                    settings.cacheDirectory(), settings.toolVersion(), layout)));
        }
        var failed = outcomes.stream().filter(Outcome::failed).map(Outcome::message).toList();
        if (!failed.isEmpty()) {
            return new Outcome(Outcome.Kind.FAILED, String.join(" ", failed));
        }
        var checked = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.PASSED).findFirst();
        return checked.orElse(outcomes.get(0));
    }

    /** A report folder named after a master changelog: its path with separators and dots as dashes. */
    static String reportFolder(String master) {
        var name = master.replaceAll("\\.(xml|ya?ml|json|sql)$", "");
        return name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    }

    /** The {@code changelogDirectories} of the module that exist, resolved against it. */
    static List<Path> changelogDirectories(CheckSettings settings) {
        var moduleDir = settings.project().moduleDir();
        return settings.layout().changelogDirectories().stream()
                .map(d -> moduleDir.resolve(d).normalize()).filter(Files::isDirectory).toList();
    }

    /**
     * Where the current changelog is read from. The goal runs after the build copied and generated resources, so
     * the build output directory comes first when it holds the master (it may hold files only the build puts
     * there, such as SQL files copied from another folder), then the resource roots and changelog directories.
     * When none holds the master, the output directory alone (the reader then names what is missing).
     */
    static List<Path> currentRoots(CheckSettings.Project project, List<Path> changelogDirectories, String master) {
        var roots = new ArrayList<Path>();
        if (Files.isRegularFile(project.outputDir().resolve(master))) {
            roots.add(project.outputDir());
        }
        roots.addAll(project.resourceRoots());
        roots.addAll(changelogDirectories);
        return roots.stream().anyMatch(r -> Files.isRegularFile(r.resolve(master))) ? List.copyOf(roots)
                : List.of(project.outputDir());
    }

    static List<Path> currentRoots(CheckSettings.Project project, String master) {
        return currentRoots(project, List.of(), master);
    }

    /** The artifact whose releases hold the previous changelogs: configured, else the module's own. */
    static ArtifactCoordinates baselineCoordinates(CheckSettings settings) {
        var project = settings.project();
        return settings.baseline().artifact().map(spec -> ArtifactCoordinates.parse(spec, "jar"))
                .orElseGet(() -> new ArtifactCoordinates(project.groupId(), project.artifactId(),
                        "pom".equals(project.extension()) || project.extension().isBlank() ? "jar"
                                : project.extension(), ""));
    }

    /**
     * The content hash of everything the check reads and everything that shapes its reports, or empty when an
     * input cannot be hashed cheaply (query file globs): then the check always runs.
     */
    static Optional<String> fingerprint(CheckRequest request, CheckSettings settings) {
        var queryFiles = settings.queries().files();
        if (queryFiles.stream().anyMatch(q -> q.contains("*") || q.contains("?"))) {
            return Optional.empty();
        }
        var outputDir = settings.project().outputDir();
        if (request.checkForward() && (!settings.queries().artifacts().isEmpty() || !Files.isDirectory(outputDir))) {
            return Optional.empty(); // current query artifacts (snapshots) or sources read without a build output
        }
        var fp = InputFingerprint.of(request);
        queryFiles.forEach(q -> fp.path(settings.project().moduleDir().resolve(q)));
        if (request.checkForward()) {
            fp.text("forward", "new app + old schema").path(outputDir);
        }
        fp.text("config", String.join("|", settings.toolVersion(), settings.output().reportFormats(),
                String.valueOf(settings.queries().artifacts()), String.valueOf(settings.queries().dependencies()),
                String.valueOf(settings.queries().baselineModules()),
                settings.queries().physicalNaming().map(PhysicalNaming::spelling).orElse("auto"),
                String.valueOf(settings.output().reportDirectory()),
                settings.database().map(DatabaseTarget::label).orElse("no database")));
        return Optional.of(fp.hex());
    }

    private Outcome replay(CheckCache.Entry hit, Path reportDirectory) {
        log.info("Rollback safety: nothing changed since the last check; its outcome stands:");
        hit.consoleLines().forEach(this::log);
        return hit.verdict() == Verdict.FAIL
                ? new Outcome(Outcome.Kind.FAILED, "Rollback safety check failed (unchanged since the last run). See "
                        + reportDirectory + " for details.")
                : new Outcome(Outcome.Kind.PASSED, "Rollback safety: PASS (unchanged since the last run)");
    }

    /** What a check wrote: report files and the console lines (replayed when the next run is a cache hit). */
    private record Reported(List<Path> files, List<ConsoleLine> consoleLines) {
    }

    private Reported report(CheckResult result, CheckSettings settings, Reporting reporting) {
        var currentRoots = reporting.currentRoots();
        var master = reporting.master();
        var baseline = reporting.baseline();
        var project = settings.project();
        var repositoryRoot = project.repositoryRoot();
        // reports point at the sources (src/main/resources), not at the build's copy of them
        var resourceRoot = java.util.stream.Stream.concat(project.resourceRoots().stream(), currentRoots.stream())
                .filter(r -> Files.isRegularFile(r.resolve(master))).findFirst();
        var changelogRoot = repositoryRoot.flatMap(root -> resourceRoot.map(dir -> ReportMeta.changelogRootOf(root, dir)))
                .orElse("");
        var meta = new ReportMeta(ReportMeta.TOOL_NAME, settings.toolVersion(),
                new ReportMeta.Coordinates(project.groupId(), project.artifactId(), project.version()),
                result.baselines().stream().findFirst()
                        .map(v -> new ReportMeta.Coordinates(baseline.groupId(), baseline.artifactId(), v)),
                repositoryRoot, changelogRoot);
        var rules = RuleCatalogue.all();
        var lines = new ConsoleReport(settings.output().colour())
                .render(new ReportData(meta, result, rules, settings.failOn()));
        lines.forEach(this::log);
        var reportDirectory = settings.output().reportDirectory();
        var formats = ReportFormat.parse(settings.output().reportFormats());
        var written = new ReportWriter().write(formats, reportDirectory, meta, result, rules, settings.failOn());
        log.info("Reports: " + written.stream().map(p -> p.getFileName().toString()).toList() + " in "
                + reportDirectory);
        // stored for replay without colour codes: the next build may not run on a colour terminal
        return new Reported(written, lines.stream()
                .map(l -> new ConsoleLine(l.level(), l.text().replaceAll("\u001B\\[[;\\d]*m", ""))).toList());
    }

    private void log(ConsoleLine line) {
        switch (line.level()) {
            case ERROR -> log.error(line.text());
            case WARN -> log.warn(line.text());
            default -> log.info(line.text());
        }
    }
}
