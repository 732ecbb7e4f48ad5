package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.BaselineSource;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.database.DatabaseTarget;
import io.github.rollbacksafety.query.mapping.PhysicalNaming;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the {@code check} goal was told, as plain values: the Maven adapter fills it from the POM and the
 * session, {@link CheckRunner} acts on it. No Maven types, so a test builds one by hand.
 *
 * @param project          the module being built
 * @param changelog        the master changelog as a classpath path, when configured (else located)
 * @param changelogOptions contexts, labels, dbms, parameters
 * @param baseline         where previous releases come from
 * @param queries          where more of the previous release's queries are
 * @param waivers          accepted findings
 * @param failOn           what fails the build
 * @param output           where and how the outcome is reported
 * @param cacheDirectory   where results derived from previous releases are cached (shared by builds)
 * @param toolVersion      the plugin's version (part of every cache key)
 * @param layout           where changelogs are when they are not a module's single master in its resources
 * @param database         the throwaway database of the database check, when it runs
 * @param defaultSchema    the schema unqualified names are in; empty: the one the changelog's unqualified
 *                         objects live in
 */
public record CheckSettings(Project project, Optional<String> changelog, ChangelogOptions changelogOptions,
                            Baseline baseline, Queries queries, List<Waiver> waivers, FailOn failOn, Output output,
                            Path cacheDirectory, String toolVersion, Layout layout, Optional<DatabaseTarget> database,
                            Optional<String> defaultSchema) {

    public CheckSettings {
        waivers = List.copyOf(waivers);
        defaultSchema = defaultSchema.filter(s -> !s.isBlank()).map(String::strip);
    }

    /** Settings with unqualified names in the changelog's own default schema. */
    public CheckSettings(Project project, Optional<String> changelog, ChangelogOptions changelogOptions,
                         Baseline baseline, Queries queries, List<Waiver> waivers, FailOn failOn, Output output,
                         Path cacheDirectory, String toolVersion, Layout layout, Optional<DatabaseTarget> database) {
        this(project, changelog, changelogOptions, baseline, queries, waivers, failOn, output, cacheDirectory,
                toolVersion, layout, database, Optional.empty());
    }

    public CheckSettings(Project project, Optional<String> changelog, ChangelogOptions changelogOptions,
                         Baseline baseline, Queries queries, List<Waiver> waivers, FailOn failOn, Output output,
                         Path cacheDirectory, String toolVersion) {
        this(project, changelog, changelogOptions, baseline, queries, waivers, failOn, output, cacheDirectory,
                toolVersion, Layout.DEFAULT);
    }

    /** Settings without the database check. */
    public CheckSettings(Project project, Optional<String> changelog, ChangelogOptions changelogOptions,
                         Baseline baseline, Queries queries, List<Waiver> waivers, FailOn failOn, Output output,
                         Path cacheDirectory, String toolVersion, Layout layout) {
        this(project, changelog, changelogOptions, baseline, queries, waivers, failOn, output, cacheDirectory,
                toolVersion, layout, Optional.empty());
    }

    /**
     * Changelog layouts beyond one master in the resource folders.
     *
     * @param changelogs                  several master changelogs of one module, each checked and reported
     *                                    (in a sub-folder of the report directory named after it)
     * @param changelogDirectories        more folders (relative to the module, may leave it: {@code ../schema})
     *                                    that hold changelogs, searched after the resource folders, for the current
     *                                    release and for git baselines
     * @param baselineChangelog           the master's classpath path at the baseline, when it was renamed or moved
     * @param baselineResourceDirectories the folders (relative to the module at the baseline) that held resources
     *                                    in git baselines, for releases from before a Maven layout
     */
    public record Layout(List<String> changelogs, List<String> changelogDirectories, Optional<String> baselineChangelog,
                         List<String> baselineResourceDirectories) {

        public static final Layout DEFAULT = new Layout(List.of(), List.of(), Optional.empty(), List.of());

        public Layout {
            changelogs = List.copyOf(changelogs);
            changelogDirectories = List.copyOf(changelogDirectories);
            baselineResourceDirectories = List.copyOf(baselineResourceDirectories);
        }
    }

    /**
     * The module being built.
     *
     * @param extension      the packaging's file extension ({@code jar}, {@code war})
     * @param moduleDir      the module's base directory
     * @param outputDir      its build output directory ({@code target/classes})
     * @param resourceRoots  its resource directories that exist
     * @param repositoryRoot the enclosing source repository, for repository-relative report paths
     * @param classPath      its runtime class path (output directory and runtime dependencies): custom change
     *                       classes are loaded from it, and files a changelog includes from a dependency are found
     */
    public record Project(String groupId, String artifactId, String version, String extension, Path moduleDir,
                          Path outputDir, List<Path> resourceRoots, Optional<Path> repositoryRoot,
                          List<Path> classPath) {

        public Project {
            resourceRoots = List.copyOf(resourceRoots);
            classPath = List.copyOf(classPath);
        }

        public Project(String groupId, String artifactId, String version, String extension, Path moduleDir,
                       Path outputDir, List<Path> resourceRoots, Optional<Path> repositoryRoot) {
            this(groupId, artifactId, version, extension, moduleDir, outputDir, resourceRoots, repositoryRoot,
                    List.of());
        }
    }

    /**
     * Where previous releases come from.
     *
     * @param source          repository, git or auto
     * @param version         one fixed previous version (repository)
     * @param artifact        {@code groupId:artifactId[:extension[:classifier]]} whose releases hold the changelogs
     * @param gitRef          an explicit git ref
     * @param tagPattern      the release tag format
     * @param modulePath      the module's path in the repository at the baseline, when it moved
     * @param releases        the rollback window
     * @param failIfNone      fail a first release
     * @param allowUnresolved pass with a warning when the repositories could not be asked
     */
    public record Baseline(BaselineSource source, Optional<String> version, Optional<String> artifact,
                           Optional<String> gitRef, Optional<String> tagPattern, Optional<String> modulePath,
                           int releases, boolean failIfNone, boolean allowUnresolved) {
    }

    /**
     * Where more of the previous release's queries are.
     *
     * @param artifacts    {@code groupId:artifactId[:version]} holding more of its queries
     * @param dependencies artifactId prefixes of packaged libraries whose queries count
     * @param files        files or globs, relative to the module, with the previous version's SQL
     * @param checkForward also check the current release's queries (its build output) against the previous
     *                     release's schema: new app + old schema
     * @param resourceIncludes classpath globs of SQL resources that count as queries whatever they look like
     * @param resourceExcludes classpath globs of SQL resources left out
     * @param baselineModules  the repository's modules a git baseline reads (directories or globs relative to the
     *                         repository root); empty for every Maven module of the build at the release
     * @param physicalNaming   how the previous release named its tables and columns; empty to detect it
     */
    public record Queries(List<String> artifacts, List<String> dependencies, List<String> files,
                          boolean checkForward, List<String> resourceIncludes, List<String> resourceExcludes,
                          List<String> baselineModules, Optional<PhysicalNaming> physicalNaming) {

        public Queries {
            artifacts = List.copyOf(artifacts);
            dependencies = List.copyOf(dependencies);
            files = List.copyOf(files);
            resourceIncludes = List.copyOf(resourceIncludes);
            resourceExcludes = List.copyOf(resourceExcludes);
            baselineModules = List.copyOf(baselineModules);
        }

        /** Every module of the build read from a git baseline, naming detected. */
        public Queries(List<String> artifacts, List<String> dependencies, List<String> files,
                       boolean checkForward, List<String> resourceIncludes, List<String> resourceExcludes) {
            this(artifacts, dependencies, files, checkForward, resourceIncludes, resourceExcludes, List.of(),
                    Optional.empty());
        }

        /** Backward only (old app + new schema). */
        public Queries(List<String> artifacts, List<String> dependencies, List<String> files) {
            this(artifacts, dependencies, files, false);
        }

        /** Every SQL resource judged by what it looks like. */
        public Queries(List<String> artifacts, List<String> dependencies, List<String> files, boolean checkForward) {
            this(artifacts, dependencies, files, checkForward, List.of(), List.of());
        }
    }

    /**
     * How the outcome is reported.
     *
     * @param reportDirectory where reports go
     * @param reportFormats   comma-separated formats
     * @param colour          whether the console report may use colour
     */
    public record Output(Path reportDirectory, String reportFormats, boolean colour) {
    }
}
