package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class QueryFilesSourceTest {

    @TempDir
    Path project;

    private void copy(String resource, String target) throws IOException {
        var file = project.resolve(target);
        Files.createDirectories(file.getParent());
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream(resource))) {
            Files.copy(in, file);
        }
    }

    private QueryCollector collect(String... patterns) {
        var collector = new QueryCollector();
        new QueryFilesSource(project, List.of(patterns)).collect(collector);
        return collector;
    }

    private static List<String> located(QueryCollector collector) {
        return collector.sql().stream().map(q -> q.location() + " " + q.sql().replaceAll("\\s+", " ")).toList();
    }

    @Test
    void readsP6spyStatementsOnly() throws IOException {
        copy("/query/logs/p6spy.log", "logs/p6spy.log");
        assertThat(located(collect("logs/p6spy.log"))).containsExactly(
                "logs/p6spy.log:1 SELECT id FROM orders WHERE id = 42",
                "logs/p6spy.log:3 SELECT a || b FROM customers");
    }

    @Test
    void readsPostgresLogStatementsWithContinuationLines() throws IOException {
        copy("/query/logs/postgres.log", "logs/postgres.log");
        var collector = collect("logs/postgres.log");
        assertThat(located(collector)).containsExactly(
                "logs/postgres.log:2 SELECT id, total FROM orders WHERE customer_id = $1",
                "logs/postgres.log:4 UPDATE orders SET status = 'PAID' WHERE id = 9",
                "logs/postgres.log:7 DELETE FROM carts WHERE id = $1",
                "logs/postgres.log:10 SELECT nope FROM customers");
        assertThat(collector.sql()).allSatisfy(q -> assertThat(q.kind()).isEqualTo(QuerySourceKind.QUERY_FILE));
    }

    @Test
    void readsOneStatementPerLine() throws IOException {
        copy("/query/logs/plain.log", "logs/plain.log");
        assertThat(located(collect("logs/plain.log"))).containsExactly(
                "logs/plain.log:1 SELECT id FROM orders",
                "logs/plain.log:2 SELECT name FROM customers WHERE id = ?",
                "logs/plain.log:4 INSERT INTO audit (msg) VALUES ('x')");
    }

    @Test
    void readsSemicolonSeparatedLogs() throws IOException {
        copy("/query/logs/semicolons.txt", "captured/semicolons.txt");
        assertThat(located(collect("captured/semicolons.txt"))).containsExactly(
                "captured/semicolons.txt:1 SELECT id FROM orders",
                "captured/semicolons.txt:3 SELECT name FROM customers",
                "captured/semicolons.txt:3 SELECT 1 FROM dual");
    }

    @Test
    void splitsSqlScriptsWithLineNumbers() throws IOException {
        copy("/query/scripts/queries.sql", "sql/queries.sql");
        assertThat(collect("sql/queries.sql").sql()).extracting(q -> q.location().toString())
                .containsExactly("sql/queries.sql:2", "sql/queries.sql:7", "sql/queries.sql:9", "sql/queries.sql:16");
    }

    @Test
    void expandsGlobsAndWarnsAboutPatternsMatchingNothing() throws IOException {
        copy("/query/logs/plain.log", "logs/a/plain.log");
        copy("/query/logs/p6spy.log", "logs/b/deeper/p6spy.log");
        copy("/query/scripts/queries.sql", "sql/queries.sql");
        var collector = collect("logs/**.log", "sql/*.sql", "missing/*.sql", "nope.sql");
        assertThat(collector.sql()).extracting(q -> q.location().file()).containsOnly("logs/a/plain.log",
                "logs/b/deeper/p6spy.log", "sql/queries.sql");
        assertThat(collector.warnings()).containsExactly("queryFiles: 'missing/*.sql' matches no file",
                "queryFiles: 'nope.sql' matches no file");
    }

    @Test
    void binaryFileIsAWarning() throws IOException {
        Files.write(project.resolve("dump.log"), new byte[] {'S', 0, 1, 2, 3});
        var collector = collect("dump.log");
        assertThat(collector.sql()).isEmpty();
        assertThat(collector.warnings()).singleElement().asString().contains("dump.log", "binary");
    }

    @Test
    void latin1FileIsReadWithAWarning() throws IOException {
        Files.write(project.resolve("old.sql"), "SELECT id FROM caf\u00e9s".getBytes("ISO-8859-1"));
        var collector = collect("old.sql");
        assertThat(collector.sql()).extracting(Query::sql).containsExactly("SELECT id FROM caf\u00e9s");
        assertThat(collector.warnings()).singleElement().asString().contains("not valid UTF-8");
    }
}
