package io.github.rollbacksafety.query.archive;

import io.github.rollbacksafety.query.CodeFixtures;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

import static io.github.rollbacksafety.query.CodeFixtures.TEST_CLASSES;
import static io.github.rollbacksafety.query.CodeFixtures.collect;
import static io.github.rollbacksafety.query.CodeFixtures.fixtureEntries;
import static io.github.rollbacksafety.query.CodeFixtures.inserts;
import static io.github.rollbacksafety.query.CodeFixtures.mapping;
import static io.github.rollbacksafety.query.CodeFixtures.reads;
import static io.github.rollbacksafety.query.CodeFixtures.sql;
import static io.github.rollbacksafety.query.CodeFixtures.tables;
import static io.github.rollbacksafety.query.CodeFixtures.texts;
import static io.github.rollbacksafety.query.CodeFixtures.writes;
import static org.assertj.core.api.Assertions.assertThat;

class ArchiveQuerySourceTest {

    private static QueryCollector classes;

    @BeforeAll
    static void readTestClassesDirectory() {
        classes = collect(TEST_CLASSES, List.of());
    }

    @Test
    void fieldWithoutColumnIsReportedInJpaAndSnakeCaseSpelling() {
        var customer = mapping(classes, "fixtures.code.shop.Customer");
        assertThat(tables(customer)).contains("customers").doesNotContain("customer");
        assertThat(reads(customer)).contains("customers.legacystatus", "customers.legacy_status", "customers.email");
        assertThat(inserts(customer).get("customers")).contains("legacystatus", "legacy_status", "email", "id",
                "version");
    }

    @Test
    void implicitTableNameIsReportedInBothSpellings() {
        var order = mapping(classes, "fixtures.code.shop.PurchaseOrder");
        assertThat(tables(order)).contains("purchaseorder", "purchase_order");
        assertThat(inserts(order)).containsKeys("purchaseorder", "purchase_order");
    }

    @Test
    void transientStaticAndTransientAnnotatedFieldsAreNotMapped() {
        var customer = mapping(classes, "fixtures.code.shop.Customer");
        assertThat(reads(customer)).noneMatch(c -> c.contains("displaycache") || c.contains("display_cache")
                || c.contains("scratch") || c.contains("shared") || c.contains("orders"));
    }

    @Test
    void columnsOfMappedSuperclassBelongToTheEntityTable() {
        var customer = mapping(classes, "fixtures.code.shop.Customer");
        assertThat(reads(customer)).contains("customers.created_by", "customers.createdat", "customers.created_at");
        assertThat(inserts(customer).get("customers")).contains("created_by", "created_at");
    }

    @Test
    void embeddableUsedByTwoEntitiesHonoursEachAttributeOverride() {
        var customer = mapping(classes, "fixtures.code.shop.Customer");
        var order = mapping(classes, "fixtures.code.shop.PurchaseOrder");
        assertThat(reads(customer)).contains("customers.home_street", "customers.zip_code")
                .doesNotContain("customers.street", "customers.ship_street");
        assertThat(reads(order)).contains("purchase_order.ship_street", "purchase_order.zip_code")
                .doesNotContain("purchase_order.street", "purchase_order.home_street");
    }

    @Test
    void joinedInheritanceWritesTwoTablesWithOneInsertEach() {
        var card = mapping(classes, "fixtures.code.shop.CardPayment");
        assertThat(tables(card)).containsExactlyInAnyOrder("payments", "card_payments");
        var inserts = inserts(card);
        assertThat(inserts.get("payments")).containsExactlyInAnyOrder("id", "amount");
        assertThat(inserts.get("card_payments")).containsExactlyInAnyOrder("card_number", "id");
        assertThat(inserts(mapping(classes, "fixtures.code.shop.Payment"))).containsOnlyKeys("payments");
    }

