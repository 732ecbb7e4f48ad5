package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.baseline.PreviousReleases;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.rules.Direction;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forward direction (new app + old schema) through the whole engine: real Liquibase reads both changelogs, the
 * current release's queries come from a resource tree read by the same sources as a previous release's jar.
 * The previous release is examples/seed/release-1.0.0 (orders.customer_id NOT NULL).
 */
class ForwardCheckTest {

    private static final String MASTER = "db/changelog/db.changelog-master.xml";
    private static final Path RELEASE_100 = Path.of("examples/seed/release-1.0.0/src/main/resources");

    @TempDir
    Path current;

    private static final String CREATE_ORDERS = """
            <changeSet id="1" author="shop">
                <createTable tableName="orders">
                    <column name="id" type="bigint"><constraints primaryKey="true" nullable="false"/></column>
                    <column name="customer_id" type="bigint"><constraints nullable="false"/></column>
                    <column name="legacy_status" type="varchar(20)"/>
                    <column name="total" type="numeric(12,2)"/>
                </createTable>
            </changeSet>
            """;

    private void currentRelease(String changeSets, String queries) throws IOException {
        var changelog = current.resolve(MASTER);
        Files.createDirectories(changelog.getParent());
        Files.writeString(changelog, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                """ + CREATE_ORDERS + changeSets + "</databaseChangeLog>\n");
        Files.createDirectories(current.resolve("sql"));
        Files.writeString(current.resolve("sql/queries.sql"), queries);
    }

    private CheckResult check(boolean forward) {
        var previous = new PreviousRelease("1.0.0", ChangelogSource.of(RELEASE_100, MASTER, "1.0.0"),
                PreviousReleases.archiveSources(RELEASE_100, MASTER, List.of()));
        var request = CheckRequest.of(ChangelogSource.of(current, MASTER, "1.1.0"), List.of(previous));
        if (forward) {
            request = request.withForward(PreviousReleases.archiveSources(current, MASTER, List.of()));
        }
        return new RollbackSafetyCheck().run(request);
    }

    private static List<Finding> forwardFindings(CheckResult result) {
        return result.findings().stream().filter(f -> f.direction() == Direction.FORWARD).toList();
    }

    @Test
    void newCodeWritingTheColumnItsOwnChangeSetAddsIsRiskyForward() throws IOException {
        currentRelease("""
                <changeSet id="2" author="shop">
                    <addColumn tableName="orders"><column name="order_state_v2" type="varchar(30)"/></addColumn>
                </changeSet>
                """, """
                SELECT id, customer_id, legacy_status FROM orders WHERE id = ?;
                INSERT INTO orders (id, customer_id, total, order_state_v2) VALUES (?, ?, ?, ?);
                """);

        var result = check(true);

        assertThat(forwardFindings(result)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("needs-new-schema");
            assertThat(f.severity()).isEqualTo(Severity.RISKY);
            assertThat(f.changeSet().displayId()).isEqualTo("shop:2");
            assertThat(f.object().display()).isEqualTo("orders.order_state_v2");
            assertThat(f.queries()).singleElement().satisfies(q -> assertThat(q.sql()).contains("order_state_v2"));
            assertThat(f.releases()).containsExactly("1.0.0");
        });
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.forwardCoverage()).hasValueSatisfying(c -> assertThat(c.parsed()).isEqualTo(2));
        assertThat(result.findings()).allMatch(f -> f.direction() == Direction.FORWARD);
    }

    @Test
    void withoutCheckForwardTheCurrentQueriesAreNotRead() throws IOException {
        currentRelease("""
                <changeSet id="2" author="shop">
                    <addColumn tableName="orders"><column name="order_state_v2" type="varchar(30)"/></addColumn>
                </changeSet>
                """, "INSERT INTO orders (id, customer_id, order_state_v2) VALUES (?, ?, ?);\n");

        var result = check(false);

        assertThat(result.findings()).isEmpty();
        assertThat(result.forwardCoverage()).isEmpty();
    }

    @Test
    void newCodeThatStopsWritingANotNullColumnItDropsBreaksBothWays() throws IOException {
        currentRelease("""
                <changeSet id="2" author="shop">
                    <dropColumn tableName="orders" columnName="customer_id"/>
                </changeSet>
                """, "INSERT INTO orders (id, total) VALUES (?, ?);\n");

        var result = check(true);

        assertThat(forwardFindings(result)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("forward-insert-broken");
            assertThat(f.severity()).isEqualTo(Severity.BREAKING);
            assertThat(f.object().display()).isEqualTo("orders.customer_id");
        });
        // the previous release still reads customer_id: the backward direction reports the drop on its own
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("column-dropped");
            assertThat(f.direction()).isEqualTo(Direction.BACKWARD);
        });
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void newCodeThatUsesNothingNewPasses() throws IOException {
        currentRelease("""
                <changeSet id="2" author="shop">
                    <addColumn tableName="orders"><column name="order_state_v2" type="varchar(30)"/></addColumn>
                </changeSet>
                """, """
                SELECT id, customer_id, legacy_status FROM orders WHERE id = ?;
                INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);
                """);

        var result = check(true);

        assertThat(result.findings()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.forwardCoverage()).hasValueSatisfying(c -> assertThat(c.found()).isEqualTo(2));
    }

    @Test
    void waiversMatchForwardFindingsByTheirRule() throws IOException {
        currentRelease("""
                <changeSet id="2" author="shop">
                    <dropColumn tableName="orders" columnName="customer_id"/>
                </changeSet>
                """, "INSERT INTO orders (id, total) VALUES (?, ?);\n");
        var previous = new PreviousRelease("1.0.0", ChangelogSource.of(RELEASE_100, MASTER, "1.0.0"), List.of());
        var waiver = new Waiver("forward-insert-broken", java.util.Optional.of("shop:2"),
                java.util.Optional.of("orders.customer_id"), "migrations run before the rollout");
        var request = new CheckRequest(ChangelogSource.of(current, MASTER, "1.1.0"), List.of(previous),
                io.github.rollbacksafety.changelog.ChangelogOptions.DEFAULT, List.of(waiver), FailOn.BREAKING)
                .withForward(PreviousReleases.archiveSources(current, MASTER, List.of()));

        var result = new RollbackSafetyCheck().run(request);

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("forward-insert-broken");
            assertThat(f.waived()).isTrue();
        });
        assertThat(result.unusedWaivers()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }
}
