package io.github.rollbacksafety.robustness;

import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.query.sqlfile.SqlResourcesSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small project on disk for end-to-end robustness tests: a current resource directory and a previous-release
 * jar, each with a changelog, the jar also with SQL resources. Files are given as raw bytes, so that tests can
 * put anything in them.
 */
final class HostileProject {

    static final String MASTER = "db/changelog/db.changelog-master.xml";

    static final String VALID_MASTER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
              <changeSet id="1" author="a">
                <createTable tableName="orders">
                  <column name="id" type="bigint"/>
                  <column name="status" type="varchar(20)"/>
                  <column name="note" type="varchar(200)"/>
                </createTable>
              </changeSet>
            </databaseChangeLog>
            """;

    static final String QUERIES = """
            SELECT id, status FROM orders WHERE note = ?;
            INSERT INTO orders (id, status, note) VALUES (?, ?, ?);
            UPDATE orders SET status = ? WHERE id = ?;
            """;

    private final Map<String, byte[]> current = new LinkedHashMap<>();
    private final Map<String, byte[]> previous = new LinkedHashMap<>();
    private String currentMaster = MASTER;
    private String previousMaster = MASTER;

    HostileProject() {
        current(MASTER, VALID_MASTER);
        previous(MASTER, VALID_MASTER);
        previous("sql/queries.sql", QUERIES);
    }

    HostileProject current(String path, String text) {
        return current(path, text.getBytes(StandardCharsets.UTF_8));
    }

    HostileProject current(String path, byte[] bytes) {
        current.put(path, bytes);
        return this;
    }

    HostileProject currentMaster(String path) {
        currentMaster = path;
        return this;
    }

    HostileProject previousMaster(String path) {
        previousMaster = path;
        return this;
    }

    HostileProject previous(String path, String text) {
        return previous(path, text.getBytes(StandardCharsets.UTF_8));
    }

    HostileProject previous(String path, byte[] bytes) {
        previous.put(path, bytes);
        return this;
    }

    /** Writes the project under {@code dir} and returns the request checking it. */
    CheckRequest write(Path dir) throws IOException {
        var root = dir.resolve("current");
        for (var e : current.entrySet()) {
            var file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        var jar = dir.resolve("previous.jar");
        writeJar(jar, previous);
        return request(root, jar);
    }

    CheckRequest request(Path root, Path jar) {
        var sql = new SqlResourcesSource(jar, List.of(previousMaster), "db/changelog/");
        return CheckRequest.of(ChangelogSource.of(root, currentMaster, "current"),
                List.of(new PreviousRelease("1.0.0", ChangelogSource.of(jar, previousMaster, "1.0.0"),
                        List.of(sql))));
    }

    static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