    @Test
    void singleTableSubclassWritesRootTableWithDiscriminator() {
        var truck = mapping(classes, "fixtures.code.shop.Truck");
        assertThat(tables(truck)).containsExactly("vehicles");
        assertThat(inserts(truck).get("vehicles")).containsExactlyInAnyOrder("id", "plate", "payload", "kind");
        assertThat(inserts(mapping(classes, "fixtures.code.shop.Vehicle")).get("vehicles"))
                .containsExactlyInAnyOrder("id", "plate", "kind");
    }

    @Test
    void elementCollectionHasItsOwnTableAndInsert() {
        var customer = mapping(classes, "fixtures.code.shop.Customer");
        assertThat(inserts(customer).get("customer_tags")).containsExactlyInAnyOrder("customer_id", "tag");
        assertThat(reads(customer)).doesNotContain("customers.tag", "customers.tags");
    }

    @Test
    void joinTableAndDefaultJoinColumnOfManyToOne() {
        var order = mapping(classes, "fixtures.code.shop.PurchaseOrder");
        assertThat(inserts(order).get("order_products")).containsExactlyInAnyOrder("order_id", "product_id",
                "position");
        assertThat(inserts(order).get("purchase_order")).contains("customer_id").doesNotContain("products");
    }

    @Test
    void notInsertableColumnIsReadOnlyAndNotUpdatableColumnIsNotWritten() {
        var order = mapping(classes, "fixtures.code.shop.PurchaseOrder");
        assertThat(reads(order)).contains("purchase_order.total_cents");
        assertThat(writes(order)).doesNotContain("purchase_order.total_cents");
        assertThat(inserts(order).get("purchase_order")).doesNotContain("total_cents");
        var customer = mapping(classes, "fixtures.code.shop.Customer");
        assertThat(writes(customer)).doesNotContain("customers.email").contains("customers.legacy_status");
    }

    @Test
    void sequenceGeneratorsAreSequenceUsage() {
        assertThat(mapping(classes, "fixtures.code.shop.Customer").sequences()).containsExactly("customer_seq");
        assertThat(mapping(classes, "fixtures.code.shop.PurchaseOrder").sequences())
                .contains("purchaseorder_seq", "purchase_order_seq");
    }

    @Test
    void propertyAccessMapsGettersWhenIdIsOnAGetter() {
        var invoice = mapping(classes, "fixtures.code.shop.Invoice");
        assertThat(reads(invoice)).contains("invoices.id", "invoices.invoice_number")
                .noneMatch(c -> c.endsWith(".key") || c.endsWith(".number") || c.endsWith(".label"));
    }

    @Test
    void javaxPersistenceEntitiesAndNamedNativeQueries() {
        assertThat(reads(mapping(classes, "fixtures.code.legacy.Ticket"))).contains("tickets.subject");
        assertThat(texts(sql(classes, QuerySourceKind.ANNOTATION_SQL)))
                .contains("select id, subject from tickets where closed = false");
    }

    @Test
    void namedJpqlQueryIsTranslatedToTablesAndColumns() {
        var usage = jpql(classes, "PurchaseOrder o join o.customer");
        assertThat(tables(usage)).contains("purchase_order", "customers");
        assertThat(reads(usage)).contains("customers.legacy_status", "purchase_order.ship_street",
                "purchase_order.customer_id", "purchase_order.placed_on", "purchaseorder.placedon");
        assertThat(usage.query().location().file()).isEqualTo("fixtures/code/shop/PurchaseOrder.class");
    }

    @Test
    void springDataJpqlQueryResolvesEmbeddedPaths() {
        var usage = jpql(classes, "c.home.zip");
        assertThat(reads(usage)).contains("customers.zip_code", "customers.email");
        assertThat(usage.query().location().member()).isEqualTo("fixtures.code.repo.CustomerRepository#byEmail");
    }

    @Test
    void unresolvableJpqlIsUnparsedNotGuessed() {
        assertThat(classes.unparsed()).anySatisfy(u -> {
            assertThat(u.query().sql()).isEqualTo("select c from Nonexistent c");
            assertThat(u.query().kind()).isEqualTo(QuerySourceKind.JPQL);
            assertThat(u.reason()).contains("Nonexistent");
        });
        assertThat(classes.usages()).noneMatch(u -> u.query().sql().contains("Nonexistent"));
    }

