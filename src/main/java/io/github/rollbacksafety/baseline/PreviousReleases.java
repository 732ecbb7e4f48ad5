package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.ArchiveLayout;
import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.query.javasource.JavaSourceQuerySource;
import io.github.rollbacksafety.query.sqlfile.QueryFilesSource;
import io.github.rollbacksafety.query.KeyedQuerySource;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.ReadingOptions;
import io.github.rollbacksafety.query.sqlfile.SqlResourcesSource;
import io.github.rollbacksafety.query.archive.ArchiveQuerySource;
import io.github.rollbacksafety.query.mapping.NamingEvidence;
import io.github.rollbacksafety.query.mapping.PhysicalNaming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
     * @param modules           {@code baselineModules}: the repository's modules whose files a git baseline reads
     *                          (directories or globs, relative to the repository root); empty for every Maven module
     *                          of the build at the release ({@link GitBaselineModules})
     * @param naming            the previous release's physical naming strategy; empty to detect it
     */
    public record Settings(Path moduleDir, List<String> queryArtifacts, List<String> queryDependencies,
                    List<String> queryFiles, Optional<String> gitRef, Optional<String> tagPattern,
                    Optional<String> modulePath, int releases, Path treeCache, Layout layout, List<Path> classPath,
                    List<String> modules, Optional<PhysicalNaming> naming) {

        public Settings {
            queryArtifacts = List.copyOf(queryArtifacts);
            queryDependencies = List.copyOf(queryDependencies);
            queryFiles = List.copyOf(queryFiles);
            classPath = List.copyOf(classPath);
            modules = List.copyOf(modules);
        }

        public Settings(Path moduleDir, List<String> queryArtifacts, List<String> queryDependencies,
                        List<String> queryFiles, Optional<String> gitRef, Optional<String> tagPattern,
                        Optional<String> modulePath, int releases, Path treeCache, Layout layout, List<Path> classPath) {
            this(moduleDir, queryArtifacts, queryDependencies, queryFiles, gitRef, tagPattern, modulePath, releases,
                    treeCache, layout, classPath, List.of(), Optional.empty());
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

    private Optional<io.github.rollbacksafety.cache.ModuleSelectionCache> moduleCache = Optional.empty();

    /** Keeps the modules chosen at a git release in {@code cache}, so that the next build reads none of its POMs. */
    public PreviousReleases withModuleCache(io.github.rollbacksafety.cache.ModuleSelectionCache cache) {
        this.moduleCache = Optional.of(cache);
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
        var archives = new ArrayList<KeyedArchive>();
        archives.add(new KeyedArchive(jar, content.toString()));
        for (var queryJar : queryArtifactJars(repository, settings.queryArtifacts(), version)) {
            content.append(',').append(queryJar.key());
            archives.add(queryJar);
        }
        var sources = new ArrayList<>(releaseSources(archives, previousMaster,
                settings.naming().map(n -> () -> NamingEvidence.Choice.configured(n))));
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
        return fromGit(Optional.empty(), projectVersion, artifactId, master);
    }

    /**
     * As {@link #fromGit(String, String, String)}; {@code queryArtifacts} that are no module of the repository at
     * the release are resolved from {@code repository}.
     */
    public List<PreviousRelease> fromGit(Optional<ReleaseRepository> repository, String projectVersion,
                                         String artifactId, String master) {
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
                Supplier<GitBaselineModules.Selection> choose = () -> GitBaselineModules.select(git, b, moduleInRepo,
                        settings.modules(), settings.queryArtifacts());
                var modules = moduleCache.map(cache -> cache.get(git.treeId(b), moduleInRepo, settings.modules(),
                        settings.queryArtifacts(), choose)).orElseGet(choose);
                modules.warnings().forEach(log::warn);
                if (!modules.leftOut().isEmpty()) {
                    log.info("Not read as the previous release's queries (test, QA, example or benchmark modules): "
                            + String.join(", ", modules.leftOut().stream().limit(8).toList())
                            + (modules.leftOut().size() > 8 ? ", ... (" + modules.leftOut().size() + ")" : "")
                            + "; baselineModules can name them.");
                }
                var others = modules.others().stream().map(GitBaselineModules.Module::path).toList();
                if (!others.isEmpty()) {
                    log.info("Queries of " + b.ref() + " are read from " + (others.size() + 1) + " modules: "
                            + (moduleInRepo.isEmpty() ? "." : moduleInRepo) + ", " + String.join(", ",
                            others.stream().limit(8).map(m -> m.isEmpty() ? "." : m).toList())
                            + (others.size() > 8 ? ", ..." : "") + " (baselineModules narrows this)");
                }
                var otherPaths = others.stream().flatMap(m -> GitBaselines.MODULE_SOURCES.stream()
                        .map(sub -> m.isEmpty() ? sub : m + "/" + sub)).toList();
                // what identifies the files read, for good: the git trees of the folders read (not the commit, so
                // another tag of the same files shares the cache)
                var key = "git:" + git.contentId(b, moduleInRepo, subPaths)
                        + (outside.isEmpty() ? "" : ",outside:" + git.contentId(b, "", outside))
                        + (others.isEmpty() ? "" : ",modules:" + io.github.rollbacksafety.Sha256.hex(
                                git.contentId(b, "", otherPaths)));
                var moduleTree = GitBaselines.treeDirectory(settings.treeCache(), b);
                var outsideTree = GitBaselines.treeDirectory(settings.treeCache().resolve("changelog-directories"), b);
                var othersTree = GitBaselines.treeDirectory(settings.treeCache().resolve("modules"), b);
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
                var archives = new ArrayList<KeyedArchive>();
                archives.add(new KeyedArchive(resources, key));
                // only modules that had resources then: a module of Java code alone has no SQL files to list
                var withResources = others.stream().filter(m -> git.isDirectory(b, m, RESOURCES)).toList();
                withResources.forEach(m -> archives.add(new KeyedArchive(othersTree.resolve(m.isEmpty() ? "." : m)
                        .resolve(RESOURCES).normalize(), key + "|" + m)));
                var jars = gitQueryArtifacts(repository, modules.unmatched(), b);
                jars.forEach(j -> archives.add(j));
                var releaseKey = key + jars.stream().map(j -> "," + j.key()).reduce("", String::concat);
                var resourceDirs = new ArrayList<String>();
                roots.stream().filter(r -> r.module().equals(moduleInRepo))
                        .forEach(r -> resourceDirs.add(moduleInRepo.isEmpty() ? r.path() : moduleInRepo + "/" + r.path()));
                others.forEach(m -> resourceDirs.add(m.isEmpty() ? RESOURCES : m + "/" + RESOURCES));
                var naming = gitNaming(b, modules.springBoot(), resourceDirs);
                var sources = new ArrayList<>(releaseSources(archives, previousMaster, Optional.of(naming)));
                var namingKey = "|naming=" + settings.naming().map(PhysicalNaming::spelling).orElse("auto");
                sources.add(new KeyedQuerySource(new JavaSourceQuerySource(javaSourcesAt(b, moduleInRepo, others,
                        complete), b.ref()).withNaming(naming), "java-sources|" + key + namingKey));
                sources.addAll(queryFileSources());
                var changelog = new ChangelogSource(existing.isEmpty() ? List.of(resources)
                        : existing.stream().map(TreeRoot::dir).toList(), previousMaster, b.version(), settings::classPath);
                var readSubPaths = subPaths.stream().filter(d -> !d.equals(JAVA)).toList();
                var otherResources = withResources.stream().map(m -> m.isEmpty() ? RESOURCES : m + "/" + RESOURCES)
                        .toList();
                Runnable write = () -> writeTrees(b, moduleInRepo, readSubPaths, outside, otherResources, roots,
                        previousMaster, complete);
                result.add(new PreviousRelease(b.version(), changelog, sources,
                        Optional.of(new PreviousRelease.Content(releaseKey, once(write), complete::get))));
            }
        }
        return result;
    }

    /**
     * The naming of a git release's mappings, decided when first asked (not when the release comes from the cache):
     * the configured one, else what its build's POMs ({@code springBoot}: where Spring Boot was seen) and its
     * modules' application configs and {@code persistence.xml} say. Logged once.
     */
    private Supplier<NamingEvidence.Choice> gitNaming(GitBaseline baseline, Optional<String> springBoot,
                                                      List<String> resourceDirs) {
        return memoized(() -> {
            if (settings.naming().isPresent()) {
                return NamingEvidence.Choice.configured(settings.naming().get());
            }
            var evidence = new NamingEvidence();
            springBoot.ifPresent(evidence::springBoot);
            try (var git = GitBaselines.open(settings.moduleDir())) {
                // paths as on the class path: below the resource folder they are in
                java.util.function.UnaryOperator<String> classpath = path -> resourceDirs.stream()
                        .filter(d -> path.startsWith(d + "/")).findFirst()
                        .map(d -> path.substring(d.length() + 1)).orElse(path);
                var files = git.readFiles(baseline, "", resourceDirs, path -> !path.endsWith(".jar")
                        && NamingEvidence.relevant(classpath.apply(path)));
                for (var f : files.files()) {
                    evidence.file(classpath.apply(f.path()), f::content);
                }
            }
            var choice = evidence.choice();
            log.info("Table and column names of " + baseline.ref() + "'s JPA mappings: " + choice.naming().spelling()
                    + " (" + choice.reason() + "; physicalNaming overrides)");
            return choice;
        });
    }

    /**
     * {@code queryArtifacts} that are no module of the repository at a git release: resolved from the Maven
     * repositories at the version they name, else at the release's version.
     *
     * @throws RollbackSafetyException when one cannot be found: a configured source of queries that is not read
     *                                 would let the check pass blind
     */
    private List<KeyedArchive> gitQueryArtifacts(Optional<ReleaseRepository> repository, List<String> specs,
                                                 GitBaseline baseline) {
        if (specs.isEmpty()) {
            return List.of();
        }
        if (repository.isEmpty()) {
            throw new RollbackSafetyException("<queryArtifacts> " + specs + " are no module of the git repository at "
                    + baseline.ref() + ", and no Maven repository is available to resolve them.");
        }
        try {
            return queryArtifactJars(repository.get(), specs, baseline.version());
        } catch (RuntimeException e) {
            throw new RollbackSafetyException("<queryArtifacts> " + specs + ": not all are modules of the git"
                    + " repository at " + baseline.ref() + " (matched by artifactId in the modules' POMs), and one"
                    + " could not be resolved from the Maven repositories at version " + baseline.version() + ": "
                    + e.getMessage() + " Name a module's artifactId as it was at that release, or give the version"
                    + " (groupId:artifactId:version).", e);
        }
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
                            List<String> otherResources, List<TreeRoot> roots, String master,
                            java.util.concurrent.atomic.AtomicBoolean complete) {
        try (var git = GitBaselines.open(settings.moduleDir())) {
            var skipped = new ArrayList<String>();
            var tree = git.materialize(baseline, moduleInRepo, subPaths, settings.treeCache());
            warnSkipped(baseline, tree);
            skipped.addAll(tree.skipped());
            if (!otherResources.isEmpty()) {
                // other modules' resources: mapper XML, orm.xml, SQL; a file missing there never stops the check
                var othersTree = git.materialize(baseline, "", otherResources, settings.treeCache().resolve("modules"));
                warnSkipped(baseline, othersTree);
                if (othersTree.skipped().stream().anyMatch(PreviousReleases::missingContent)) {
                    complete.set(false);
                }
            }
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

    /**
     * The release's {@code .java} files under {@code src/main/java} of the module and of the {@code others}, read
     * from git when parsed (nothing else is), as one set of sources: an entity may extend a mapped superclass of
     * another module. The module's files are located as {@code src/main/java/...}, the others' by their path in
     * the repository.
     */
    private JavaSourceQuerySource.SourceFiles javaSourcesAt(GitBaseline baseline, String module, List<String> others,
                                                            java.util.concurrent.atomic.AtomicBoolean complete) {
        var moduleDir = settings.moduleDir();
        var otherJava = others.stream().map(m -> m.isEmpty() ? JAVA : m + "/" + JAVA).toList();
        return new JavaSourceQuerySource.SourceFiles() {
            @Override
            public String describe() {
                return baseline.ref() + ":" + (module.isEmpty() ? JAVA : module + "/" + JAVA)
                        + (others.isEmpty() ? "" : " and " + others.size() + " more modules");
            }

            @Override
            public List<JavaSourceQuerySource.SourceFile> list(io.github.rollbacksafety.query.QueryCollector collector) {
                try (var git = GitBaselines.open(moduleDir)) {
                    var files = new ArrayList<JavaSourceQuerySource.SourceFile>();
                    var own = git.readFiles(baseline, module, JAVA, path -> path.endsWith(".java"));
                    var rest = git.readFiles(baseline, "", otherJava, path -> path.endsWith(".java"));
                    for (var read : List.of(own, rest)) {
                        read.skipped().forEach(s -> collector.warning(baseline.ref() + ": " + s));
                        if (read.skipped().stream().anyMatch(PreviousReleases::missingContent)) {
                            complete.set(false);
                        }
                        // the other modules' files are many (UI, REST, messaging code): only those that can hold
                        // mappings, SQL or constants are parsed; the module's own files all are, as before
                        read.files().stream()
                                .filter(f -> read == own || JavaSourceQuerySource.mayHoldQueries(
                                        new String(f.content(), java.nio.charset.StandardCharsets.UTF_8)))
                                .forEach(f -> files.add(new JavaSourceQuerySource.SourceFile(f.path(), f::content)));
                    }
                    return files;
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

    /** An archive or a tree of resources of a release, with what identifies its content for good. */
    private record KeyedArchive(Path path, String key) {
    }

    /**
     * The {@code queryArtifacts} resolved from the Maven repositories at {@code version} (unless they name one).
     *
     * @throws RollbackSafetyException for a malformed coordinate
     */
    private List<KeyedArchive> queryArtifactJars(ReleaseRepository repository, List<String> specs, String version) {
        var jars = new ArrayList<KeyedArchive>();
        for (var spec : specs) {
            var parts = spec.strip().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new RollbackSafetyException("<queryArtifact> '" + spec + "' is not groupId:artifactId[:version]");
            }
            var queryCoords = ArtifactCoordinates.parse(parts[0] + ":" + parts[1], "jar");
            var queryVersion = parts.length > 2 ? parts[2] : version;
            var queryJar = repository.resolve(queryCoords, queryVersion).file();
            jars.add(new KeyedArchive(queryJar, "archive:" + sha256(queryJar)));
        }
        return jars;
    }

    /**
     * Where the previous release's queries are in its archives (or trees of its resources), keyed by what
     * identifies their content so that their usage can be cached: the SQL resources of each (the changelog folder
     * left out of the first, the release's own), and its code and mappings read together, so that an entity in one
     * archive may extend a mapped superclass or embed an embeddable of another.
     */
    private List<QuerySource> releaseSources(List<KeyedArchive> archives, String master,
                                             Optional<Supplier<NamingEvidence.Choice>> naming) {
        var sources = new ArrayList<QuerySource>();
        for (int i = 0; i < archives.size(); i++) {
            var archive = archives.get(i);
            var resources = i == 0 ? sqlResources(archive.path(), master)
                    : new SqlResourcesSource(archive.path(), List.of(), OTHER_CHANGELOG_FOLDERS)
                            .withSelection(reading.resourceIncludes(), reading.resourceExcludes());
            // the keys hold everything that shapes what the sources report: the content, the master, the settings
            sources.add(new KeyedQuerySource(resources, "sql-resources|" + archive.key() + "|"
                    + (i == 0 ? master : "other") + "|" + reading.resourceIncludes() + "|"
                    + reading.resourceExcludes()));
        }
        var code = new ArchiveQuerySource(archives.stream().map(KeyedArchive::path).toList(),
                settings.queryDependencies()).withDbms(reading.dbms());
        naming.ifPresent(code::withNaming);
        var keys = archives.stream().map(KeyedArchive::key).toList();
        // the detected naming follows from the content (in the key); a configured one is a setting
        sources.add(new KeyedQuerySource(code, "archive|" + (keys.size() == 1 ? keys.get(0) : String.join(",", keys))
                + "|" + settings.queryDependencies() + "|" + reading.dbms().orElse("") + "|naming="
                + settings.naming().map(PhysicalNaming::spelling).orElse("auto")));
        return sources;
    }

    private SqlResourcesSource sqlResources(Path archive, String master) {
        var slash = master.lastIndexOf('/');
        // a master at the root has no folder to skip: the empty folder skips only the changelog files
        return new SqlResourcesSource(archive, List.of(master), slash > 0 ? master.substring(0, slash + 1) : "")
                .withSelection(reading.resourceIncludes(), reading.resourceExcludes());
    }

    /**
     * In another module or artifact the changelog is not known: SQL under folders conventionally holding
     * changelogs or migrations there is migration, not the application's queries (DDL and data scripts elsewhere
     * are told apart by their content).
     */
    private static final java.util.function.Predicate<String> OTHER_CHANGELOG_FOLDERS = path -> {
        for (var segment : path.toLowerCase(java.util.Locale.ROOT).split("/")) {
            if (segment.equals("liquibase") || segment.equals("changelog") || segment.equals("changelogs")
                    || segment.equals("flyway") || segment.equals("migration") || segment.equals("migrations")) {
                return true;
            }
        }
        return false;
    };

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
