package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.ArchiveLayout;
import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.query.javasource.JavaSourceQuerySource;
import io.github.rollbacksafety.query.sqlfile.QueryFilesSource;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.ReadingOptions;
import io.github.rollbacksafety.query.sqlfile.SqlResourcesSource;
import io.github.rollbacksafety.query.archive.ArchiveQuerySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Turns a previous release, found in a Maven repository or at a git ref, into the engine's {@link PreviousRelease}:
 * where its changelog is and where its queries are (its archives, the query artifacts, the query files).
 */
public final class PreviousReleases {

    /**
     * What the POM says about where previous releases and their queries are.
     *
     * @param moduleDir         the module's base directory
     * @param queryArtifacts    {@code groupId:artifactId[:version]} holding more of the previous release's queries
     * @param queryDependencies artifactId prefixes of packaged libraries whose queries count
     * @param queryFiles        files relative to the module with the previous version's SQL
     * @param gitRef            an explicit git ref to check against
     * @param tagPattern        the release tag format
     * @param modulePath        the module's path in the repository at the baseline, when it moved
     * @param releases          the rollback window
     * @param treeCache         where trees read from git are written
     * @param layout            where changelogs are at the baseline, when not in the module's resources
     * @param classPath         the current module's runtime class path: a git baseline's custom change classes
     *                          and files included from dependencies are looked up there (the release's own class
     *                          path is not known from git)
     */
    public record Settings(Path moduleDir, List<String> queryArtifacts, List<String> queryDependencies,
                    List<String> queryFiles, Optional<String> gitRef, Optional<String> tagPattern,
                    Optional<String> modulePath, int releases, Path treeCache, Layout layout, List<Path> classPath) {

        public Settings {
            queryArtifacts = List.copyOf(queryArtifacts);
            queryDependencies = List.copyOf(queryDependencies);
            queryFiles = List.copyOf(queryFiles);
            classPath = List.copyOf(classPath);
        }

        public Settings(Path moduleDir, List<String> queryArtifacts, List<String> queryDependencies,
                        List<String> queryFiles, Optional<String> gitRef, Optional<String> tagPattern,
                        Optional<String> modulePath, int releases, Path treeCache) {
            this(moduleDir, queryArtifacts, queryDependencies, queryFiles, gitRef, tagPattern, modulePath, releases,
                    treeCache, Layout.DEFAULT, List.of());
        }
    }

    /**
     * Where a release's changelogs are when not in {@code src/main/resources} of the module.
     *
     * @param baselineChangelog           the master's classpath path at the baseline (renamed or moved since)
     * @param changelogDirectories        more folders relative to the module (may leave it) holding changelogs
     * @param baselineResourceDirectories the module's resource folders at a git baseline, for older layouts
     */
    public record Layout(Optional<String> baselineChangelog, List<String> changelogDirectories,
                         List<String> baselineResourceDirectories) {

        public static final Layout DEFAULT = new Layout(Optional.empty(), List.of(), List.of());

        public Layout {
            changelogDirectories = List.copyOf(changelogDirectories);
            baselineResourceDirectories = List.copyOf(baselineResourceDirectories);
        }
    }

    private final Settings settings;
    private ReadingOptions reading = ReadingOptions.DEFAULT;
    private final CheckLog log;

    /** Reads the releases' query sources with these options (resource globs, dbms). */
    public PreviousReleases withReading(ReadingOptions options) {
        this.reading = options;
        return this;
    }

    public PreviousReleases(Settings settings, CheckLog log) {
        this.settings = settings;
        this.log = log;
    }

