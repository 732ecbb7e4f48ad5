package io.github.rollbacksafety.changelog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Parallel builds ({@code mvn -T}) read many changelogs at once in one JVM. */
class ConcurrentReadingTest {

    @Test
    void aConcurrentModificationInsideLiquibaseIsRetriedButOtherFailuresAreNot() {
        var wrapped = ChangelogErrors.of("db/master.xml",
                new liquibase.exception.ChangeLogParseException(new java.util.ConcurrentModificationException()));
        assertThat(ChangelogReader.causedByConcurrentModification(wrapped)).isTrue();
        assertThat(ChangelogReader.causedByConcurrentModification(ChangelogErrors.of("db/master.xml",
                new liquibase.exception.ChangeLogParseException("file x was not found")))).isFalse();
    }

    @Test
    void manyThreadsReadDirectoriesAndJarsAtOnce() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Integer>>();
        var jar = java.nio.file.Files.createTempFile("release", ".jar");
        try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("db/changelog/db.changelog-master.xml"));
            zip.write(java.nio.file.Files.readAllBytes(Path.of("examples/seed/release-1.0.0/src/main/resources/db/changelog/db.changelog-master.xml")));
            zip.closeEntry();
        }
        var sources = List.of(
                ChangelogSource.of(jar, "db/changelog/db.changelog-master.xml", "j").withClassPath(() -> List.of(jar)),
                ChangelogSource.of(Path.of("examples/seed/next-drop/src/main/resources"), "db/changelog/db.changelog-master.xml", "c").withClassPath(() -> List.of(Path.of("target/classes"))),
                ChangelogSource.of(Path.of("examples/seed/next-drop/src/main/resources"), "db/changelog/db.changelog-master.xml", "a"),
                ChangelogSource.of(Path.of("examples/seed/release-1.0.0/src/main/resources"), "db/changelog/db.changelog-master.xml", "b"));
        for (int i = 0; i < 32; i++) {
            var source = sources.get(i % sources.size());
            results.add(pool.submit(() -> {
                start.await();
                return new ChangelogReader().read(source, ChangelogOptions.DEFAULT).changeSets().size();
            }));
        }
        start.countDown();
        for (var r : results) {
            assertThat(r.get()).isPositive();
        }
        pool.shutdown();
    }
}
