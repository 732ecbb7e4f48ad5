package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QueryCollector.Excluded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptKindTest {

    @TempDir
    Path dir;

    private static final String ROWS = """
            INSERT INTO country (code, name) VALUES ('DE', 'Germany');
            INSERT INTO country (code, name) VALUES ('FR', 'France');
            INSERT INTO country (code, name) VALUES ('IT', 'Italy');
            INSERT INTO country (code, name) VALUES ('ES', 'Spain');
            """;

    private QueryCollector collect(Map<String, String> files, List<String> includes, List<String> excludes)
            throws IOException {
        for (var e : files.entrySet()) {
            var file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        var collector = new QueryCollector();
        new SqlResourcesSource(dir, List.of(), "db/changelog/").withSelection(includes, excludes).collect(collector);
        return collector;
    }

    @Test
    void ddlScriptsUpgradeStepsAndDataDumpsAreLeftOutAndListed() throws IOException {
        var collector = collect(Map.of(
                "org/acme/db/create/acme.h2.create.engine.sql", "create table A (ID_ varchar(64));\n"
                        + "create index A_IDX on A(ID_);\ninsert into PROPS values ('schema.version', '1');",
                "org/acme/db/drop/acme.mssql.drop.sql", "if exists (select TABLE_NAME from INFORMATION_SCHEMA.TABLES"
                        + " where TABLE_NAME = 'A') drop table A;",
                "org/acme/db/upgrade/acme.upgradestep.1.to.2.sql", "update PROPS set VALUE_ = '2' where NAME_ = 'v';",
                "db/migration/V3__backfill.sql", "update orders set total = 0 where total is null;",
                "sample/countries.sql", ROWS,
                "sql/queries.sql", "SELECT id FROM orders WHERE status = ?;\nDELETE FROM carts WHERE id = ?;"),
                List.of(), List.of());
        assertThat(collector.sql()).extracting(q -> q.location().file()).containsOnly("sql/queries.sql");
        assertThat(collector.excluded()).containsExactlyInAnyOrder(
                new Excluded("org/acme/db/create/acme.h2.create.engine.sql", "DDL or migration script", 3),
                new Excluded("org/acme/db/drop/acme.mssql.drop.sql", "DDL or migration script", 1),
                new Excluded("org/acme/db/upgrade/acme.upgradestep.1.to.2.sql", "DDL or migration script", 1),
                new Excluded("db/migration/V3__backfill.sql", "DDL or migration script", 1),
                new Excluded("sample/countries.sql", "data dump", 4));
    }

    @Test
    void queriesNamedLikeScriptsStillCount() throws IOException {
        var collector = collect(Map.of(
                "sql/create_order.sql", "INSERT INTO orders (id, total) SELECT id, total FROM carts WHERE id = ?;",
                "sql/data/report.sql", "SELECT count(*) FROM orders;\nINSERT INTO audit (what) VALUES (?);"),
                List.of(), List.of());
        assertThat(collector.excluded()).isEmpty();
        assertThat(collector.sql()).hasSize(3);
    }

    @Test
    void globsDecideBeforeTheClassification() throws IOException {
        var collector = collect(Map.of(
                "seed/countries.sql", ROWS,
                "sql/reports/monthly.sql", "SELECT id FROM orders;",
                "sql/queries.sql", "SELECT id FROM carts;"),
                List.of("seed/**"), List.of("sql/reports/*.sql"));
        assertThat(collector.sql()).extracting(Query::sql).contains("SELECT id FROM carts")
                .doesNotContain("SELECT id FROM orders").hasSize(5);
        assertThat(collector.excluded()).containsExactly(
                new Excluded("sql/reports/monthly.sql", "file excluded by configuration", 1));
    }

    @Test
    void globsMatchWithinAndAcrossFolders() {
        assertThat(ScriptKind.glob("db/**/*.sql").matcher("db/a/b/c.sql").matches()).isTrue();
        assertThat(ScriptKind.glob("db/**/*.sql").matcher("db/c.sql").matches()).isTrue();
        assertThat(ScriptKind.glob("db/*.sql").matcher("db/a/c.sql").matches()).isFalse();
        assertThat(ScriptKind.glob("/seed/?.sql").matcher("seed/a.sql").matches()).isTrue();
    }
}
