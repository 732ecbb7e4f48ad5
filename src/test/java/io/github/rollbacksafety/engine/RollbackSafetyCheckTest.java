package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.FindingObject;
import io.github.rollbacksafety.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RollbackSafetyCheck#run} on small changelogs and query files (real Liquibase and JSqlParser): findings,
 * waivers, the rollback window, the verdict and precondition gating, without Maven.
 */
class RollbackSafetyCheckTest {

    /** Release 1.0: orders(id, status, note). */
    private static final String V1 = """
            <changeSet id="1" author="shop">
              <createTable tableName="orders">
                <column name="id" type="bigint"><constraints primaryKey="true" nullable="false"/></column>
                <column name="status" type="varchar(20)"/>
                <column name="note" type="varchar(200)"/>
              </createTable>
            </changeSet>
            """;
    /** Release 1.1: adds customer(id, name). */
    private static final String V11 = V1 + """
            <changeSet id="2" author="shop">
              <createTable tableName="customer">
                <column name="id" type="bigint"/>
                <column name="name" type="varchar(100)"/>
              </createTable>
            </changeSet>
            """;
    private static final String DROP_NOTE = """
            <changeSet id="3" author="shop">
              <dropColumn tableName="orders" columnName="note"/>
            </changeSet>
            """;

    @TempDir
    Path dir;

    private CheckFixtures fx() {
        return new CheckFixtures(dir);
    }

    private static CheckRequest request(ChangelogSource current, List<PreviousRelease> releases, List<Waiver> waivers,
                                        FailOn failOn) {
        return new CheckRequest(current, releases, ChangelogOptions.DEFAULT, waivers, failOn);
    }

    private static CheckResult run(CheckRequest request) {
        return new RollbackSafetyCheck().run(request);
    }

