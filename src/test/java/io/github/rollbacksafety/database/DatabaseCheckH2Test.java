package io.github.rollbacksafety.database;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.rules.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database check on real H2 in PostgreSQL mode, and on a database given by URL. */
class DatabaseCheckH2Test {

    private final DatabaseCheck check = new DatabaseCheck(new DatabaseTarget.H2());

    @Test
    void findsTheSeedsDroppedColumn(@TempDir Path dir) {
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id, legacy_status FROM orders WHERE id = ?")
                .query("SELECT id FROM orders")
                .request());

        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("query-fails-on-new-schema");
            assertThat(f.changeSet().displayId()).isEqualTo("shop:5");
            assertThat(f.message()).contains("42S22");
        });
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .containsExactly(QueryVerdict.Verdict.BROKEN, QueryVerdict.Verdict.OK);
    }

    @Test
    void anEntityMappingIsDescribedThroughTheColumnsItMaps(@TempDir Path dir) {
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .entity("shop.Order", "orders", "id", "customer", "legacy_status")
                .entity("shop.OrderSummary", "orders", "id", "status")
                .request());

        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("query-fails-on-new-schema");
            assertThat(f.object().display()).containsIgnoringCase("legacy_status");
            assertThat(f.queries()).extracting(q -> q.sql()).containsExactly("-- mapping of shop.Order");
        });
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .containsExactly(QueryVerdict.Verdict.BROKEN, QueryVerdict.Verdict.OK);
    }

    @Test
    void onlyTheSpellingsThePreviousSchemaHasAreDescribed(@TempDir Path dir) {
        // the mapping readers give an implicit name in both spellings; the previous schema has one of them
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"created_at\"/>")
                .entity("shop.Order", "orders", "id", "legacyStatus", "legacy_status", "createdAt", "created_at")
                .request());

        assertThat(outcome.findings()).singleElement()
                .satisfies(f -> assertThat(f.object().display()).containsIgnoringCase("created_at"));
    }

    @Test
    void aMappingNamingWhatThePreviousSchemaLacksIsNotedAndInconclusiveNotBroken(@TempDir Path dir) {
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"status\"/>")
                .entity("shop.Order", "orders", "id", "state")
                .entity("shop.OrderArchive", "order_s", "id")
                .request());

        assertThat(outcome.findings()).isEmpty();
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .containsExactly(QueryVerdict.Verdict.INCONCLUSIVE, QueryVerdict.Verdict.INCONCLUSIVE);
        assertThat(outcome.notes()).singleElement().satisfies(n -> assertThat(n)
                .contains("2 name(s)").contains("column orders.state").contains("table order_s"));
    }

    @Test
    void statementsOnTablesTheChangelogNeverCreatesAreNotCheckedWithOneNote(@TempDir Path dir) {
        // another module's queries (a git baseline reads every module) and mappings: nothing to compare, no noise
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id, legacy_status FROM orders WHERE id = ?")
                .query("SELECT id_, task_id_ FROM act_hi_entitylink WHERE id_ = ?")
                .entity("shop.Invoice", "invoices", "id")
                .request());

        assertThat(outcome.findings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo("query-fails-on-new-schema"));
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict).containsExactly(QueryVerdict.Verdict.BROKEN,
                QueryVerdict.Verdict.NOT_CHECKED, QueryVerdict.Verdict.NOT_CHECKED);
        assertThat(outcome.verdicts().get(1).message()).contains("does not create");
        assertThat(outcome.notes()).singleElement().satisfies(n -> assertThat(n)
                .contains("2 statement(s)").contains("act_hi_entitylink, invoices"));
    }

    @Test
    void postgresOnlySyntaxIsInconclusiveNotBroken(@TempDir Path dir) {
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT DISTINCT ON (customer) customer FROM orders ORDER BY customer, id DESC")
                .query("INSERT INTO orders (id, customer) VALUES (?, ?) ON CONFLICT (id) DO NOTHING RETURNING id")
                .request());

        assertThat(outcome.findings()).isEmpty();
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .doesNotContain(QueryVerdict.Verdict.BROKEN);
    }

    @Test
    void postgresOnlyDdlInANewChangesetIsInconclusiveWithAHint(@TempDir Path dir) {
        var outcome = check.run(new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<sql>CREATE INDEX ix_open ON orders (id) WHERE status = 'OPEN' AND created_at &gt; now()"
                        + " - interval '1 day' INCLUDE (customer)</sql>")
                .query("SELECT id FROM orders")
                .request());

        assertThat(outcome.findings()).extracting(Finding::rule).doesNotContain("migration-fails");
        assertThat(outcome.notes()).anySatisfy(n -> assertThat(n).contains("shop:5").contains("database=postgresql"));
    }

    @Test
    void refusesAUrlDatabaseThatHoldsTables(@TempDir Path dir) throws Exception {
        var url = "jdbc:h2:mem:busy-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (var c = DriverManager.getConnection(url, "sa", ""); var s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
            var urlCheck = new DatabaseCheck(new DatabaseTarget.Url(url, "sa", ""));
            var request = new DatabaseFixture(dir).released("1", DatabaseFixture.ORDERS).query("SELECT 1").request();

            assertThatThrownBy(() -> urlCheck.run(request)).isInstanceOf(RollbackSafetyException.class)
                    .hasMessageContaining("not empty").hasMessageContainingAll("CUSTOMERS")
                    .hasMessageContaining("empty throwaway database");
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM customers")) {
                assertThat(rs.next()).isTrue(); // untouched
            }
        }
    }

    @Test
    void aUrlDatabaseIsEmptiedAfterTheCheckSoTheNextCheckCanUseIt(@TempDir Path dir) throws Exception {
        var url = "jdbc:h2:mem:throwaway-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        try (var keepAlive = DriverManager.getConnection(url, "sa", "")) {
            var urlCheck = new DatabaseCheck(new DatabaseTarget.Url(url, "sa", ""));
            var request = new DatabaseFixture(dir)
                    .released("1", DatabaseFixture.ORDERS)
                    .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                    .query("SELECT legacy_status FROM orders").request();

            assertThat(urlCheck.run(request).findings()).hasSize(1);
            assertThat(UrlDatabase.userObjects(keepAlive)).isEmpty();
            assertThat(urlCheck.run(request).findings()).hasSize(1);
        }
    }
}