    @Test
    void nativeQueryJdbiAndMyBatisAnnotationsAreSql() {
        var native_ = texts(sql(classes, QuerySourceKind.ANNOTATION_SQL));
        assertThat(native_).contains("SELECT * FROM customers WHERE legacy_status = :status",
                "select id, plate from vehicles where plate = :plate",
                "update vehicles set plate = :plate where id = :id",
                "select id, name from products where id = #{id}",
                "insert into products (id, name) values (#{id}, #{name})",
                "update products SET name = #{name} where id = #{id}",
                "delete from products where id = #{id}");
        assertThat(native_).noneMatch(s -> s.contains("select c from"));
    }

    @Test
    void concatenationWithRuntimeValueBecomesPlaceholder() {
        var strings = sql(classes, QuerySourceKind.BYTECODE_STRING);
        var byId = find(strings, "select name from products where id = ?");
        assertThat(byId.location().file()).isEqualTo("fixtures/code/repo/JdbcProductDao.class");
        assertThat(byId.location().member()).isEqualTo("fixtures.code.repo.JdbcProductDao#byId");
        assertThat(byId.location().line()).isPositive();
        assertThat(texts(strings)).contains("select plate from vehicles where plate = '?'",
                "select id, name from products order by name");
    }

    @Test
    void stringsThatOnlyMentionAColumnAreNotReported() {
        assertThat(classes.sql()).noneMatch(q -> q.sql().contains("must not be empty")
                || q.sql().contains("Please update"));
    }

    @Test
    void jpqlStringInCodeIsTranslatedThroughTheEntityModel() {
        var usage = jpql(classes, "select p from Product p");
        assertThat(reads(usage)).contains("products.name");
        assertThat(texts(sql(classes, QuerySourceKind.BYTECODE_STRING))).noneMatch(s -> s.contains("from Product p"));
    }

    @Test
    void hibernateMappingPropertyWithoutColumnUsesPropertyName() {
        var account = mapping(classes, "com.acme.legacy.Account");
        assertThat(account.query().kind()).isEqualTo(QuerySourceKind.HIBERNATE_XML);
        assertThat(account.query().location().file()).isEqualTo("code/hbm/Account.hbm.xml");
        assertThat(reads(account)).contains("accounts.balance", "accounts.owner_name", "accounts.opened_on",
                "accounts.branch_id", "accounts.account_id");
        assertThat(inserts(account).get("account_aliases")).containsExactlyInAnyOrder("account_id", "alias");
        assertThat(account.sequences()).containsExactly("account_seq");
        var savings = mapping(classes, "com.acme.legacy.SavingsAccount");
        assertThat(inserts(savings).get("savings_accounts")).containsExactlyInAnyOrder("account_id", "interest_rate");
        assertThat(reads(jpql(classes, "from Account a"))).contains("accounts.balance");
    }

    @Test
    void ormXmlMapsAPlainClass() {
        var shipment = mapping(classes, "fixtures.code.orm.Shipment");
        assertThat(reads(shipment)).contains("shipments.trackingcode", "shipments.tracking_code",
                "shipments.carrier_name", "shipments.id");
        assertThat(reads(jpql(classes, "from Shipment s"))).contains("shipments.tracking_code");
    }

    @Test
    void myBatisDynamicSqlIsFlattenedWithIncludes() {
        var statements = sql(classes, QuerySourceKind.MYBATIS_XML);
        var select = statements.stream().filter(q -> q.location().member().equals("com.acme.OrderMapper#find"))
                .findFirst().orElseThrow();
        assertThat(select.sql()).isEqualTo("select id, status, total_amount from orders WHERE status = #{status} "
                + "and region = #{region}");
        assertThat(select.location().file()).isEqualTo("code/mybatis/OrderMapper.xml");
        assertThat(select.location().line()).isEqualTo(11);
        assertThat(texts(statements)).contains("update orders SET status = #{status}, note = #{note} where id = #{id}",
                "insert into orders (id, status) values (#{o.id}, #{o.status})",
                "SELECT id, total_amount FROM orders");
    }

