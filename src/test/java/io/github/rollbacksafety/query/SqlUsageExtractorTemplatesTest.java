package io.github.rollbacksafety.query;

import io.github.rollbacksafety.query.QueryUsage.InsertUse;
import io.github.rollbacksafety.query.QueryUsage.TableUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.github.rollbacksafety.query.SqlUsageExtractorTest.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Templates real code writes into SQL text (String.format, JDBI, Spring, MessageFormat, iBATIS), statement kinds
 * beyond SELECT/INSERT/UPDATE/DELETE, and table names JSqlParser reserves: each fed to the real extractor.
 */
class SqlUsageExtractorTemplatesTest {

    private final SqlUsageExtractor extractor = new SqlUsageExtractor();

    private QueryUsage usage(String sql) {
        try {
            return extractor.extract(new Query(sql, SourceLocation.of("Dao.java", 7), QuerySourceKind.JAVA_SOURCE));
        } catch (UnparsableQueryException e) {
            throw new AssertionError("did not parse: " + e.getMessage(), e);
        }
    }

    private String reason(String sql) {
        try {
            extractor.extract(new Query(sql, SourceLocation.of("Dao.java", 7), QuerySourceKind.JAVA_SOURCE));
        } catch (UnparsableQueryException e) {
            return e.getMessage();
        }
        throw new AssertionError("understood: " + sql);
    }

    // ---------------------------------------------------------------- String.format / formatted

    @Test
    void formatListInAnInClauseIsAValue() {
        var u = usage("SELECT id, name FROM orders WHERE id IN (%s) AND status = ?");
        assertThat(columns(u)).containsExactly("orders.id", "orders.name", "orders.status");
    }

    @Test
    void formatNumberIsAValueAndPercentPercentIsAPercent() {
        var u = usage("SELECT name FROM orders WHERE id = %d AND total %% 2 = 0 AND note LIKE '%%x%%' LIMIT %d");
        assertThat(columns(u)).containsExactly("orders.id", "orders.name", "orders.note", "orders.total");
    }

    @Test
    void indexedFormatSpecifiersAreTemplatesToo() {
        var u = usage("UPDATE orders SET status = %2$s WHERE id = %1$d");
        assertThat(columns(u)).containsExactly("orders.id", "orders.status=w");
    }

    @Test
    void formatSchemaBeforeATableIsAnUnknownSchema() {
        var u = usage("SELECT o.total FROM %s.orders o WHERE o.id = ?");
        assertThat(u.tables()).as("orders in any schema").containsExactly(new TableUse("*.orders", false));
        assertThat(columns(u)).containsExactly("*.orders.id", "*.orders.total");
    }

    @Test
    void moduloBeforeANameIsNotATemplate() {
        var u = usage("SELECT id FROM orders WHERE id %next_shard = 0 AND total %%n = 1%n");
        assertThat(columns(u)).containsExactly("orders.id", "orders.n", "orders.next_shard", "orders.total");
    }