    /** A release published to a Maven repository. */
    public PreviousRelease fromRepository(ReleaseRepository repository, ArtifactCoordinates coords,
                                   String version, String master) {
        var resolved = repository.resolve(coords, version);
        log.info("Checking against previous release " + coords.ga() + ":" + version + " from " + resolved.repository());
        var jar = resolved.file();
        var wanted = settings.layout().baselineChangelog().map(ChangelogLocator::strip).orElse(master);
        var previousMaster = exists(jar, wanted) ? wanted
                : ChangelogLocator.locate(path -> open(jar, path)).orElseThrow(() -> noChangelog(
                        coords.ga() + ":" + version + " (" + jar + ")", wanted));
        // a released artifact never changes: its SHA-256 identifies everything derived from it
        var content = new StringBuilder("archive:").append(sha256(jar));
        var sources = new ArrayList<>(archiveSources(jar, previousMaster, content.toString()));
        for (var spec : settings.queryArtifacts()) {
            var parts = spec.strip().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new RollbackSafetyException("<queryArtifact> '" + spec + "' is not groupId:artifactId[:version]");
            }
            var queryCoords = ArtifactCoordinates.parse(parts[0] + ":" + parts[1], "jar");
            var queryVersion = parts.length > 2 ? parts[2] : version;
            var queryJar = repository.resolve(queryCoords, queryVersion).file();
            var key = "archive:" + sha256(queryJar);
            content.append(',').append(key);
            sources.addAll(archiveSources(queryJar, previousMaster, key));
        }
        sources.addAll(queryFileSources());
        // a release whose custom changes were read with stand-ins (its class path could not be resolved) is not
        // cached: the next build may resolve it
        var complete = new java.util.concurrent.atomic.AtomicBoolean(true);
        var classPath = memoized(() -> {
            try {
                return repository.runtimeClassPath(coords, version);
            } catch (RuntimeException e) {
                log.warn("Custom change classes of " + coords.ga() + ":" + version + " are looked up in its jar only: "
                        + e.getMessage() + " Classes that are not there get stand-ins.");
                complete.set(false);
                return List.of(jar);
            }
        });
        return new PreviousRelease(version, ChangelogSource.of(jar, previousMaster, version).withClassPath(classPath),
                sources, Optional.of(new PreviousRelease.Content(content.toString(), () -> { }, complete::get)));
    }

    /** Computes the value once, when first asked (resolving a release's dependencies may mean downloads). */
    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> supplier) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * Releases from git: release tags below the project version, or the configured ref. Nothing is read from a
     * release's files here: they are identified by their git trees, the Java sources are read from git's object
     * database when they are parsed, and the resources are written out only when something must read them (not
     * when the previous release comes from the cache).
     */
    public List<PreviousRelease> fromGit(String projectVersion, String artifactId, String master) {
        var result = new ArrayList<PreviousRelease>();
        try (var git = GitBaselines.open(settings.moduleDir())) {
            var found = git.baselines(projectVersion, artifactId, settings.gitRef(), settings.tagPattern(),
                    Math.max(1, settings.releases()));
            if (found.isEmpty()) {
                log.info("No release tag below " + projectVersion + " in " + git.repositoryRoot() + ".");
            }
            for (var b : found) {
                log.info("Checking against git " + b.ref() + " (" + b.shortCommitId() + "): " + b.reason());
                var layout = settings.layout();
                var moduleInRepo = settings.modulePath().orElse(git.modulePath());
                var subPaths = new ArrayList<>(GitBaselines.MODULE_SOURCES);
                subPaths.addAll(layout.baselineResourceDirectories());
                var outside = outsideDirectories(moduleInRepo);
                // what identifies the files read, for good: the git trees of the folders read (not the commit, so
                // another tag of the same files shares the cache)
                var key = "git:" + git.contentId(b, moduleInRepo, subPaths)
                        + (outside.isEmpty() ? "" : ",outside:" + git.contentId(b, "", outside));
                var moduleTree = GitBaselines.treeDirectory(settings.treeCache(), b);
                var outsideTree = GitBaselines.treeDirectory(settings.treeCache().resolve("changelog-directories"), b);
                var roots = new ArrayList<TreeRoot>();
                if (layout.baselineResourceDirectories().isEmpty()) {
                    roots.add(new TreeRoot(moduleTree.resolve(RESOURCES), moduleInRepo, RESOURCES));
                } else {
                    layout.baselineResourceDirectories().forEach(d -> roots.add(new TreeRoot(moduleTree.resolve(d),
                            moduleInRepo, d)));
                }
                outside.forEach(d -> roots.add(new TreeRoot(outsideTree.resolve(d), "", d)));
                var gitMaster = layout.baselineChangelog().map(ChangelogLocator::strip).orElse(master);
                // the master may have moved since that release, as for a release from a repository: looked up in
                // git's trees (and the few conventional files read from git's objects), nothing written out
                var existing = roots.stream().filter(r -> git.isDirectory(b, r.module(), r.path())).toList();
                var resources = roots.get(0).dir();
                var previousMaster = existing.stream().anyMatch(r -> git.exists(b, r.module(), r.path() + "/" + gitMaster))
                        ? gitMaster
                        : ChangelogLocator.locate(path -> existing.stream()
                                .map(r -> git.readFile(b, r.module(), r.path() + "/" + path))
                                .flatMap(Optional::stream).findFirst().map(ByteArrayInputStream::new))
                        .orElseThrow(() -> noChangelog("at git " + b.ref(), gitMaster));
                var complete = new java.util.concurrent.atomic.AtomicBoolean(true);
                var sources = new ArrayList<>(archiveSources(resources, previousMaster, key));
                sources.add(new KeyedQuerySource(new JavaSourceQuerySource(javaSourcesAt(b, moduleInRepo, complete),
                        b.ref()).withLocationPrefix(JAVA + "/"), "java-sources|" + key));
                sources.addAll(queryFileSources());
                var changelog = new ChangelogSource(existing.isEmpty() ? List.of(resources)
                        : existing.stream().map(TreeRoot::dir).toList(), previousMaster, b.version(), settings::classPath);
                var readSubPaths = subPaths.stream().filter(d -> !d.equals(JAVA)).toList();
                Runnable write = () -> writeTrees(b, moduleInRepo, readSubPaths, outside, roots, previousMaster, complete);
                result.add(new PreviousRelease(b.version(), changelog, sources,
                        Optional.of(new PreviousRelease.Content(key, once(write), complete::get))));
            }
        }
        return result;
    }

    /** A folder the changelog is read from: where it is written out, and where it is in git (module, path). */
    private record TreeRoot(Path dir, String module, String path) {
    }

    private static final String RESOURCES = "src/main/resources";
    private static final String JAVA = "src/main/java";

    /**
     * The {@code changelogDirectories} as repository-relative paths at a git baseline: module-relative folders,
     * which may leave the module (a {@code schema/} folder at the repository root), resolved against its path then.
     */
    private List<String> outsideDirectories(String moduleInRepo) {
        var repoRelative = new ArrayList<String>();
        for (var d : settings.layout().changelogDirectories()) {
            var p = Path.of(moduleInRepo.isEmpty() ? "." : moduleInRepo).resolve(d).normalize();
            if (p.startsWith("..")) {
                throw new RollbackSafetyException("<changelogDirectory> " + d + " leaves the git repository.");
            }
            repoRelative.add(slashes(p));
        }
        return repoRelative;
    }

    private static String slashes(Path p) {
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    /**
     * Writes the release's changelog folders (resources: changelogs, SQL, mapper XML) out of git, for the readers
     * that need files. Files git does not have (partial clones, LFS) are left out with a warning, and the release
     * is then not cached: a complete clone of the same trees must be read again. A missing master stops the check.
     */
    private void writeTrees(GitBaseline baseline, String moduleInRepo, List<String> subPaths, List<String> outside,
                            List<TreeRoot> roots, String master, java.util.concurrent.atomic.AtomicBoolean complete) {
        try (var git = GitBaselines.open(settings.moduleDir())) {
            var skipped = new ArrayList<String>();
            var tree = git.materialize(baseline, moduleInRepo, subPaths, settings.treeCache());
            warnSkipped(baseline, tree);
            skipped.addAll(tree.skipped());
            if (!outside.isEmpty()) {
                var outsideTree = git.materialize(baseline, "", outside,
                        settings.treeCache().resolve("changelog-directories"));
                warnSkipped(baseline, outsideTree);
                skipped.addAll(outsideTree.skipped());
            }
            if (skipped.stream().anyMatch(PreviousReleases::missingContent)) {
                complete.set(false);
            }
            for (var root : roots) {
                // skipped files are named by their path below the tree written: the module, or the repository
                var masterInTree = root.path() + "/" + master;
                skipped.stream().filter(s -> s.startsWith(masterInTree + ": ")).findFirst().ifPresent(s -> {
                    throw new RollbackSafetyException("The master changelog of " + baseline.ref() + " cannot be read: "
                            + s + ". Fetch the full history (git fetch --unshallow --tags, or a clone without a blob"
                            + " filter, with git lfs pull for LFS files).", master, 0, null);
                });
            }
        }
    }

    private static boolean missingContent(String skipped) {
        return skipped.endsWith(GitBaselines.MISSING_CONTENT) || skipped.contains("Git LFS pointer");
    }

    /** At most ten lines for the files a git tree left out, then a count: a partial clone may miss thousands. */
    private void warnSkipped(GitBaseline baseline, BaselineTree tree) {
        var skipped = tree.skipped();
        skipped.stream().limit(10).forEach(s -> log.warn("Not read from " + baseline.ref() + ": " + s));
        if (skipped.size() > 10) {
            log.warn("... and " + (skipped.size() - 10) + " more files of " + baseline.ref() + " not read; only a"
                    + " missing changelog file stops the check, and it is named when it does.");
        }
    }

    /** The release's {@code .java} files under {@code src/main/java}, read from git when parsed (nothing else is). */
    private JavaSourceQuerySource.SourceFiles javaSourcesAt(GitBaseline baseline, String module,
                                                            java.util.concurrent.atomic.AtomicBoolean complete) {
        var moduleDir = settings.moduleDir();
        return new JavaSourceQuerySource.SourceFiles() {
            @Override
            public String describe() {
                return baseline.ref() + ":" + (module.isEmpty() ? JAVA : module + "/" + JAVA);
            }

            @Override
            public List<JavaSourceQuerySource.SourceFile> list(io.github.rollbacksafety.query.QueryCollector collector) {
                try (var git = GitBaselines.open(moduleDir)) {
                    var read = git.readFiles(baseline, module, JAVA, path -> path.endsWith(".java"));
                    read.skipped().forEach(s -> collector.warning(baseline.ref() + ": " + s));
                    if (read.skipped().stream().anyMatch(PreviousReleases::missingContent)) {
                        complete.set(false);
                    }
                    return read.files().stream().map(f -> new JavaSourceQuerySource.SourceFile(
                            f.path().substring(JAVA.length() + 1), f::content)).toList();
                }
            }
        };
    }

    /** Runs {@code action} the first time it is asked to, once even when asked from several threads. */
    private static Runnable once(Runnable action) {
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            synchronized (done) {
                if (!done.get()) {
                    action.run();
                    done.set(true);
                }
            }
        };
    }

    private static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read the previous release's archive " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Where the previous release's queries are in one of its archives (or a tree of its resources), keyed by what
     * identifies the archive's content so that their usage can be cached.
     */
    private List<QuerySource> archiveSources(Path archive, String master, String contentKey) {
        var plain = archiveSources(archive, master, settings.queryDependencies(), reading);
        // the keys hold everything that shapes what the sources report: the content, the master, the settings
        return List.of(new KeyedQuerySource(plain.get(0), "sql-resources|" + contentKey + "|" + master + "|"
                        + reading.resourceIncludes() + "|" + reading.resourceExcludes()),
                new KeyedQuerySource(plain.get(1), "archive|" + contentKey + "|" + settings.queryDependencies() + "|"
                        + reading.dbms().orElse("")));
    }

    /**
     * Where a release's queries are in an archive, a classes directory or a tree of resources: its SQL resources
     * (the changelog folder left out) and its code and mappings. The current release's build output is read the
     * same way as a previous release's jar.
     */
    public static List<QuerySource> archiveSources(Path archive, String master, List<String> queryDependencies) {
        return archiveSources(archive, master, queryDependencies, ReadingOptions.DEFAULT);
    }

    /** As {@link #archiveSources(Path, String, List)}, read with {@code reading} (resource globs, dbms). */
    public static List<QuerySource> archiveSources(Path archive, String master, List<String> queryDependencies,
                                                   ReadingOptions reading) {
        var slash = master.lastIndexOf('/');
        // a master at the root has no folder to skip: the empty folder skips only the changelog files
        return List.of(
                new SqlResourcesSource(archive, List.of(master), slash > 0 ? master.substring(0, slash + 1) : "")
                        .withSelection(reading.resourceIncludes(), reading.resourceExcludes()),
                new ArchiveQuerySource(archive, queryDependencies).withDbms(reading.dbms()));
    }

    private List<QuerySource> queryFileSources() {
        return settings.queryFiles().isEmpty() ? List.of()
                : List.of(new QueryFilesSource(settings.moduleDir(), settings.queryFiles()));
    }

    private static RollbackSafetyException noChangelog(String release, String master) {
        return new RollbackSafetyException("The previous release " + release + " contains no Liquibase changelog at "
                + master + " nor at a conventional path. Set <baselineArtifact> to the artifact that holds the"
                + " released changelogs.");
    }

    private static boolean exists(Path jar, String path) {
        return open(jar, path).isPresent();
    }

    /** A classpath resource inside a jar, a Spring Boot jar or a war. */
    private static Optional<InputStream> open(Path jar, String path) {
        try (var zip = new ZipFile(jar.toFile())) {
            for (var prefix : ArchiveLayout.CLASS_ROOTS) {
                var entry = zip.getEntry(prefix + path);
                if (entry != null && !entry.isDirectory()) {
                    try (var in = zip.getInputStream(entry)) {
                        // application config and changelog masters are small; cap what a hostile entry can cost
                        return Optional.of(new ByteArrayInputStream(in.readNBytes(16 * 1024 * 1024)));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read the previous release's archive " + jar + ": " + e.getMessage());
        }
    }
}
