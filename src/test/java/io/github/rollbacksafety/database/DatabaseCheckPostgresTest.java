package io.github.rollbacksafety.database;

import io.github.rollbacksafety.rules.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The database check on a real embedded PostgreSQL (started once for the JVM). */
class DatabaseCheckPostgresTest {

    private final DatabaseCheck check = new DatabaseCheck(new DatabaseTarget.EmbeddedPostgres());

    @Test
    void droppedColumnBreaksThePreviousReleasesSelectButNotTheOtherQueries(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id, legacy_status FROM orders WHERE id = ?")
                .query("SELECT id, customer FROM orders WHERE status = ?")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("query-fails-on-new-schema");
            assertThat(f.changeSet().displayId()).isEqualTo("shop:5");
            assertThat(f.changeSet().line()).isPositive();
            assertThat(f.message()).contains("42703").contains("legacy_status");
            assertThat(f.queries()).extracting(q -> q.location().line()).containsExactly(1);
        });
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .containsExactly(QueryVerdict.Verdict.BROKEN, QueryVerdict.Verdict.OK);
    }

    @Test
    void aRenamedColumnOfAnEntityMappingBreaksItsDescribe(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<renameColumn tableName=\"orders\" oldColumnName=\"customer\" newColumnName=\"buyer\"/>")
                .entity("shop.Order", "orders", "id", "customer", "status")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("query-fails-on-new-schema");
            assertThat(f.changeSet().displayId()).isEqualTo("shop:5");
            assertThat(f.message()).contains("42703").contains("customer");
        });
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo(QueryVerdict.Verdict.BROKEN));
    }

    @Test
    void aReleasedChangelogLiquibaseNowRefusesIsAppliedAsItWasDeployed(@TempDir Path dir) {
        // Liquibase 4.33 refuses both on validation; the releases that shipped them were deployed with older ones
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .released("2", "<addColumn tableName=\"orders\"><column name=\"note\" type=\"text\""
                        + " afterColumn=\"customer\"/></addColumn>")
                .released("2", "<addColumn tableName=\"orders\"><column name=\"note\" type=\"text\""
                        + " afterColumn=\"customer\"/></addColumn>")
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"note\"/>")
                .query("SELECT id, note FROM orders")
                .request();

        var outcome = check.run(request);


        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("query-fails-on-new-schema");
            assertThat(f.changeSet().displayId()).isEqualTo("shop:5");
        });
        assertThat(outcome.notes()).anySatisfy(n -> assertThat(n).contains("refuses 1.0.0's changelog")
                .contains("declared twice, run once").contains("column positions postgresql has no syntax for"));
        assertThat(outcome.notes()).noneSatisfy(n -> assertThat(n).contains("other checksums"));
    }

    @Test
    void blamesTheChangesetAfterWhichAQueryStartsFailing(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<addColumn tableName=\"orders\"><column name=\"note\" type=\"text\"/></addColumn>")
                .added("6", "<renameColumn tableName=\"orders\" oldColumnName=\"customer\" newColumnName=\"buyer\"/>")
                .added("7", "<createIndex tableName=\"orders\" indexName=\"ix_status\"><column name=\"status\"/></createIndex>")
                .query("SELECT customer FROM orders")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).singleElement()
                .satisfies(f -> assertThat(f.changeSet().displayId()).isEqualTo("shop:6"));
    }

    @Test
    void dropOfAColumnAViewDependsOnFailsToMigrate(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .released("2", "<createView viewName=\"order_status\">SELECT id, legacy_status FROM orders</createView>")
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id FROM orders")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).extracting(Finding::rule).containsExactly("migration-fails");
        assertThat(outcome.findings().get(0).message()).contains("2BP01").contains("order_status");
        assertThat(outcome.findings().get(0).changeSet().line()).isPositive();
    }

    @Test
    void untypedParametersAreInconclusiveNeverBroken(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id FROM orders WHERE (? IS NULL OR status = ?) AND id > ? + 0")
                .query("SELECT id FROM orders WHERE ? IS NULL OR customer = ?")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).isEmpty();
        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .containsExactly(QueryVerdict.Verdict.INCONCLUSIVE, QueryVerdict.Verdict.OK);
        assertThat(outcome.verdicts().get(0).sqlState()).isIn("42P18", "42725");
    }

    @Test
    void dialectQueryTheParserCannotReadIsStillChecked(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("UPDATE orders SET (status, legacy_status) = ROW(?, ?) WHERE id = ?")
                .query("SELECT id FROM orders WHERE legacy_status IS DISTINCT FROM status ORDER BY customer USING <")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.verdicts()).extracting(QueryVerdict::verdict)
                .containsOnly(QueryVerdict.Verdict.BROKEN);
    }

    @Test
    void insertOmittingANewRequiredColumnIsFoundFromMetadata(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<addColumn tableName=\"orders\"><column name=\"region\" type=\"varchar(10)\">"
                        + "<constraints nullable=\"false\"/></column></addColumn>")
                .added("6", "<addColumn tableName=\"orders\"><column name=\"channel\" type=\"varchar(10)\""
                        + " defaultValue=\"web\"><constraints nullable=\"false\"/></column></addColumn>")
                .query("INSERT INTO orders (id, customer, status) VALUES (?, ?, ?)")
                .query("SELECT id FROM orders")
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("query-fails-on-new-schema");
            assertThat(f.changeSet().displayId()).isEqualTo("shop:5");
            assertThat(f.object().display()).isEqualTo("orders.region");
        });
    }

    @Test
    void queryFailingOnThePreviousSchemaAlreadyIsNotABreak(@TempDir Path dir) {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT legacy_status, archived_at FROM orders") // dead code: archived_at never existed
                .query("SELECT legacy_status FROM audit_log") // a table made outside the changelog
                .request();

        var outcome = check.run(request);

        assertThat(outcome.findings()).isEmpty();
        assertThat(outcome.verdicts().get(0).verdict()).isEqualTo(QueryVerdict.Verdict.INCONCLUSIVE);
        assertThat(outcome.verdicts().get(0).message()).contains("previous release's schema");
        assertThat(outcome.verdicts().get(1).verdict()).isEqualTo(QueryVerdict.Verdict.NOT_CHECKED);
        assertThat(outcome.notes()).singleElement().satisfies(n -> assertThat(n).contains("audit_log"));
    }
}