    @Test
    void droppingAColumnThePreviousReleaseReadsIsABreakingFindingWithItsChangeSetObjectAndQuery() throws IOException {
        var previous = fx().release("1.0", V1, "SELECT id, note FROM orders WHERE status = 'NEW';\n");
        var current = fx().changelog("current", V1 + DROP_NOTE);

        var result = run(CheckRequest.of(current, List.of(previous)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.baselines()).containsExactly("1.0");
        assertThat(result.newChangeSets()).extracting(cs -> cs.id()).containsExactly("3");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("column-dropped");
            assertThat(f.severity()).isEqualTo(Severity.BREAKING);
            assertThat(f.changeSet().displayId()).isEqualTo("shop:3");
            assertThat(f.changeSet().filePath()).isEqualTo("db/master.xml");
            assertThat(f.changeSet().line()).isEqualTo(10); // 2 header lines, 7 of changeset 1
            assertThat(f.object()).isEqualTo(FindingObject.column("orders", "note"));
            assertThat(f.queries()).singleElement().satisfies(q -> {
                assertThat(q.sql()).isEqualTo("SELECT id, note FROM orders WHERE status = 'NEW'");
                assertThat(q.location().toString()).isEqualTo("1.0.sql:1");
            });
            assertThat(f.releases()).containsExactly("1.0");
            assertThat(f.waived()).isFalse();
        });
        assertThat(result.coverage().parsed()).isEqualTo(1);
    }

    @Test
    void droppingAColumnNoQueryUsesPasses() throws IOException {
        var previous = fx().release("1.0", V1, "SELECT id, status FROM orders;\n");

        var result = run(CheckRequest.of(fx().changelog("current", V1 + DROP_NOTE), List.of(previous)));

        assertThat(result.findings()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aMatchingWaiverMarksTheFindingAndTheBuildPasses() throws IOException {
        var previous = fx().release("1.0", V1, "SELECT note FROM orders;\n");
        var waivers = List.of(
                new Waiver("column-dropped", Optional.of("shop:3"), Optional.of("ORDERS.note"), "unused since 0.9"),
                new Waiver("column-dropped", Optional.of("3"), Optional.of("orders.status"), "another column"));

        var result = run(request(fx().changelog("current", V1 + DROP_NOTE), List.of(previous), waivers, FailOn.BREAKING));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.waived()).isTrue();
            assertThat(f.waiverReason()).contains("unused since 0.9");
        });
        assertThat(result.unusedWaivers()).extracting(Waiver::reason).containsExactly("another column");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aWaiverForAnotherRuleOrChangeSetDoesNotMatch() throws IOException {
        var previous = fx().release("1.0", V1, "SELECT note FROM orders;\n");
        var waivers = List.of(new Waiver("column-renamed", Optional.empty(), Optional.empty(), "wrong rule"),
                new Waiver("column-dropped", Optional.of("other:3"), Optional.empty(), "wrong author"));

        var result = run(request(fx().changelog("current", V1 + DROP_NOTE), List.of(previous), waivers, FailOn.BREAKING));

        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.waived()).isFalse());
        assertThat(result.unusedWaivers()).hasSize(2);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aBreakSeenByEveryReleaseOfTheWindowIsOneFindingNamingThemAll() throws IOException {
        var newest = fx().release("1.1", V11, "SELECT note FROM orders;\n");
        var older = fx().release("1.0", V1, "SELECT id, note FROM orders;\n");

        var result = run(CheckRequest.of(fx().changelog("current", V11 + DROP_NOTE), List.of(newest, older)));

        assertThat(result.baselines()).containsExactly("1.1", "1.0");
        assertThat(result.findings()).singleElement()
                .satisfies(f -> assertThat(f.releases()).containsExactly("1.1", "1.0"));
        // the changesets new since the newest release
        assertThat(result.newChangeSets()).extracting(cs -> cs.id()).containsExactly("3");
    }

    @Test
    void aBreakOnlyTheOlderReleaseSeesIsReportedForThatRelease() throws IOException {
        var newest = fx().release("1.1", V11, "SELECT id, status FROM orders;\n");
        var older = fx().release("1.0", V1, "SELECT note FROM orders;\n");

        var result = run(CheckRequest.of(fx().changelog("current", V11 + DROP_NOTE), List.of(newest, older)));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("column-dropped");
            assertThat(f.releases()).containsExactly("1.0");
        });
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aRiskyFindingFailsOnlyWithFailOnRisky() throws IOException {
        var unique = """
                <changeSet id="3" author="shop">
                  <addUniqueConstraint tableName="orders" columnNames="note"/>
                </changeSet>
                """;
        var queries = "INSERT INTO orders (id, status, note) VALUES (?, ?, ?);\n";

        var breaking = run(request(fx().changelog("a", V1 + unique), List.of(fx().release("1.0", V1, queries)), List.of(),
                FailOn.BREAKING));
        var risky = run(request(fx().changelog("b", V1 + unique), List.of(fx().release("1.0", V1, queries)), List.of(),
                FailOn.RISKY));
        var none = run(request(fx().changelog("c", V1 + DROP_NOTE), List.of(fx().release("1.0", V1, queries)), List.of(),
                FailOn.NONE));

        assertThat(breaking.findings()).extracting(Finding::rule).containsExactly("unique-constraint-added");
        assertThat(breaking.verdict()).isEqualTo(Verdict.PASS);
        assertThat(risky.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(none.findings()).extracting(Finding::severity).contains(Severity.BREAKING);
        assertThat(none.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aChangeSetWhosePreconditionFailsOnThePreviousSchemaIsNotChecked() throws IOException {
        var previous = fx().release("1.0", V1, "SELECT note FROM orders;\n");
        var guarded = """
                <changeSet id="3" author="shop">
                  <preConditions onFail="MARK_RAN"><not><columnExists tableName="orders" columnName="note"/></not></preConditions>
                  <dropColumn tableName="orders" columnName="note"/>
                </changeSet>
                """;

        var result = run(CheckRequest.of(fx().changelog("current", V1 + guarded), List.of(previous)));

        assertThat(result.findings()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.notes()).anyMatch(n -> n.contains("shop:3"));
    }

    @Test
    void aChangeSetWhosePreconditionHoldsIsChecked() throws IOException {
        var previous = fx().release("1.0", V1, "SELECT note FROM orders;\n");
        var guarded = """
                <changeSet id="3" author="shop">
                  <preConditions onFail="MARK_RAN"><columnExists tableName="orders" columnName="note"/></preConditions>
                  <dropColumn tableName="orders" columnName="note"/>
                </changeSet>
                """;

        var result = run(CheckRequest.of(fx().changelog("current", V1 + guarded), List.of(previous)));

        assertThat(result.findings()).extracting(Finding::rule).containsExactly("column-dropped");
    }

    @Test
    void aFirstReleasePassesWithEveryChangeSetNewAndNoFinding() throws IOException {
        var result = run(request(fx().changelog("current", V1 + DROP_NOTE), List.of(),
                List.of(new Waiver("column-dropped", Optional.empty(), Optional.empty(), "r")), FailOn.RISKY));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.baselines()).isEmpty();
        assertThat(result.findings()).isEmpty();
        assertThat(result.newChangeSets()).extracting(cs -> cs.id()).containsExactly("1", "3");
        assertThat(result.unusedWaivers()).hasSize(1);
    }

    /** A source with a fixed cache key, as a git baseline's or an archive's sources have. */
    private static io.github.rollbacksafety.query.QuerySource keyed(io.github.rollbacksafety.query.QuerySource source,
                                                                    String key) {
        return new io.github.rollbacksafety.query.QuerySource() {
            @Override
            public String describe() {
                return source.describe();
            }

            @Override
            public void collect(io.github.rollbacksafety.query.QueryCollector collector) {
                source.collect(collector);
            }

            @Override
            public Optional<String> cacheKey() {
                return Optional.of(key);
            }
        };
    }

    @Test
    void hqlReadThroughAnotherSourcesMappingsIsNotCachedUnderItsOwnSourceAlone() throws IOException {
        var resources = java.nio.file.Files.createDirectories(dir.resolve("resources"));
        var javaDir = java.nio.file.Files.createDirectories(dir.resolve("java/com/shop"));
        java.nio.file.Files.writeString(javaDir.resolve("OrderDao.java"), """
                package com.shop;
                class OrderDao {
                    String remarks() {
                        return "select o.remark from Order o where o.id = :id";
                    }
                }
                """);
        var check = new RollbackSafetyCheck().withUsageCache(dir.resolve("cache"), "test");
        var hbm = """
                <?xml version="1.0"?>
                <hibernate-mapping package="com.shop">
                  <class name="Order" table="orders"><id name="id"/><property name="remark" column="%s"/></class>
                </hibernate-mapping>
                """;
        java.util.function.Function<String, List<String>> javaQueriesOfFindings = column -> {
            try {
                java.nio.file.Files.writeString(resources.resolve("Order.hbm.xml"), hbm.formatted(column));
                var previous = new PreviousRelease("1.0", fx().changelog("1.0-" + column, V1), List.of(
                        keyed(new io.github.rollbacksafety.query.archive.ArchiveQuerySource(resources, List.of()),
                                "hbm-" + column),
                        keyed(new io.github.rollbacksafety.query.javasource.JavaSourceQuerySource(
                                dir.resolve("java"), "1.0"), "java-1")));
                var result = check.run(CheckRequest.of(fx().changelog("current-" + column, V1 + DROP_NOTE),
                        List.of(previous)));
                return result.findings().stream().flatMap(f -> f.queries().stream())
                        .filter(q -> q.kind() == io.github.rollbacksafety.query.QuerySourceKind.JAVA_SOURCE)
                        .map(q -> q.location().file()).toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        assertThat(javaQueriesOfFindings.apply("note")).containsExactly("com/shop/OrderDao.java");
        // the mapping changed, the DAO did not: its HQL now reads status, whatever a cache of the DAO alone says
        assertThat(javaQueriesOfFindings.apply("status")).isEmpty();
    }

    @Test
    void hqlInOneSourceIsReadThroughTheEntityMappingsOfAnotherSourceOfTheRelease() throws IOException {
        // OpenELIS's shape: DAOs in src/main/java hold HQL, the entities are mapped in src/main/resources/*.hbm.xml
        var resources = java.nio.file.Files.createDirectories(dir.resolve("resources"));
        java.nio.file.Files.writeString(resources.resolve("Order.hbm.xml"), """
                <?xml version="1.0"?>
                <hibernate-mapping package="com.shop">
                  <class name="Order" table="orders">
                    <id name="id"/>
                    <property name="status"/>
                    <property name="remark" column="note"/>
                  </class>
                </hibernate-mapping>
                """);
        var javaDir = java.nio.file.Files.createDirectories(dir.resolve("java/com/shop"));
        java.nio.file.Files.writeString(javaDir.resolve("OrderDao.java"), """
                package com.shop;
                class OrderDao {
                    String remarks() {
                        return "select o.remark from Order o where o.status = :status";
                    }
                }
                """);
        var previous = new PreviousRelease("1.0", fx().changelog("1.0", V1), List.of(
                new io.github.rollbacksafety.query.archive.ArchiveQuerySource(resources, List.of()),
                new io.github.rollbacksafety.query.javasource.JavaSourceQuerySource(dir.resolve("java"), "1.0")));

        var result = run(CheckRequest.of(fx().changelog("current", V1 + DROP_NOTE), List.of(previous)));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("column-dropped");
            assertThat(f.object()).isEqualTo(FindingObject.column("orders", "note"));
            // the mapping itself, and the DAO's HQL read through it (o.remark is the column note)
            assertThat(f.queries()).extracting(q -> q.kind() + " " + q.location().file()).containsExactlyInAnyOrder(
                    "HIBERNATE_XML Order.hbm.xml", "JAVA_SOURCE com/shop/OrderDao.java");
        });
        assertThat(result.coverage().perKind().get(io.github.rollbacksafety.query.QuerySourceKind.JAVA_SOURCE))
                .isEqualTo(new Coverage.Counts(1, 1));
    }
}
