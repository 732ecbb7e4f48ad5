package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.ArtifactCoordinates;
import io.github.rollbacksafety.baseline.BaselineSource;
import io.github.rollbacksafety.baseline.BaselineUnresolvedException;
import io.github.rollbacksafety.baseline.ReleaseRepository;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decisions of the {@code check} goal, without Maven: which baseline, first release or unresolved, cache hit,
 * reports and the failure decision. Previous releases come from a folder of jars built from examples/seed.
 */
class CheckRunnerTest {

    private static final Path SEED = Path.of("examples", "seed");

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final List<String> logged = log.lines();

    /** Releases published as jars in a folder: {@code <artifactId>-<version>.jar}. */
    private record FolderRepository(Path dir) implements ReleaseRepository {

        @Override
        public List<String> releasesBelow(ArtifactCoordinates coords, String projectVersion, int count) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(coords.artifactId() + "-") && n.endsWith(".jar"))
                        .map(n -> n.substring(coords.artifactId().length() + 1, n.length() - 4))
                        .filter(v -> v.compareTo(projectVersion) < 0)
                        .sorted(java.util.Comparator.reverseOrder()).limit(count).toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Resolved resolve(ArtifactCoordinates coords, String version) {
            return new Resolved(dir.resolve(coords.artifactId() + "-" + version + ".jar"), "folder " + dir);
        }
    }

    private static final ReleaseRepository UNREACHABLE = new ReleaseRepository() {
        @Override
        public List<String> releasesBelow(ArtifactCoordinates coords, String projectVersion, int count) {
            throw new BaselineUnresolvedException("Could not look up the previous release of " + coords.ga());
        }

        @Override
        public Resolved resolve(ArtifactCoordinates coords, String version) {
            throw new BaselineUnresolvedException("unreachable");
        }
    };

    @Test
    void droppedColumnTheReleaseReadsFailsAndTheUnchangedRerunReplaysTheOutcome() throws IOException {
        var repository = publishRelease100();
        var settings = settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.BREAKING);

        var first = new CheckRunner(repository, log).run(settings);

        assertThat(first.kind()).isEqualTo(CheckRunner.Outcome.Kind.FAILED);
        assertThat(first.message()).contains("1.0.0");
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR") && l.contains("column-dropped")
                && l.contains("orders.legacy_status"));
        assertThat(tmp.resolve("reports").resolve("report.json")).exists();

        logged.clear();
        var second = new CheckRunner(repository, log).run(settings);

        assertThat(second.kind()).isEqualTo(CheckRunner.Outcome.Kind.FAILED);
        assertThat(logged).anyMatch(l -> l.contains("nothing changed since the last check"));
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR") && l.contains("column-dropped"));
    }

    @Test
    void aDefaultSchemaIsPartOfTheCheckAndOfItsCacheKey() throws IOException {
        var repository = publishRelease100();
        var unset = settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.BREAKING);
        var publicSchema = settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.BREAKING,
                Optional.of("public"));

        assertThat(new CheckRunner(repository, log).run(unset).kind()).isEqualTo(CheckRunner.Outcome.Kind.FAILED);
        logged.clear();
        // unqualified names are in public: the same break, and not a replay of the run without it
        var withSchema = new CheckRunner(repository, log).run(publicSchema);
        assertThat(withSchema.kind()).isEqualTo(CheckRunner.Outcome.Kind.FAILED);
        assertThat(logged).noneMatch(l -> l.contains("nothing changed since the last check"));
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR") && l.contains("orders.legacy_status"));
    }

    @Test
    void aReplayLogsEachLineAtTheLevelOfTheCheckItReplays() throws IOException {
        var repository = publishRelease100();
        for (var failOn : List.of(FailOn.BREAKING, FailOn.NONE)) {
            var settings = settings(SEED.resolve("next-drop"), baseline(false, false), failOn);
            logged.clear();
            new CheckRunner(repository, log).run(settings);
            var checked = List.copyOf(logged);
            logged.clear();

            new CheckRunner(repository, log).run(settings);

            var start = logged.stream().filter(l -> l.contains("nothing changed since the last check")).findFirst();
            assertThat(start).isPresent();
            var replayed = logged.subList(logged.indexOf(start.get()) + 1, logged.size());
            assertThat(replayed).isNotEmpty();
            assertThat(checked).as("failOn=" + failOn).containsAll(replayed);
            assertThat(replayed.stream().map(l -> l.substring(0, l.indexOf(' '))).distinct())
                    .as("failOn=" + failOn).hasSizeGreaterThan(1);
        }
    }

    @Test
    void failOnNoneReportsTheBreakButPasses() throws IOException {
        var outcome = new CheckRunner(publishRelease100(), log)
                .run(settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.NONE));

        assertThat(outcome.kind()).isEqualTo(CheckRunner.Outcome.Kind.PASSED);
        assertThat(logged).anyMatch(l -> l.contains("column-dropped"));
    }

    @Test
    void expandStepPasses() throws IOException {
        var outcome = new CheckRunner(publishRelease100(), log)
                .run(settings(SEED.resolve("next-expand"), baseline(false, false), FailOn.BREAKING));

        assertThat(outcome.kind()).isEqualTo(CheckRunner.Outcome.Kind.PASSED);
    }

    @Test
    void firstReleasePassesUnlessFailIfNoBaseline() throws IOException {
        var empty = new FolderRepository(Files.createDirectories(tmp.resolve("empty")));

        var first = new CheckRunner(empty, log).run(settings(SEED.resolve("release-1.0.0"), baseline(false, false),
                FailOn.BREAKING));
        assertThat(first.kind()).isEqualTo(CheckRunner.Outcome.Kind.FIRST_RELEASE);
        assertThat(logged).anyMatch(l -> l.contains("first release, nothing to stay compatible with"));

        var strict = new CheckRunner(empty, log).run(settings(SEED.resolve("release-1.0.0"), baseline(true, false),
                FailOn.BREAKING));
        assertThat(strict.kind()).isEqualTo(CheckRunner.Outcome.Kind.FAILED);
        assertThat(strict.message()).contains("failIfNoBaseline");
    }

    @Test
    void unresolvedBaselineFailsUnlessExplicitlyAllowed() {
        var settings = settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.BREAKING);
        assertThatThrownBy(() -> new CheckRunner(UNREACHABLE, log).run(settings))
                .isInstanceOf(BaselineUnresolvedException.class);

        var allowed = new CheckRunner(UNREACHABLE, log)
                .run(settings(SEED.resolve("next-drop"), baseline(false, true), FailOn.BREAKING));
        assertThat(allowed.kind()).isEqualTo(CheckRunner.Outcome.Kind.NOT_CHECKED);
        assertThat(logged).anyMatch(l -> l.startsWith("WARN") && l.contains("NOT checked"));
    }

    @Test
    void noChangelogSkips() throws IOException {
        var empty = Files.createDirectories(tmp.resolve("no-changelog"));
        var outcome = new CheckRunner(UNREACHABLE, log).run(settings(empty, baseline(false, false), FailOn.BREAKING));

        assertThat(outcome.kind()).isEqualTo(CheckRunner.Outcome.Kind.SKIPPED);
        assertThat(outcome.message()).contains("no Liquibase changelog found");
    }

    @Test
    void baselineArtifactDefaultsToTheModuleWithItsPackagingExtension() {
        var war = new CheckSettings.Project("com.acme", "shop", "2.0.0", "war", tmp, tmp, List.of(), Optional.empty());
        var settings = settings(tmp, baseline(false, false), FailOn.BREAKING);
        var own = new CheckSettings(war, Optional.empty(), ChangelogOptions.DEFAULT, settings.baseline(),
                settings.queries(), List.of(), FailOn.BREAKING, settings.output(), tmp, "test");
        assertThat(CheckRunner.baselineCoordinates(own))
                .isEqualTo(new ArtifactCoordinates("com.acme", "shop", "war", ""));

        var configured = new CheckSettings(war, Optional.empty(), ChangelogOptions.DEFAULT,
                new CheckSettings.Baseline(BaselineSource.AUTO, Optional.empty(), Optional.of("com.acme:shop-db"),
                        Optional.empty(), Optional.empty(), Optional.empty(), 1, false, false),
                settings.queries(), List.of(), FailOn.BREAKING, settings.output(), tmp, "test");
        assertThat(CheckRunner.baselineCoordinates(configured))
                .isEqualTo(new ArtifactCoordinates("com.acme", "shop-db", "jar", ""));
    }

    @Test
    void changelogOnlyInTheBuildOutputIsReadFromThere() throws IOException {
        var resources = Files.createDirectories(tmp.resolve("src/main/resources"));
        var output = Files.createDirectories(tmp.resolve("target/classes/db"));
        Files.writeString(output.resolve("master.xml"), "<databaseChangeLog/>");
        var project = new CheckSettings.Project("g", "a", "1", "jar", tmp, tmp.resolve("target/classes"),
                List.of(resources), Optional.empty());

        assertThat(CheckRunner.currentRoots(project, "db/master.xml"))
                .containsExactly(tmp.resolve("target/classes"), resources);
    }

    @Test
    void buildOutputComesFirstWhenItHoldsTheChangelogAndResourcesAloneWhenItDoesNot() throws IOException {
        var resources = Files.createDirectories(tmp.resolve("src/main/resources/db"));
        Files.writeString(resources.resolve("master.xml"), "<databaseChangeLog/>");
        var project = new CheckSettings.Project("g", "a", "1", "jar", tmp, tmp.resolve("target/classes"),
                List.of(tmp.resolve("src/main/resources")), Optional.empty());
        assertThat(CheckRunner.currentRoots(project, "db/master.xml")).containsExactly(tmp.resolve("src/main/resources"));

        // after process-resources the build output has the master, and files the build copied next to it
        var output = Files.createDirectories(tmp.resolve("target/classes/db"));
        Files.writeString(output.resolve("master.xml"), "<databaseChangeLog/>");
        assertThat(CheckRunner.currentRoots(project, "db/master.xml"))
                .containsExactly(tmp.resolve("target/classes"), tmp.resolve("src/main/resources"));
    }

    @Test
    void reportFolderOfAMasterIsItsPathWithoutExtension() {
        assertThat(CheckRunner.reportFolder("db/tenant/changelog-master.xml")).isEqualTo("db-tenant-changelog-master");
        assertThat(CheckRunner.reportFolder("liquibase/changelog-event-store-master.pre.xml"))
                .isEqualTo("liquibase-changelog-event-store-master-pre");
    }

    @Test
    void queryFileGlobsMakeTheCheckUncacheable() {
        var base = settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.BREAKING);
        var globbed = new CheckSettings(base.project(), base.changelog(), base.changelogOptions(), base.baseline(),
                new CheckSettings.Queries(List.of(), List.of(), List.of("logs/*.log")), base.waivers(), base.failOn(),
                base.output(), base.cacheDirectory(), base.toolVersion());
        var request = CheckRequest.of(new io.github.rollbacksafety.changelog.ChangelogSource(
                List.of(SEED.resolve("next-drop/src/main/resources")), "db/changelog/db.changelog-master.xml", "1.1.0"),
                List.of());

        assertThat(CheckRunner.fingerprint(request, base)).isPresent();
        assertThat(CheckRunner.fingerprint(request, globbed)).isEmpty();
    }

    @Test
    void theModulesReadAndTheNamingAreInTheFingerprint() {
        var base = settings(SEED.resolve("next-drop"), baseline(false, false), FailOn.BREAKING);
        java.util.function.Function<CheckSettings.Queries, CheckSettings> with = q -> new CheckSettings(base.project(),
                base.changelog(), base.changelogOptions(), base.baseline(), q, base.waivers(), base.failOn(),
                base.output(), base.cacheDirectory(), base.toolVersion());
        var request = CheckRequest.of(new io.github.rollbacksafety.changelog.ChangelogSource(
                List.of(SEED.resolve("next-drop/src/main/resources")), "db/changelog/db.changelog-master.xml", "1.1.0"),
                List.of());
        var plain = CheckRunner.fingerprint(request, with.apply(new CheckSettings.Queries(List.of(), List.of(),
                List.of(), false, List.of(), List.of(), List.of(), Optional.empty()))).orElseThrow();
        var modules = CheckRunner.fingerprint(request, with.apply(new CheckSettings.Queries(List.of(), List.of(),
                List.of(), false, List.of(), List.of(), List.of("core"), Optional.empty()))).orElseThrow();
        var naming = CheckRunner.fingerprint(request, with.apply(new CheckSettings.Queries(List.of(), List.of(),
                List.of(), false, List.of(), List.of(), List.of(),
                Optional.of(io.github.rollbacksafety.query.mapping.PhysicalNaming.SNAKE_CASE)))).orElseThrow();

        assertThat(java.util.Set.of(plain, modules, naming)).hasSize(3);
    }

    private CheckSettings settings(Path module, CheckSettings.Baseline baseline, FailOn failOn) {
        return settings(module, baseline, failOn, Optional.empty());
    }

    private CheckSettings settings(Path module, CheckSettings.Baseline baseline, FailOn failOn,
                                   Optional<String> defaultSchema) {
        var resources = module.resolve("src/main/resources");
        var project = new CheckSettings.Project("io.github.rollbacksafety.demo", "shop", "1.1.0", "jar", module,
                module.resolve("target/classes"), Files.isDirectory(resources) ? List.of(resources) : List.of(),
                Optional.empty());
        return new CheckSettings(project, Optional.empty(), ChangelogOptions.DEFAULT, baseline,
                new CheckSettings.Queries(List.of(), List.of(), List.of()), List.of(), failOn,
                new CheckSettings.Output(tmp.resolve("reports"), "json,markdown", false), tmp.resolve("cache"),
                "test", CheckSettings.Layout.DEFAULT, Optional.empty(), defaultSchema);
    }

    private static CheckSettings.Baseline baseline(boolean failIfNone, boolean allowUnresolved) {
        return new CheckSettings.Baseline(BaselineSource.REPOSITORY, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, failIfNone, allowUnresolved);
    }

    /** Packs examples/seed/release-1.0.0's resources as the jar of shop 1.0.0. */
    private FolderRepository publishRelease100() throws IOException {
        var dir = Files.createDirectories(tmp.resolve("repo"));
        var resources = SEED.resolve("release-1.0.0/src/main/resources");
        try (OutputStream out = Files.newOutputStream(dir.resolve("shop-1.0.0.jar"));
             var zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(resources)) {
            for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(resources.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return new FolderRepository(dir);
    }
}
