package io.github.rollbacksafety.maven;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.baseline.BaselineSource;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.database.DatabaseTarget;
import io.github.rollbacksafety.engine.CheckRunner;
import io.github.rollbacksafety.engine.CheckSettings;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.engine.Waiver;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fails the build when the module's new Liquibase changesets would break the previous release's queries,
 * so that rolling the application back stays safe (old application + new schema).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends AbstractMojo {

    /** Do nothing. */
    @Parameter(property = "rollbackSafety.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The master changelog as a classpath path, e.g. {@code db/changelog/db.changelog-master.xml}. Default:
     * {@code spring.liquibase.change-log}/{@code quarkus.liquibase.change-log} from {@code application.properties}
     * or {@code application.yml}, else the first of the conventional paths that exists.
     */
    @Parameter(property = "rollbackSafety.changelog")
    private String changelog;

    /**
     * Several master changelogs of this module (e.g. one per database the application migrates), each checked
     * against its previous release and reported in its own sub-folder of {@code reportDirectory}. Replaces
     * {@code changelog}.
     */
    @Parameter(property = "rollbackSafety.changelogs")
    private List<String> changelogs = new ArrayList<>();

    /**
     * Folders (relative to the module, e.g. {@code schema} or {@code ../db}) that hold changelogs outside the
     * resource folders, such as a master the application loads from the file system. Searched after the resource
     * folders, for the current release and for git baselines.
     */
    @Parameter(property = "rollbackSafety.changelogDirectories")
    private List<String> changelogDirectories = new ArrayList<>();

    /** The master changelog's path at the baseline, when it was renamed or moved since. Default: {@code changelog}. */
    @Parameter(property = "rollbackSafety.baselineChangelog")
    private String baselineChangelog;

    /**
     * For git baselines from before the module had a Maven layout: its folders (relative to the module at that
     * release) that held what {@code src/main/resources} holds now. Default: {@code src/main/resources}.
     */
    @Parameter(property = "rollbackSafety.baselineResourceDirectories")
    private List<String> baselineResourceDirectories = new ArrayList<>();

    /**
     * The previous release to stay compatible with. Default: the newest final release of the baseline artifact
     * below the project version (SNAPSHOTs and pre-releases excluded).
     */
    @Parameter(property = "rollbackSafety.baselineVersion")
    private String baselineVersion;

    /**
     * The artifact whose previous releases hold the previous changelogs, as
     * {@code groupId:artifactId[:extension[:classifier]]}. Default: this project's own artifact.
     */
    @Parameter(property = "rollbackSafety.baselineArtifact")
    private String baselineArtifact;

    /**
     * More artifacts ({@code groupId:artifactId[:version]}) whose previous-release jars hold the previous
     * application's queries, e.g. the application module when changelogs live in a schema module. Without a
     * version, the baseline version is used.
     */
    @Parameter(property = "rollbackSafety.queryArtifacts")
    private List<String> queryArtifacts = new ArrayList<>();

    /**
     * Libraries packaged inside the previous release (Spring Boot {@code BOOT-INF/lib}, {@code WEB-INF/lib}) whose
     * queries count too, by artifactId prefix. By default third-party libraries are ignored.
     */
    @Parameter(property = "rollbackSafety.queryDependencies")
    private List<String> queryDependencies = new ArrayList<>();

    /**
     * Extra files or glob patterns (relative to the project directory) with the previous version's SQL:
     * {@code .sql} scripts or captured query logs.
     */
    @Parameter(property = "rollbackSafety.queryFiles")
    private List<String> queryFiles = new ArrayList<>();

    /**
     * Also check the other direction: the current release's queries (its build output) against the previous
     * release's schema (new app + old schema), for deployments where the new code can run before its migration.
     */
    @Parameter(property = "rollbackSafety.checkForward", defaultValue = "false")
    private boolean checkForward;

    /**
     * Classpath globs (e.g. {@code db/scripts/**}) of the previous release's {@code .sql} resources that count as
     * its queries even when they look like a DDL script or a data dump (which are left out by default).
     */
    @Parameter(property = "rollbackSafety.queryResourceIncludes")
    private List<String> queryResourceIncludes = new ArrayList<>();

    /** Classpath globs of the previous release's {@code .sql} resources that are not its queries. */
    @Parameter(property = "rollbackSafety.queryResourceExcludes")
    private List<String> queryResourceExcludes = new ArrayList<>();

    /**
     * The modules of the repository whose sources and resources a git baseline reads for queries: directories
     * relative to the repository root, or globs ({@code services/*}). Default: every Maven module of the build at
     * the release (the top POM's modules, followed down). The checked module is always read.
     */
    @Parameter(property = "rollbackSafety.baselineModules")
    private List<String> baselineModules = new ArrayList<>();

    /**
     * How the previous release turned mapping names into table and column names: {@code auto} (detect Spring Boot
     * and a configured naming strategy), {@code snake-case} (Spring Boot's default, explicit names too),
     * {@code as-written} (plain Hibernate/JPA) or {@code both}.
     */
    @Parameter(property = "rollbackSafety.physicalNaming", defaultValue = "auto")
    private String physicalNaming;

    /**
     * Where previous releases come from: {@code auto} (the Maven repositories, then the newest release tags of
     * the enclosing git repository when the repositories know no release), {@code repository} or {@code git}.
     */
    @Parameter(property = "rollbackSafety.baselineSource", defaultValue = "auto")
    private String baselineSource;

    /**
     * A git ref (tag, branch such as {@code origin/main}, or commit) whose tree is the baseline, e.g. to check a
     * pull request against what is merged. Implies {@code baselineSource=git}.
     */
    @Parameter(property = "rollbackSafety.baselineGitRef")
    private String baselineGitRef;

    /**
     * Release tag format with a <code>&#123;version&#125;</code> placeholder (and optionally
     * <code>&#123;artifactId&#125;</code>), e.g. <code>release/&#123;version&#125;</code>. Default:
     * <code>v&#123;version&#125;</code>, <code>&#123;version&#125;</code> and
     * <code>&#123;artifactId&#125;-&#123;version&#125;</code>.
     */
    @Parameter(property = "rollbackSafety.baselineTagPattern")
    private String baselineTagPattern;

    /** The module's path inside the git repository at the baseline, when it moved since. Default: its path today. */
    @Parameter(property = "rollbackSafety.baselineModulePath")
    private String baselineModulePath;

    /** Rollback window: how many previous releases must keep working. */
    @Parameter(property = "rollbackSafety.releases", defaultValue = "1")
    private int releases;

    /** Which findings fail the build: {@code BREAKING}, {@code RISKY} or {@code NONE}. */
    @Parameter(property = "rollbackSafety.failOn", defaultValue = "BREAKING")
    private String failOn;

    /** Fail when there is no previous release at all (by default a first release passes with an info line). */
    @Parameter(property = "rollbackSafety.failIfNoBaseline", defaultValue = "false")
    private boolean failIfNoBaseline;

    /**
     * Pass (with a warning) when the previous release could not be looked up (offline without cached metadata,
     * repository errors). By default such a build fails: the check could not be done.
     */
    @Parameter(property = "rollbackSafety.allowUnresolvedBaseline", defaultValue = "false")
    private boolean allowUnresolvedBaseline;

    /**
     * Accepted findings: {@code <waiver><rule/><changeSet/><object/><reason/></waiver>}; rule and reason are
     * required, changeSet is an id or {@code author:id}, object is {@code table} or {@code table.column}.
     */
    @Parameter
    private List<WaiverParameter> waivers = new ArrayList<>();

    /** Where reports are written. */
    @Parameter(property = "rollbackSafety.reportDirectory", defaultValue = "${project.build.directory}/rollback-safety")
    private File reportDirectory;

    /** Report formats, comma-separated: {@code json}, {@code sarif}, {@code markdown}, {@code junit}, {@code html}. */
    @Parameter(property = "rollbackSafety.reportFormats", defaultValue = "json,sarif,markdown")
    private String reportFormats;

    /** Liquibase contexts expression selecting changesets (default: all). */
    @Parameter(property = "rollbackSafety.contexts")
    private String contexts;

    /** Liquibase labels expression selecting changesets (default: all). */
    @Parameter(property = "rollbackSafety.labels")
    private String labels;

    /** Target database short name (e.g. {@code postgresql}) selecting dbms-specific changesets (default: all). */
    @Parameter(property = "rollbackSafety.dbms")
    private String dbms;

    /**
     * The schema unqualified table names are in, for changelogs and queries alike (e.g. {@code public}); unset: the
     * schema the changelog's unqualified objects live in, whatever it is called.
     */
    @Parameter(property = "rollbackSafety.defaultSchema")
    private String defaultSchema;

    /** Values for {@code ${name}} placeholders in changelogs, on top of the changelog's own properties. */
    @Parameter
    private Map<String, String> changeLogParameters = new LinkedHashMap<>();

    /**
     * Also prove the result on a real database: {@code none} (the static check only), {@code postgresql} (an
     * embedded PostgreSQL the plugin starts), {@code h2} (in memory, PostgreSQL mode) or the {@code jdbc:} URL of
     * an empty throwaway database. Both changelogs are applied and every previous-release query is described.
     */
    @Parameter(property = "rollbackSafety.database", defaultValue = "none")
    private String database;

    /** User for a {@code database} given as a JDBC URL. */
    @Parameter(property = "rollbackSafety.databaseUsername")
    private String databaseUsername;

    /** Password for a {@code database} given as a JDBC URL. */
    @Parameter(property = "rollbackSafety.databasePassword")
    private String databasePassword;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final RepositorySystem repositorySystem;

    @Inject
    public CheckMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Rollback safety check skipped (rollbackSafety.skip).");
            return;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Rollback safety check skipped: pom packaging has no changelog.");
            return;
        }
        try {
            var outcome = new CheckRunner(new PreviousReleaseLookup(repositorySystem, session.getRepositorySession(),
                    project.getRemoteProjectRepositories()), new MavenCheckLog(getLog())).run(settings());
            if (outcome.failed()) {
                throw new MojoFailureException(outcome.message());
            }
        } catch (RollbackSafetyException e) {
            throw new MojoFailureException(e.describe());
        }
    }

    /** The parameters as plain values: everything below this point is Maven-free. */
    private CheckSettings settings() {
        var gitRef = blankToEmpty(baselineGitRef);
        var extension = Optional.ofNullable(project.getArtifact())
                .map(a -> a.getArtifactHandler().getExtension()).orElse("jar");
        var projectInfo = new CheckSettings.Project(project.getGroupId(), project.getArtifactId(), project.getVersion(),
                extension, project.getBasedir().toPath(), Path.of(project.getBuild().getOutputDirectory()),
                resourceRoots(), repositoryRoot(), classPath());
        var baseline = new CheckSettings.Baseline(BaselineSource.parse(baselineSource, gitRef),
                blankToEmpty(baselineVersion), blankToEmpty(baselineArtifact), gitRef, blankToEmpty(baselineTagPattern),
                blankToEmpty(baselineModulePath), releases, failIfNoBaseline, allowUnresolvedBaseline);
        var queries = new CheckSettings.Queries(listOrEmpty(queryArtifacts), listOrEmpty(queryDependencies),
                listOrEmpty(queryFiles), checkForward, listOrEmpty(queryResourceIncludes),
                listOrEmpty(queryResourceExcludes), listOrEmpty(baselineModules),
                io.github.rollbacksafety.query.mapping.PhysicalNaming.parse(physicalNaming));
        var output = new CheckSettings.Output(reportDirectory.toPath(), reportFormats, colourEnabled());
        var options = new ChangelogOptions(changeLogParameters == null ? Map.of() : changeLogParameters,
                blankToEmpty(contexts), blankToEmpty(labels), blankToEmpty(dbms));
        var cacheDirectory = Path.of(session.getRepositorySession().getLocalRepository().getBasedir().getPath(),
                ".cache", "rollback-safety");
        var layout = new CheckSettings.Layout(listOrEmpty(changelogs), listOrEmpty(changelogDirectories),
                blankToEmpty(baselineChangelog), listOrEmpty(baselineResourceDirectories));
        return new CheckSettings(projectInfo, blankToEmpty(changelog), options, baseline, queries, engineWaivers(),
                FailOn.parse(failOn), output, cacheDirectory, toolVersion(), layout,
                DatabaseTarget.parse(database, databaseUsername, databasePassword), blankToEmpty(defaultSchema));
    }

    /** The module's runtime class path (its classes and runtime dependencies), for custom change classes. */
    private List<Path> classPath() {
        try {
            return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException | RuntimeException e) {
            getLog().warn("The module's class path is not known (" + e.getMessage() + "); custom change classes"
                    + " get stand-ins.");
            return List.of();
        }
    }

    /**
     * Whether Maven colours its output (off in batch mode, on a dumb terminal or with {@code -Dstyle.color=never}).
     * Maven shares its Jansi state with plugins, which is what {@code MessageUtils} reads.
     */
    private static boolean colourEnabled() {
        try {
            return org.apache.maven.shared.utils.logging.MessageUtils.isColorEnabled();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The enclosing source repository (the directory with {@code .git}), for repository-relative SARIF paths. */
    private Optional<Path> repositoryRoot() {
        for (var dir = project.getBasedir().toPath().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.ofNullable(session.getRequest().getMultiModuleProjectDirectory()).map(File::toPath);
    }

    private String toolVersion() {
        return Optional.ofNullable(getClass().getPackage().getImplementationVersion())
                .or(() -> Optional.ofNullable(getPluginContext()).map(c -> c.get("pluginDescriptor"))
                        .filter(d -> d instanceof org.apache.maven.plugin.descriptor.PluginDescriptor)
                        .map(d -> ((org.apache.maven.plugin.descriptor.PluginDescriptor) d).getVersion()))
                .orElse("unknown");
    }

    private List<Path> resourceRoots() {
        var roots = new ArrayList<Path>();
        for (Resource r : project.getResources()) {
            var dir = Path.of(r.getDirectory());
            if (!dir.isAbsolute()) {
                dir = project.getBasedir().toPath().resolve(dir);
            }
            if (Files.isDirectory(dir) && !roots.contains(dir)) {
                roots.add(dir);
            }
        }
        return roots;
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : list.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    private static Optional<String> blankToEmpty(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
    }

    private List<Waiver> engineWaivers() {
        var result = new ArrayList<Waiver>();
        for (int i = 0; i < waivers.size(); i++) {
            var w = waivers.get(i);
            if (w.getRule() == null || w.getRule().isBlank() || w.getReason() == null || w.getReason().isBlank()) {
                throw new RollbackSafetyException("<waiver> number " + (i + 1) + " needs both <rule> and <reason>.");
            }
            result.add(new Waiver(w.getRule(), Optional.ofNullable(w.getChangeSet()),
                    Optional.ofNullable(w.getObject()), w.getReason()));
        }
        return result;
    }
}
