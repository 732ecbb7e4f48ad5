package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.query.CodeFixtures;
import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A multi-module application at a git tag: entity superclass in {@code core}, entity and JPQL in {@code service},
 * the changelog in {@code migrations}, a tool module only in a profile.
 */
class GitBaselineModulesTest {

    @TempDir
    Path dir;

    private static void write(Path root, String path, String text) throws Exception {
        var file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String pom(String artifactId, String modules) {
        return "<project><modelVersion>4.0.0</modelVersion><parent><groupId>com.acme</groupId>"
                + "<artifactId>parent</artifactId><version>1</version></parent><artifactId>" + artifactId
                + "</artifactId>" + modules + "</project>";
    }

    private Path repository() throws Exception {
        var repo = dir.resolve("repo");
        var who = new PersonIdent("Test", "test@example.com");
        try (var git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write(repo, "pom.xml", "<project><groupId>com.acme</groupId><artifactId>parent</artifactId>"
                    + "<modules><module>core</module><module>service/pom.xml</module><module>migrations</module>"
                    + "<module>qa/common</module></modules><profiles><profile><id>tools</id><modules><module>extras/tool</module></modules>"
                    + "</profile></profiles></project>");
            write(repo, "core/pom.xml", pom("shop-core", ""));
            write(repo, "core/src/main/java/com/acme/core/AbstractEntity.java", """
                    package com.acme.core;
                    import jakarta.persistence.*;
                    @MappedSuperclass
                    public abstract class AbstractEntity {
                        @Id private Long id;
                        @Column(name = "scope_id") private Long scopeId;
                    }
                    """);
            write(repo, "core/src/main/java/com/acme/core/Address.java", """
                    package com.acme.core;
                    import jakarta.persistence.*;
                    @Embeddable
                    public class Address {
                        @Column(name = "city_name") private String city;
                    }
                    """);
            write(repo, "service/src/main/java/com/acme/service/AccountDao.java", """
                    package com.acme.service;
                    import jakarta.persistence.EntityManager;
                    class AccountDao {
                        Object inCity(EntityManager em, String city) {
                            return em.createQuery("SELECT a FROM Account a WHERE a.address.city = :city")
                                    .setParameter("city", city).getResultList();
                        }
                    }
                    """);
            write(repo, "service/pom.xml", pom("shop-service", ""));
            write(repo, "service/src/main/java/com/acme/service/Account.java", """
                    package com.acme.service;
                    import com.acme.core.AbstractEntity;
                    import jakarta.persistence.*;
                    @Entity
                    @Table(name = "account")
                    @NamedQuery(name = "Account.children", query = "SELECT a FROM Account a WHERE a.scopeId = :scope")
                    public class Account extends AbstractEntity {
                        private String name;
                        @Embedded private com.acme.core.Address address;
                    }
                    """);
            write(repo, "service/src/main/resources/sql/report.sql", "SELECT name, scope_id FROM account");
            write(repo, "migrations/pom.xml", pom("shop-migrations", ""));
            write(repo, "migrations/src/main/resources/db/changelog/db.changelog-master.xml", "<databaseChangeLog/>");
            write(repo, "extras/tool/pom.xml", pom("shop-tool", ""));
            write(repo, "qa/common/pom.xml", pom("shop-qa-common", ""));
            write(repo, "qa/common/src/main/resources/sql/all_delete.sql", "DELETE FROM account");
            write(repo, "unlisted/src/main/java/Stray.java", "class Stray {}");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("v1.0.0").call();
        }
        return repo;
    }

    @Test
    void everyModuleOfTheBuildAtTheTagIsFoundFromTheTopPomDown() throws Exception {
        var repo = repository();
        try (var git = GitBaselines.open(repo.resolve("migrations"))) {
            var tag = git.resolve("v1.0.0");

            var selection = GitBaselineModules.select(git, tag, "migrations", List.of(), List.of());

            assertThat(selection.others()).extracting(GitBaselineModules.Module::path)
                    .containsExactly("", "core", "service", "extras/tool");
            assertThat(selection.others()).filteredOn(m -> m.path().equals("service")).singleElement()
                    .satisfies(m -> {
                        assertThat(m.artifactId()).isEqualTo("shop-service");
                        assertThat(m.groupId()).isEqualTo("com.acme"); // inherited from the parent
                    });
            assertThat(selection.unmatched()).isEmpty();
            assertThat(selection.springBoot()).isEmpty();
            // a QA suite's src/main is test code: not the previous release's queries unless configured
            assertThat(selection.leftOut()).containsExactly("qa/common");
        }
    }

    @Test
    void theModulesChosenAtATreeAreTakenFromTheCacheUntilTheTreeOrTheSettingsDiffer() throws Exception {
        var repo = repository();
        var cache = new io.github.rollbacksafety.cache.ModuleSelectionCache(dir.resolve("cache"), "1.0");
        var chosen = new java.util.concurrent.atomic.AtomicInteger();
        try (var git = GitBaselines.open(repo.resolve("migrations"))) {
            var tag = git.resolve("v1.0.0");
            java.util.function.Function<List<String>, GitBaselineModules.Selection> select = configured -> cache.get(
                    git.treeId(tag), "migrations", configured, List.of(), () -> {
                        chosen.incrementAndGet();
                        return GitBaselineModules.select(git, tag, "migrations", configured, List.of());
                    });

            var first = select.apply(List.of());
            var again = select.apply(List.of());
            assertThat(chosen).hasValue(1);
            assertThat(again).isEqualTo(first)
                    .isEqualTo(GitBaselineModules.select(git, tag, "migrations", List.of(), List.of()));

            assertThat(select.apply(List.of("core")).others()).extracting(GitBaselineModules.Module::path)
                    .containsExactly("core");
            assertThat(chosen).hasValue(2);

            // an unreadable entry is chosen again and written again
            try (var files = Files.list(dir.resolve("cache"))) {
                for (var entry : files.toList()) {
                    Files.write(entry, new byte[] {1, 2, 3});
                }
            }
            assertThat(select.apply(List.of())).isEqualTo(first);
            assertThat(chosen).hasValue(3);
            assertThat(select.apply(List.of())).isEqualTo(first);
            assertThat(chosen).hasValue(3);
        }
        // the tag moved to a commit with another module: another tree, chosen again
        var who = new PersonIdent("Test", "test@example.com");
        try (var git = Git.open(repo.toFile())) {
            write(repo, "pom.xml", Files.readString(repo.resolve("pom.xml"))
                    .replace("<module>core</module>", "<module>core</module><module>billing</module>"));
            write(repo, "billing/pom.xml", pom("shop-billing", ""));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("moved").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("v1.0.0").setForceUpdate(true).call();
        }
        try (var git = GitBaselines.open(repo.resolve("migrations"))) {
            var tag = git.resolve("v1.0.0");
            var moved = cache.get(git.treeId(tag), "migrations", List.of(), List.of(), () -> {
                chosen.incrementAndGet();
                return GitBaselineModules.select(git, tag, "migrations", List.of(), List.of());
            });
            assertThat(chosen).hasValue(4);
            assertThat(moved.others()).extracting(GitBaselineModules.Module::path).contains("billing");
        }
    }

    @Test
    void configuredModulesAndGlobsNarrowTheSelectionAndQueryArtifactsAddModulesByArtifactId() throws Exception {
        var repo = repository();
        try (var git = GitBaselines.open(repo.resolve("migrations"))) {
            var tag = git.resolve("v1.0.0");

            var selection = GitBaselineModules.select(git, tag, "migrations", List.of("ser*", "qa/*", "nowhere"),
                    List.of("com.acme:shop-core", "com.acme:elsewhere:2.0"));

            assertThat(selection.others()).extracting(GitBaselineModules.Module::path)
                    .containsExactly("service", "qa/common", "core");
            assertThat(selection.unmatched()).containsExactly("com.acme:elsewhere:2.0");
            assertThat(selection.warnings()).singleElement().asString().contains("nowhere");
        }
    }

    @Test
    void jpqlOfOneModuleResolvesAnAttributeInheritedFromAnotherModulesMappedSuperclass() throws Exception {
        var collector = queriesOfTheRelease(List.of());

        assertThat(collector.unparsed()).isEmpty();
        var jpql = collector.usages().stream().filter(u -> u.query().kind() == QuerySourceKind.JPQL).toList();
        assertThat(jpql).hasSize(2)
                .anySatisfy(u -> assertThat(columns(u)).contains("account.scope_id"))
                // an attribute of another module's embeddable
                .anySatisfy(u -> assertThat(columns(u)).contains("account.city_name"));
        var mapping = collector.usages().stream().filter(u -> u.query().kind() == QuerySourceKind.JPA_MAPPING)
                .toList();
        assertThat(mapping).singleElement().satisfies(u -> {
            assertThat(columns(u)).contains("account.scope_id", "account.id", "account.city_name");
            assertThat(u.query().location().file()).isEqualTo("service/src/main/java/com/acme/service/Account.java");
        });
        // the SQL resources of the service module count too
        assertThat(collector.sql()).anySatisfy(q -> assertThat(q.sql()).contains("FROM account"))
                .noneSatisfy(q -> assertThat(q.sql()).contains("DELETE")); // the QA module's script
    }

    @Test
    void narrowingToTheCheckedModuleLeavesTheOthersUnread() throws Exception {
        var collector = queriesOfTheRelease(List.of("migrations"));

        assertThat(collector.usages()).isEmpty();
        assertThat(collector.sql()).isEmpty();
    }

    @Test
    void aQueryArtifactThatIsNoModuleOfTheRepositoryIsResolvedFromTheMavenRepositories() throws Exception {
        var repo = repository();
        var jar = CodeFixtures.zip(dir.resolve("shop-reports-2.0.jar"), CodeFixtures.fixtureEntries(""));
        var asked = new java.util.ArrayList<String>();
        var maven = new ReleaseRepository() {
            @Override
            public List<String> releasesBelow(ArtifactCoordinates coords, String projectVersion, int count) {
                return List.of();
            }

            @Override
            public Resolved resolve(ArtifactCoordinates coords, String version) {
                asked.add(coords.ga() + ":" + version);
                return new Resolved(jar, "test");
            }
        };
        var releases = new PreviousReleases(new PreviousReleases.Settings(repo.resolve("migrations"),
                List.of("com.acme:shop-reports:2.0", "com.acme:shop-core"), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, dir.resolve("trees"), PreviousReleases.Layout.DEFAULT,
                List.of(), List.of("migrations"), Optional.empty()), CheckLog.SILENT);

        var release = releases.fromGit(Optional.of(maven), "1.1.0-SNAPSHOT", "shop-migrations",
                "db/changelog/db.changelog-master.xml").get(0);
        release.prepare();
        var collector = new QueryCollector();
        release.querySources().forEach(s -> s.collect(collector));

        // shop-core is a module of the repository: read from its sources, not resolved
        assertThat(asked).containsExactly("com.acme:shop-reports:2.0");
        assertThat(collector.usages()).anySatisfy(u -> assertThat(u.query().location().member())
                .isEqualTo("fixtures.code.shop.Customer"));
        assertThatThrownBy(() -> releases.fromGit(Optional.empty(), "1.1.0-SNAPSHOT", "shop-migrations",
                "db/changelog/db.changelog-master.xml")).isInstanceOf(RollbackSafetyException.class)
                .hasMessageContaining("shop-reports");
    }

    /** What the git baseline v1.0.0 of the migrations module reads, with these {@code baselineModules}. */
    private QueryCollector queriesOfTheRelease(List<String> modules) throws Exception {
        var repo = repository();
        var releases = new PreviousReleases(new PreviousReleases.Settings(repo.resolve("migrations"), List.of(),
                List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), 1, dir.resolve("trees"),
                PreviousReleases.Layout.DEFAULT, List.of(), modules, Optional.empty()), CheckLog.SILENT);
        var release = releases.fromGit("1.1.0-SNAPSHOT", "shop-migrations", "db/changelog/db.changelog-master.xml")
                .get(0);
        release.prepare();
        var collector = new QueryCollector();
        release.querySources().forEach(s -> s.collect(collector));
        return collector;
    }

    private static List<String> columns(QueryUsage usage) {
        return usage.columns().stream()
                .flatMap(c -> c.candidateTables().stream().map(t -> t + "." + c.column()))
                .toList();
    }
}
