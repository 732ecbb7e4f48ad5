package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.ArchiveLayout;
import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.query.javasource.JavaSourceQuerySource;
import io.github.rollbacksafety.query.sqlfile.QueryFilesSource;
import io.github.rollbacksafety.query.QuerySource;
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
     */
    public record Settings(Path moduleDir, List<String> queryArtifacts, List<String> queryDependencies,
                    List<String> queryFiles, Optional<String> gitRef, Optional<String> tagPattern,
                    Optional<String> modulePath, int releases, Path treeCache) {

        public Settings {
            queryArtifacts = List.copyOf(queryArtifacts);
            queryDependencies = List.copyOf(queryDependencies);
            queryFiles = List.copyOf(queryFiles);
        }
    }

    private final Settings settings;
    private final CheckLog log;

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
        var previousMaster = exists(jar, master) ? master
                : ChangelogLocator.locate(path -> open(jar, path)).orElseThrow(() -> noChangelog(
                        coords.ga() + ":" + version + " (" + jar + ")", master));
        var sources = new ArrayList<>(archiveSources(jar, previousMaster));
        for (var spec : settings.queryArtifacts()) {
            var parts = spec.strip().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new RollbackSafetyException("<queryArtifact> '" + spec + "' is not groupId:artifactId[:version]");
            }
            var queryCoords = ArtifactCoordinates.parse(parts[0] + ":" + parts[1], "jar");
            var queryVersion = parts.length > 2 ? parts[2] : version;
            sources.addAll(archiveSources(repository.resolve(queryCoords, queryVersion).file(), previousMaster));
        }
        sources.addAll(queryFileSources());
        return new PreviousRelease(version, ChangelogSource.of(jar, previousMaster, version), sources);
    }

    /** Releases from git: release tags below the project version, or the configured ref. */
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
                var tree = git.materialize(b, settings.modulePath().orElse(git.modulePath()),
                        GitBaselines.MODULE_SOURCES, settings.treeCache());
                warnSkipped(b, tree);
                var masterInTree = "src/main/resources/" + master;
                tree.skipped().stream().filter(s -> s.startsWith(masterInTree + ": ")).findFirst().ifPresent(s -> {
                    throw new RollbackSafetyException("The master changelog of " + b.ref() + " cannot be read: "
                            + s + ". Fetch the full history (git fetch --unshallow --tags, or a clone without a blob"
                            + " filter, with git lfs pull for LFS files).", masterInTree, 0, null);
                });
                // the master may have moved since that release, as for a release from a repository
                var resources = tree.resources();
                var previousMaster = Files.isRegularFile(resources.resolve(master)) ? master
                        : ChangelogLocator.locate(ChangelogLocator.inDirectories(List.of(resources)))
                        .orElseThrow(() -> noChangelog("at git " + b.ref(), master));
                var sources = new ArrayList<>(archiveSources(resources, previousMaster));
                sources.add(new JavaSourceQuerySource(tree.javaSources(), b.ref()).withLocationPrefix("src/main/java/"));
                sources.addAll(queryFileSources());
                result.add(new PreviousRelease(b.version(), ChangelogSource.of(resources, previousMaster, b.version()),
                        sources));
            }
        }
        return result;
    }

    /** At most ten lines for the files a git tree left out, then a count: a partial clone may miss thousands. */
    private void warnSkipped(io.github.rollbacksafety.baseline.GitBaseline baseline, BaselineTree tree) {
        var skipped = tree.skipped();
        skipped.stream().limit(10).forEach(s -> log.warn("Not read from " + baseline.ref() + ": " + s));
        if (skipped.size() > 10) {
            log.warn("... and " + (skipped.size() - 10) + " more files of " + baseline.ref() + " not read; only a"
                    + " missing changelog file stops the check, and it is named when it does.");
        }
    }

    /** Where the previous release's queries are in one of its archives (or a tree of its resources). */
    private List<QuerySource> archiveSources(Path archive, String master) {
        var slash = master.lastIndexOf('/');
        // a master at the root has no folder to skip: the empty folder skips only the changelog files, and unlike a
        // predicate it keeps the source cacheable
        return List.of(
                new SqlResourcesSource(archive, List.of(master), slash > 0 ? master.substring(0, slash + 1) : ""),
                new ArchiveQuerySource(archive, settings.queryDependencies()));
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
