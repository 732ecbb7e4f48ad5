package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.baseline.PreviousReleases;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A previous release from a git tag is read once: the second check takes its changelog and queries from the cache,
 * writes nothing out of git and opens none of its sources, and reaches the same result.
 */
class PreviousReleaseCacheTest {

    private static final String MASTER = "db/changelog/db.changelog-master.xml";

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    private Path repo;

    private void write(String path, String text) throws Exception {
        var file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String changelog(String... changeSets) {
        return "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + String.join("\n", changeSets) + "\n</databaseChangeLog>\n";
    }

    private static final String CREATE = """
              <changeSet id="1" author="shop">
                <createTable tableName="orders">
                  <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                  <column name="status" type="varchar(20)"/>
                  <column name="legacy_code" type="varchar(20)"/>
                  <column name="note_text" type="varchar(200)"/>
                </createTable>
              </changeSet>""";

    /** Release 1.0.0 (tag v1.0.0) uses orders through an entity, a SQL string, a mapper and a .sql file. */
    private void history() throws Exception {
        repo = tmp.resolve("repo");
        write("pom.xml", "<project/>");
        write("src/main/resources/" + MASTER, changelog(CREATE));
        write("src/main/resources/sql/report.sql", "SELECT id, legacy_code FROM orders;\n");
        write("src/main/resources/mybatis/OrderMapper.xml", """
                <mapper namespace="com.acme.OrderMapper">
                  <select id="open">SELECT id FROM orders WHERE status = #{status}</select>
                </mapper>
                """);
        write("src/main/java/com/acme/Order.java", """
                package com.acme;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "orders")
                public class Order {
                    @Id
                    private Long id;
                    @Column(name = "note_text")
                    private String note;
                }
                """);
        write("src/main/java/com/acme/OrderDao.java", """
                package com.acme;

                class OrderDao {
                    private static final String TABLE = "orders";
                    String byStatus() {
                        return "SELECT id, status FROM " + TABLE + " WHERE status = ?";
                    }
                }
                """);
        var who = new PersonIdent("t", "t@example.com");
        try (var git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("1.0.0").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("v1.0.0").call();
            write("src/main/resources/" + MASTER, changelog(CREATE, """
                      <changeSet id="2" author="shop"><dropColumn tableName="orders" columnName="legacy_code"/></changeSet>
                      <changeSet id="3" author="shop"><dropColumn tableName="orders" columnName="note_text"/></changeSet>
                      <changeSet id="4" author="shop">
                        <renameColumn tableName="orders" oldColumnName="status" newColumnName="state"/>
                      </changeSet>"""));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("next").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    private List<PreviousRelease> fromGit(Path target) {
        var settings = new PreviousReleases.Settings(repo, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, target.resolve("baselines"));
        return new PreviousReleases(settings, log).fromGit("1.1.0-SNAPSHOT", "shop", MASTER);
    }

    private CheckResult check(List<PreviousRelease> previous) {
        var current = ChangelogSource.of(repo.resolve("src/main/resources"), MASTER, "1.1.0-SNAPSHOT");
        return new RollbackSafetyCheck().withProgress(log::info).withUsageCache(tmp.resolve("cache"), "test")
                .run(CheckRequest.of(current, previous));
    }

    private static List<String> summary(CheckResult result) {
        var lines = new ArrayList<String>();
        result.findings().forEach(f -> lines.add(f.rule() + " " + f.changeSet().displayId() + " "
                + f.object().display() + " " + f.queries()));
        lines.add("coverage " + result.coverage());
        lines.add("new " + result.newChangeSets().stream().map(cs -> cs.key()).toList());
        return lines;
    }

    /** The same release, but anything that would read its files fails the test. */
    private static PreviousRelease untouchable(PreviousRelease release) {
        var sources = release.querySources().stream().<QuerySource>map(s -> new QuerySource() {
            @Override
            public String describe() {
                return s.describe();
            }

            @Override
            public void collect(QueryCollector collector) {
                throw new AssertionError("read " + s.describe() + " although the release is cached");
            }

            @Override
            public Optional<String> cacheKey() {
                return s.cacheKey();
            }
        }).toList();
        var content = release.content().map(c -> new PreviousRelease.Content(c.key(), () -> {
            throw new AssertionError("wrote the release's files out of git although it is cached");
        }, c.complete()));
        return new PreviousRelease(release.version(), release.changelog(), sources, content);
    }

    @Test
    void theSecondCheckTakesTheReleaseFromTheCacheAndReadsNoneOfItsFiles() throws Exception {
        history();
        var cold = check(fromGit(tmp.resolve("target-1")));
        assertThat(cold.findings()).extracting(Finding -> Finding.rule())
                .contains("column-dropped", "column-renamed");
        assertThat(cold.coverage().found()).isGreaterThanOrEqualTo(4);
        assertThat(log.messages()).anyMatch(l -> l.startsWith("Previous release 1.0.0 read in ")
                && l.contains("cached for the next builds"));
        assertThat(tmp.resolve("target-1/baselines")).isDirectory();

        log.lines().clear();
        var previous = fromGit(tmp.resolve("target-2")); // a clean build: nothing written out of git yet
        var warm = check(previous.stream().map(PreviousReleaseCacheTest::untouchable).toList());

        assertThat(summary(warm)).isEqualTo(summary(cold));
        assertThat(log.messages()).anyMatch(l -> l.matches("Previous release 1\\.0\\.0 taken from the cache in \\d+ ms .*"));
        assertThat(tmp.resolve("target-2/baselines")).doesNotExist();
    }

    @Test
    void anEditedReleasedChangeSetIsStillComparedWithItsRealChecksum() throws Exception {
        history();
        check(fromGit(tmp.resolve("target-1")));
        // the work tree edits the released changeset: its text differs, so the released checksum is needed, which
        // the cache does not hold: the release's files are written out and read again for it
        write("src/main/resources/" + MASTER, changelog(CREATE.replace("varchar(200)", "varchar(300)")));
        var result = check(fromGit(tmp.resolve("target-2")));

        assertThat(result.findings()).extracting(f -> f.rule()).contains("released-changeset-modified");
        assertThat(log.messages()).anyMatch(l -> l.contains("taken from the cache"));
        assertThat(tmp.resolve("target-2/baselines")).isDirectory();
    }

    @Test
    void anotherTagWithTheSameFilesSharesTheEntryAndAnotherMasterDoesNot() throws Exception {
        history();
        var first = fromGit(tmp.resolve("t1")).get(0).content().orElseThrow().key();
        try (var git = Git.open(repo.toFile())) {
            git.tag().setName("v1.0.1").setObjectId(git.getRepository().parseCommit(
                    git.getRepository().resolve("v1.0.0^{commit}"))).call();
        }
        var second = fromGit(tmp.resolve("t2")).get(0);
        assertThat(second.version()).isEqualTo("1.0.1");
        assertThat(second.content().orElseThrow().key()).isEqualTo(first);
    }
}
