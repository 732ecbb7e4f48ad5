package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Patterns of real release histories, checked end to end with real Liquibase and JSqlParser. */
class RealHistoryCheckTest {

    @TempDir
    Path dir;

    private ChangelogSource changelog(String name, String body) throws IOException {
        return new CheckFixtures(dir).changelog(name, body);
    }

    private PreviousRelease release(String version, String body, String queries) throws IOException {
        return new CheckFixtures(dir).release(version, body, queries);
    }

    private static List<Finding> breaking(CheckResult result) {
        return result.findings().stream().filter(f -> f.severity() == Severity.BREAKING).toList();
    }

    @Test
    void guardedRenameOfAColumnThePreviousReleaseReadsBreaksAlthoughTheHistoryNeverCreatedTheTable() throws IOException {
        // the base schema comes from elsewhere (a snapshot, a script); the history only guards its changes
        var released = release("1.0", """
                <changeSet id="1" author="app"><sql>select 1</sql></changeSet>
                """, "SELECT legacy_name FROM account WHERE id = 1;");
        var current = changelog("current", """
                <changeSet id="1" author="app"><sql>select 1</sql></changeSet>
                <changeSet id="2" author="app">
                  <preConditions onFail="MARK_RAN"><columnExists tableName="account" columnName="legacy_name"/></preConditions>
                  <renameColumn tableName="account" oldColumnName="legacy_name" newColumnName="display_name"/>
                </changeSet>
                """);

        var result = new RollbackSafetyCheck().run(CheckRequest.of(current, List.of(released)));

        assertThat(breaking(result)).extracting(Finding::rule).containsExactly("column-renamed");
        assertThat(result.notes()).noneMatch(n -> n.contains("skipped"));
    }

    @Test
    void preconditionOnATableTheHistoryDoesNotKnowIsUnknownAndNotedOnce() throws IOException {
        var released = release("1.0", """
                <changeSet id="1" author="app"><sql>select 1</sql></changeSet>
                """, "SELECT id FROM account;");
        var current = changelog("current", """
                <changeSet id="1" author="app"><sql>select 1</sql></changeSet>
                <changeSet id="2" author="app">
                  <preConditions onFail="MARK_RAN"><tableExists tableName="audit_log"/></preConditions>
                  <dropColumn tableName="audit_log" columnName="payload"/>
                </changeSet>
                """);

        var result = new RollbackSafetyCheck().run(CheckRequest.of(current, List.of(released)));

        assertThat(result.notes()).filteredOn(n -> n.contains("app:2")).singleElement()
                .satisfies(n -> assertThat(n).contains("analysed as if the changeset runs"));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void preconditionOnADroppedTableStillFails() throws IOException {
        var released = release("1.0", """
                <changeSet id="1" author="app"><createTable tableName="tmp"><column name="id" type="int"/></createTable></changeSet>
                <changeSet id="2" author="app"><dropTable tableName="tmp"/></changeSet>
                """, "SELECT 1;");
        var current = changelog("current", """
                <changeSet id="1" author="app"><createTable tableName="tmp"><column name="id" type="int"/></createTable></changeSet>
                <changeSet id="2" author="app"><dropTable tableName="tmp"/></changeSet>
                <changeSet id="3" author="app">
                  <preConditions onFail="MARK_RAN"><tableExists tableName="tmp"/></preConditions>
                  <dropColumn tableName="tmp" columnName="id"/>
                </changeSet>
                """);

        var result = new RollbackSafetyCheck().run(CheckRequest.of(current, List.of(released)));

        assertThat(result.notes()).anyMatch(n -> n.contains("app:3") && n.contains("skipped"))
                .noneMatch(n -> n.contains("app:3") && n.contains("analysed as if"));
    }

    @Test
    void runOnChangeViewRedefinedWithoutAColumnThePreviousReleaseReadsIsChecked() throws IOException {
        var table = """
                <changeSet id="1" author="app"><createTable tableName="orders">
                  <column name="id" type="bigint"/><column name="status" type="varchar(20)"/><column name="total" type="numeric(10,2)"/>
                </createTable></changeSet>
                """;
        var released = release("1.0", table + """
                <changeSet id="v" author="app" runOnChange="true">
                  <createView viewName="order_view" replaceIfExists="true">select id, status, total from orders</createView>
                </changeSet>
                """, "SELECT status FROM order_view;");
        var current = changelog("current", table + """
                <changeSet id="v" author="app" runOnChange="true">
                  <createView viewName="order_view" replaceIfExists="true">select id, total from orders</createView>
                </changeSet>
                """);

        var result = new RollbackSafetyCheck().run(CheckRequest.of(current, List.of(released)));

        assertThat(breaking(result)).isNotEmpty().allMatch(f -> f.changeSet().id().equals("v"));
        assertThat(result.notes()).anyMatch(n -> n.contains("runOnChange"));
    }

    @Test
    void rollbackWindowJudgesADroppedDefaultAgainstTheOlderReleasesInserts() throws IOException {
        var v1 = """
                <changeSet id="1" author="app"><createTable tableName="orders">
                  <column name="id" type="bigint"/><column name="note" type="varchar(20)"/>
                </createTable></changeSet>
                """;
        var v2 = v1 + """
                <changeSet id="2" author="app"><addColumn tableName="orders">
                  <column name="currency" type="char(3)" defaultValue="EUR"><constraints nullable="false"/></column>
                </addColumn></changeSet>
                """;
        var newest = release("1.1", v2, "INSERT INTO orders (id, note, currency) VALUES (1, 'a', 'USD');");
        var oldest = release("1.0", v1, "INSERT INTO orders (id, note) VALUES (1, 'a');");
        var current = changelog("current", v2 + """
                <changeSet id="3" author="app"><dropDefaultValue tableName="orders" columnName="currency"/></changeSet>
                """);

        var result = new RollbackSafetyCheck().run(CheckRequest.of(current, List.of(newest, oldest)));

        assertThat(breaking(result)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("default-dropped");
            assertThat(f.releases()).containsExactly("1.0");
        });
        // coverage counts the queries of both releases
        assertThat(result.coverage().found()).isEqualTo(2);
    }

    @Test
    void twinsPerDatabaseKeepTheSelectedTwin() throws IOException {
        var released = release("1.0", """
                <changeSet id="1" author="app"><createTable tableName="orders">
                  <column name="id" type="bigint"/><column name="legacy" type="varchar(20)"/>
                </createTable></changeSet>
                """, "SELECT legacy FROM orders;");
        var current = changelog("current", """
                <changeSet id="1" author="app"><createTable tableName="orders">
                  <column name="id" type="bigint"/><column name="legacy" type="varchar(20)"/>
                </createTable></changeSet>
                <changeSet id="2" author="app" dbms="postgresql"><sql>select 1</sql></changeSet>
                <changeSet id="2" author="app" dbms="mysql"><dropColumn tableName="orders" columnName="legacy"/></changeSet>
                """);
        var mysql = new ChangelogOptions(Map.of(), Optional.empty(), Optional.empty(), Optional.of("mysql"));

        var result = new RollbackSafetyCheck().run(new CheckRequest(current, List.of(released), mysql, List.of(),
                FailOn.BREAKING));

        assertThat(result.newChangeSets()).singleElement().satisfies(cs -> assertThat(cs.line()).isEqualTo(7));
        assertThat(breaking(result)).extracting(Finding::rule).containsExactly("column-dropped");
    }
}