    @Test
    void formatStringsInsideLiteralsAreLeftAlone() {
        var u = usage("SELECT id FROM orders WHERE note LIKE '%s%' AND code = '%d'");
        assertThat(columns(u)).containsExactly("orders.code", "orders.id", "orders.note");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id, legacy_status FROM %s WHERE id = ?",
        "SELECT id, legacy_status FROM %s_orders WHERE id = ?",
        "SELECT id, legacy_status FROM orders_%s WHERE id = ?",
        "SELECT id, legacy_status FROM \"%s\" WHERE id = ?",
        "UPDATE %s SET legacy_status = ? WHERE id = ?",
        "DELETE FROM <table> WHERE legacy_status = ?",
        "INSERT INTO %s (id, legacy_status) VALUES (?, ?)",
        "SELECT id, legacy_status FROM {0} WHERE id = ?",
    })
    void aTableNamedAtRunTimeIsNotUnderstoodAndPinsNoColumnOnAnyTable(String sql) {
        assertThat(reason(sql)).contains("table name is supplied at run time");
    }

    @Test
    void aRunTimeTableBesideAKnownOneLeavesTheKnownOneUnderstood() {
        var u = usage("SELECT o.id, t.legacy_status FROM orders o JOIN %s t ON t.order_id = o.id");
        assertThat(u.tables()).containsExactly(new TableUse("orders", false));
        assertThat(columns(u)).containsExactly("orders.id");
    }

    @Test
    void formatInTheSelectListOrOrderByDropsOnlyThatName() {
        var u = usage("SELECT id, %s FROM orders ORDER BY %s");
        assertThat(columns(u)).containsExactly("orders.id");
    }

    // ---------------------------------------------------------------- JDBI, Spring, MessageFormat, iBATIS

    @Test
    void jdbiBindListIsAValue() {
        var u = usage("SELECT id FROM orders WHERE customer_id IN (<customerIds>) AND id > :after");
        assertThat(columns(u)).containsExactly("orders.customer_id", "orders.id");
    }

    @Test
    void jdbiDefinedPrefixIsAnUnknownPrefix() {
        var u = usage("SELECT total FROM <prefix>orders WHERE id = :id");
        assertThat(u.tables()).containsExactly(new TableUse("orders", false));
        assertThat(columns(u)).containsExactly("orders.id", "orders.total");
    }

    @Test
    void comparisonsWithSpacesAreNotTemplates() {
        var u = usage("SELECT id FROM orders WHERE total < limit_total AND total > 0 AND a <> b");
        assertThat(columns(u)).contains("orders.limit_total", "orders.a", "orders.b");
    }

    @Test
    void springNamedListIsAValue() {
        var u = usage("SELECT id FROM orders WHERE status IN (:statuses) AND id = :id");
        assertThat(columns(u)).containsExactly("orders.id", "orders.status");
    }

    @Test
    void messageFormatIndexIsAValue() {
        var u = usage("SELECT id FROM orders WHERE customer_id = {0} AND status = {1}");
        assertThat(columns(u)).containsExactly("orders.customer_id", "orders.id", "orders.status");
    }

    @Test
    void ibatisInlineParameterIsAValueNotAColumn() {
        var u = usage("SELECT id FROM orders WHERE customer_id = #customerId# AND status = #status:VARCHAR#");
        assertThat(columns(u)).containsExactly("orders.customer_id", "orders.id", "orders.status");
    }

    // ---------------------------------------------------------------- statement kinds

    @Test
    void truncateWritesEveryTableItNames() {
        var u = usage("TRUNCATE TABLE orders, order_items RESTART IDENTITY");
        assertThat(u.tables()).containsExactly(new TableUse("orders", true), new TableUse("order_items", true));
    }

    @Test
    void mergeWritesTheTargetAndReadsTheSource() {
        var u = usage("MERGE INTO orders o USING incoming i ON (o.id = i.id) "
                + "WHEN MATCHED THEN UPDATE SET o.total = i.total "
                + "WHEN NOT MATCHED THEN INSERT (id, total) VALUES (i.id, i.total)");
        assertThat(u.tables()).containsExactly(new TableUse("orders", true), new TableUse("incoming", false));
        assertThat(columns(u)).contains("orders.total=w", "orders.id=w", "incoming.total", "incoming.id");
        assertThat(u.inserts()).containsExactly(new InsertUse("orders", List.of("id", "total"), false));
    }

    @Test
    void insertSelectWritesTheTargetAndReadsTheSource() {
        var u = usage("INSERT INTO archive (id, total) SELECT id, total FROM orders WHERE closed_at < ?");
        assertThat(columns(u)).containsExactly("archive.id=w", "archive.total=w", "orders.closed_at", "orders.id",
                "orders.total");
    }

    @Test
    void callReadsWhatItsArgumentsRead() {
        var u = usage("{call close_orders((SELECT max(closed_at) FROM orders), ?)}");
        assertThat(columns(u)).containsExactly("orders.closed_at");
        assertThat(usage("CALL refresh_totals(?)").tables()).isEmpty();
    }

    @Test
    void copyFromWithColumnsWritesThem() {
        var u = usage("COPY orders (id, total) FROM STDIN WITH (FORMAT csv)");
        assertThat(u.inserts()).containsExactly(new InsertUse("orders", List.of("id", "total"), false));
        assertThat(columns(u)).containsExactly("orders.id=w", "orders.total=w");
    }

    @Test
    void copyFromWithoutColumnsFillsEveryColumnInOrder() {
        var u = usage("\\copy public.orders FROM 'orders.csv' CSV HEADER");
        assertThat(u.inserts()).containsExactly(new InsertUse("public.orders", List.of(), true));
    }

    @Test
    void copyToReadsTheColumnsOrEverything() {
        assertThat(columns(usage("COPY orders (id, total) TO STDOUT"))).containsExactly("orders.id", "orders.total");
        assertThat(usage("COPY orders TO '/tmp/orders.csv'").starReads()).containsExactly("orders");
        assertThat(columns(usage("COPY (SELECT id FROM orders WHERE total > 0) TO STDOUT")))
                .containsExactly("orders.id", "orders.total");
    }

    // ---------------------------------------------------------------- names JSqlParser reserves

    @Test
    void aTableNamedSampleIsATable() {
        var u = usage("SELECT s.accession_number FROM clinlims.sample s JOIN sample_item si ON si.samp_id = s.id "
                + "WHERE s.status IN (:statuses)");
        assertThat(u.tables()).containsExactly(new TableUse("clinlims.sample", false),
                new TableUse("sample_item", false));
        assertThat(columns(u)).containsExactly("clinlims.sample.accession_number", "clinlims.sample.id",
                "clinlims.sample.status", "sample_item.samp_id");
    }

    @Test
    void reservedNamesAsColumnsAndFunctionsStillParse() {
        var u = usage("SELECT prior, sample, upper(errors) FROM results WHERE final = true");
        assertThat(columns(u)).containsExactly("results.errors", "results.final", "results.prior", "results.sample");
    }

    @Test
    void aStatementBrokenForAnotherReasonKeepsItsOwnReason() {
        assertThat(reason("SELECT id FROM sample WHERE")).contains("does not parse");
    }

    // ---------------------------------------------------------------- HQL found among strings from code

    @Test
    void hqlFromCodeIsReportedAsHqlNotAsEntityTables() {
        assertThat(reason("select max(s.accessionNumber) from Sample s join s.items i where i.id = :id"))
                .startsWith("HQL/JPQL, not SQL (joins an association path)");
        assertThat(reason("select s.accessionNumber from Sample s where s.sampleItem.status = :status"))
                .startsWith("HQL/JPQL, not SQL (navigates an attribute path)");
        assertThat(reason("from Patient p where p.nationalId = :id"))
                .startsWith("HQL/JPQL, not SQL (starts with FROM)");
    }

    @Test
    void nativeSqlDeclaredAsSuchIsNotJudgedForHql() throws UnparsableQueryException {
        var u = extractor.extract(new Query("select max(s.accessionNumber) from Sample s",
                SourceLocation.of("q.sql", 1), QuerySourceKind.SQL_RESOURCE));
        assertThat(u.tables()).containsExactly(new TableUse("sample", false));
    }

    /** The entity mappings of the hbm.xml fixture (Account on accounts, Branch on branches), as a source reads them. */
    private static List<EntityQueries> hbmMappings() {
        var collector = new QueryCollector();
        new io.github.rollbacksafety.query.archive.ArchiveQuerySource(CodeFixtures.TEST_CLASSES.resolve("code/hbm"),
                List.of()).collect(collector);
        assertThat(collector.entityQueries()).isNotEmpty();
        return collector.entityQueries();
    }

    @Test
    void hqlFromCodeIsReadThroughAnotherSourcesMappingsKeepingItsKind() throws UnparsableQueryException {
        var withMappings = extractor.withEntityQueries(hbmMappings());
        var query = new Query("select a.ownerName from Account a join a.branch b where b.city = :city",
                SourceLocation.of("AccountDao.java", 12), QuerySourceKind.JAVA_SOURCE);

        var u = withMappings.extract(query);

        assertThat(u.query().kind()).isEqualTo(QuerySourceKind.JAVA_SOURCE);
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("accounts", "branches");
        assertThat(columns(u)).contains("accounts.owner_name", "branches.city");
    }

    @Test
    void camelCaseColumnsAreSqlInAReleaseWithoutEntityMappings() {
        // MySQL and SQL Server schemas have them; only a release that maps entities makes them a sign of HQL
        var u = usage("SELECT o.customerId FROM Orders o WHERE o.orderDate > ?");
        assertThat(columns(u)).containsExactly("orders.customerid", "orders.orderdate");
        var withMappings = extractor.withEntityQueries(hbmMappings());
        assertThatThrownBy(() -> withMappings.extract(new Query("SELECT o.customerId FROM Orders o",
                SourceLocation.of("Dao.java", 1), QuerySourceKind.JAVA_SOURCE)))
                .hasMessageStartingWith("HQL/JPQL, not SQL (camelCase attributes of an entity name)");
    }

    @Test
    void hqlWithAnAttributeNamedAtRunTimeIsReadWithoutIt() throws UnparsableQueryException {
        // the Java front ends leave a non-constant part of a string as ${name} or %s
        var withMappings = extractor.withEntityQueries(hbmMappings());
        var query = new Query("select a from Account a where a.ownerName = :owner order by a.${sortProperty}",
                SourceLocation.of("AccountDao.java", 20), QuerySourceKind.JAVA_SOURCE);

        var u = withMappings.extract(query);

        assertThat(u.query()).isEqualTo(query);
        assertThat(columns(u)).contains("accounts.owner_name");
        assertThat(columns(withMappings.extract(new Query("from Account a where a.balance > %s order by a.%s",
                SourceLocation.of("AccountDao.java", 21), QuerySourceKind.JAVA_SOURCE)))).contains("accounts.balance");
    }

    @Test
    void hqlOfAnEntityNoSourceMapsIsNotReadAsTables() {
        var withMappings = extractor.withEntityQueries(hbmMappings());
        var query = new Query("select c.fullName from Customer c where c.createdOn > :since",
                SourceLocation.of("CustomerDao.java", 3), QuerySourceKind.JAVA_SOURCE);

        assertThatThrownBy(() -> withMappings.extract(query)).isInstanceOf(UnparsableQueryException.class)
                .hasMessageStartingWith("HQL/JPQL, not SQL");
    }

    @Test
    void sqlNamingATableSpelledLikeAnEntityIsStillSql() throws UnparsableQueryException {
        // "Branch" is an entity, but this is SQL the translator cannot read: parsed as SQL
        var u = extractor.withEntityQueries(hbmMappings()).extract(new Query(
                "SELECT b.city, count(*) FROM Branch b GROUP BY b.city HAVING count(*) > 1 LIMIT 10",
                SourceLocation.of("Report.java", 5), QuerySourceKind.JAVA_SOURCE));
        assertThat(u.tables()).isNotEmpty();
    }
}
