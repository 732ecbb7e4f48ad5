package io.github.rollbacksafety.git;

import io.github.rollbacksafety.baseline.BaselineTree;
import io.github.rollbacksafety.query.javasource.JavaSourceQuerySource;

import io.github.rollbacksafety.query.QueryCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long reading a previous release of 1,000 Java source files from a git tag takes (materialize + SQL scan).
 * Not part of the normal test run (the name does not end in Test); run with
 * {@code ./mvnw -q test -Dtest=BaselineReadBenchmark}. Prints the figures; asserts only what was read.
 */
class BaselineReadBenchmark {

    private static final int FILES = 1_000;

    @TempDir
    Path dir;

    @Test
    void readsAThousandSourceFilesAtATag() {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("src/main/resources/db/changelog/db.changelog-master.xml", "<databaseChangeLog/>");
            for (int i = 0; i < FILES; i++) {
                repo.write("src/main/java/com/acme/p" + (i % 20) + "/Repository" + i + ".java", source(i));
            }
            repo.release("v1.0.0");
            repo.write("src/main/java/com/acme/Later.java", "class Later {}").commit("later");
        }
        long start = System.nanoTime();
        BaselineTree tree;
        try (var git = GitBaselines.open(repoDir)) {
            var release = git.releaseTagsBelow("1.1.0-SNAPSHOT", "shop", Optional.empty(), 1).get(0);
            tree = git.materialize(release, git.modulePath(), GitBaselines.MODULE_SOURCES, dir.resolve("baselines"));
        }
        long materialized = System.nanoTime();
        var collector = new QueryCollector();
        new JavaSourceQuerySource(tree.javaSources(), "v1.0.0").collect(collector);
        long scanned = System.nanoTime();
        try (var git = GitBaselines.open(repoDir)) {
            var again = git.materialize(git.resolve("v1.0.0"), "", GitBaselines.MODULE_SOURCES, dir.resolve("baselines"));
            assertThat(again.reused()).isTrue();
        }
        long cached = System.nanoTime();

        System.out.printf("baseline of %d Java files at a tag: materialize %d ms, JavaSourceQuerySource %d ms"
                        + " (%d queries), total %d ms; materialize again (cached) %d ms%n",
                FILES, ms(materialized - start), ms(scanned - materialized), collector.sql().size(),
                ms(scanned - start), ms(cached - scanned));
        for (int round = 1; round <= 2; round++) {
            long t0 = System.nanoTime();
            new JavaSourceQuerySource(tree.javaSources(), "v1.0.0").collect(new QueryCollector());
            System.out.printf("JavaSourceQuerySource again, warm JVM (round %d): %d ms%n", round, ms(System.nanoTime() - t0));
        }
        assertThat(tree.files()).isEqualTo(FILES + 1);
        assertThat(collector.sql()).hasSize(FILES * 4);
        assertThat(collector.warnings()).isEmpty();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String source(int i) {
        var table = "table_" + i;
        return """
                package com.acme.p%d;

                import java.util.List;
                import org.springframework.data.jpa.repository.Query;

                /** Repository number %d. */
                public class Repository%d {

                    private static final String TABLE = "%s";
                    private static final String COLUMNS = "id, name, status, created_at";

                    private final Jdbc jdbc;

                    public Repository%d(Jdbc jdbc) {
                        this.jdbc = jdbc;
                    }

                    public List<Row> all() {
                        return jdbc.query("select id, name from %s where status = ?", "OPEN");
                    }

                    public List<Row> recent() {
                        return jdbc.query(\"""
                                select id, created_at
                                  from %s
                                 where created_at > ?
                                \""");
                    }

                    public int rename(long id, String name) {
                        return jdbc.update("update " + TABLE + " set name = '" + name + "' where id = " + id);
                    }

                    @Query(value = "select " + COLUMNS + " from %s where name like ?1", nativeQuery = true)
                    public List<Row> byName(String name) {
                        log.info("Found rows for name " + name + " in status " + status());
                        for (int k = 0; k < 10; k++) {
                            if (k %% 2 == 0) {
                                counter += k * 3 + name.length();
                            }
                        }
                        return List.of();
                    }

                    private String status() {
                        return "customer_id";
                    }
                }
                """.formatted(i % 20, i, i, table, i, table, table, table);
    }
}