    @Test
    void mapperWithDoctypeParsesOfflineAndBadXmlIsAWarning() {
        assertThat(texts(sql(classes, QuerySourceKind.MYBATIS_XML)))
                .contains("delete from audit_log where created_at < #{cutoff}");
        assertThat(classes.warnings()).anyMatch(w -> w.contains("code/mybatis/Broken.xml"));
    }

    @Test
    void springBootJarReadsBootInfClassesAndIgnoresLibrariesNotListed(@TempDir Path dir) throws Exception {
        var entries = fixtureEntries("BOOT-INF/classes/");
        entries.put("BOOT-INF/lib/shop-dao-1.0.jar", CodeFixtures.dependencyJar());
        var boot = CodeFixtures.zip(dir.resolve("app.jar"), entries);

        var without = collect(boot, List.of());
        assertThat(mapping(without, "fixtures.code.shop.Customer").query().location().file())
                .isEqualTo("fixtures/code/shop/Customer.class");
        assertThat(without.sql()).noneMatch(q -> q.sql().contains("dep_things"));

        var with = collect(boot, List.of("shop-dao"));
        var dep = find(with.sql(), "select id, label from dep_things where id = 1");
        assertThat(dep.location().file()).isEqualTo("shop-dao-1.0.jar!/fixtures/code/dep/DepDao.class");
    }

    @Test
    void warReadsWebInfClasses(@TempDir Path dir) throws Exception {
        var war = CodeFixtures.zip(dir.resolve("app.war"), fixtureEntries("WEB-INF/classes/"));
        var c = collect(war, List.of());
        assertThat(reads(mapping(c, "fixtures.code.shop.Customer"))).contains("customers.legacy_status");
        assertThat(texts(c.sql())).contains("select name from products where id = ?");
        assertThat(c.warnings()).noneMatch(w -> w.contains("Customer"));
    }

    @Test
    void plainJarGivesTheSameResultAsTheDirectory(@TempDir Path dir) throws Exception {
        var jar = CodeFixtures.zip(dir.resolve("app.jar"), fixtureEntries(""));
        var c = collect(jar, List.of());
        assertThat(c.usages()).hasSameSizeAs(classes.usages().stream()
                .filter(u -> !u.query().location().file().startsWith("io/")).toList());
        assertThat(inserts(mapping(c, "fixtures.code.shop.CardPayment"))).containsKeys("payments", "card_payments");
    }

    @Test
    void corruptClassFileAndUnsafeNamesAreWarningsNamingTheEntry(@TempDir Path dir) throws Exception {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("com/acme/Broken.class", "not a class".getBytes(StandardCharsets.UTF_8));
        entries.put("../evil/Escape.class", new byte[] {1, 2, 3});
        entries.put("sql/Mapper.xml", "<mapper namespace='m'><select id='a'>select a from b</select></mapper>"
                .getBytes(StandardCharsets.UTF_8));
        var c = collect(CodeFixtures.zip(dir.resolve("bad.jar"), entries), List.of());
        assertThat(c.warnings()).anyMatch(w -> w.contains("com/acme/Broken.class"))
                .anyMatch(w -> w.contains("../evil/Escape.class") && w.contains("unsafe"));
        assertThat(texts(c.sql())).containsExactly("select a from b");
    }

    private static Query find(List<Query> queries, String sql) {
        return queries.stream().filter(q -> q.sql().equals(sql)).findFirst()
                .orElseThrow(() -> new AssertionError(sql + " not in " + texts(queries)));
    }

    private static io.github.rollbacksafety.query.QueryUsage jpql(QueryCollector c, String fragment) {
        return c.usages().stream()
                .filter(u -> u.query().kind() == QuerySourceKind.JPQL && u.query().sql().contains(fragment))
                .findFirst().orElseThrow(() -> new AssertionError("no JPQL usage with " + fragment + "; unparsed: "
                        + c.unparsed()));
    }
}
