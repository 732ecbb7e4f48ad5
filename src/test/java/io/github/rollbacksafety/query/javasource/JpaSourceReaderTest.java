package io.github.rollbacksafety.query.javasource;

import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.archive.ArchiveQuerySource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.github.rollbacksafety.query.CodeFixtures.reads;
import static io.github.rollbacksafety.query.CodeFixtures.tables;
import static io.github.rollbacksafety.query.CodeFixtures.writes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaParser front end of the JPA mapping: source fixtures are parsed as text, never compiled, and must give
 * the usages the bytecode front end gives for the same classes.
 */
class JpaSourceReaderTest {

    private static QueryCollector app;

    @BeforeAll
    static void readFixtureSources() {
        app = collect(new JavaSourceQuerySource(Path.of("src/test/resources/srcjpa/app"), "v1.0.0"));
    }

    @Test
    void sourceAndBytecodeFrontEndsMapTheCompiledFixturesAlike() {
        var fromSource = mappings(collect(new JavaSourceQuerySource(Path.of("src/test/java/fixtures/code"), "v1")));
        var fromBytecode = mappings(collect(new ArchiveQuerySource(Path.of("target/test-classes/fixtures/code"),
                List.of())));
        assertThat(fromSource).containsKeys("fixtures.code.shop.Customer", "fixtures.code.shop.PurchaseOrder",
                "fixtures.code.shop.CardPayment", "fixtures.code.shop.Truck");
        // the bytecode directory holds no orm.xml/hbm.xml here, so every mapping comes from annotations
        assertThat(fromSource).isEqualTo(fromBytecode);
    }

    @Test
    void fieldWithoutColumnIsReportedInJpaAndSnakeCaseSpelling() {
        var order = mapping("com.acme.model.Order");
        assertThat(reads(order)).contains("shop_orders.legacystatus", "shop_orders.legacy_status");
        assertThat(order.inserts()).anySatisfy(i -> assertThat(i.columns()).contains("legacy_status"));
    }

    @Test
    void javaxSpellingWithPropertyAccessMapsGettersNotFields() {
        var ticket = mapping("com.acme.legacy.Ticket");
        assertThat(tables(ticket)).contains("ticket");
        assertThat(reads(ticket)).contains("ticket.id", "ticket.openedby", "ticket.opened_by", "ticket.urgent")
                .noneMatch(c -> c.contains("key") || c.contains("summary"));
    }

    @Test
    void onDemandJavaxImportFullyQualifiedAnnotationAndNestedConstantsResolve() {
        var ledger = mapping("com.acme.legacy.Ledger");
        assertThat(tables(ledger)).containsExactly("ledger_entries");
        assertThat(reads(ledger)).containsExactlyInAnyOrder("ledger_entries.id", "ledger_entries.entrycode",
                "ledger_entries.entry_code", "ledger_entries.amount_cents_v1");
    }

    @Test
    void transientFieldsAreNotMapped() {
        assertThat(reads(mapping("com.acme.model.Order")))
                .noneMatch(c -> c.contains("display") || c.contains("scratch") || c.contains("shared")
                        || c.contains("lines"));
    }

    @Test
    void columnsOfMappedSuperclassBelongToTheEntityTable() {
        assertThat(reads(mapping("com.acme.model.Order")))
                .contains("shop_orders.id", "shop_orders.created_by", "shop_orders.last_modified");
    }

    @Test
    void embeddableUsedByTwoEntitiesHonoursEachAttributeOverride() {
        assertThat(reads(mapping("com.acme.model.Order")))
                .contains("shop_orders.total_amount", "shop_orders.currency_code")
                .doesNotContain("shop_orders.amount");
        assertThat(reads(mapping("com.acme.model.Order$Line")))
                .contains("shop_order_lines.amount", "shop_order_lines.currency_code", "shop_order_lines.order_id");
    }

    @Test
    void joinedInheritanceWritesBothTables() {
        var card = mapping("com.acme.model.CardPayment");
        assertThat(tables(card)).containsExactlyInAnyOrder("payments", "card_payments");
        assertThat(reads(card)).contains("card_payments.card_number", "payments.paid_amount", "payments.created_by")
                .doesNotContain("card_payments.paid_amount");
    }

    @Test
    void jpqlInAnnotationsAndCreateQueryIsTranslatedThroughTheEntityModel() {
        var jpql = app.usages().stream().filter(u -> u.query().kind() == QuerySourceKind.JPQL).toList();
        assertThat(jpql).extracting(u -> u.query().location().member())
                .contains("com.acme.model.Order", "com.acme.repo.OrderDao#open", "com.acme.repo.OrderDao#mixed");
        assertThat(jpql).filteredOn(u -> u.query().location().member().endsWith("#open")).singleElement()
                .satisfies(u -> assertThat(reads(u)).contains("shop_orders.legacy_status"));
        assertThat(jpql).filteredOn(u -> u.query().location().member().endsWith("#mixed")).singleElement()
                .satisfies(u -> assertThat(tables(u)).contains("shop_order_lines"));
        // the constant passed to createQuery counts once for its class, as in the class file
        assertThat(jpql).filteredOn(u -> u.query().location().member().startsWith("com.acme.repo.OrderDao"))
                .hasSize(2);
        assertThat(app.sql()).noneMatch(q -> q.sql().contains("from Order"));
        assertThat(app.unparsed()).isEmpty();
        assertThat(app.warnings()).isEmpty();
    }

    @Test
    void springDataQueryFromOnDemandImportIsJpqlAndItsNativeSiblingStaysSql() {
        assertThat(app.usages()).filteredOn(u -> u.query().location().member()
                        .equals("com.acme.repo.OrderRepository#totals")).singleElement()
                .satisfies(u -> assertThat(reads(u)).contains("shop_orders.total_amount", "shop_orders.created_by"));
        assertThat(app.sql()).extracting(q -> q.sql()).containsExactly("select count(*) from shop_orders");
    }

    @Test
    void mappingLocationsNameTheSourceFile() {
        assertThat(mapping("com.acme.model.Order").query().location().file())
                .isEqualTo("com/acme/model/Order.java");
    }

    private static QueryCollector collect(io.github.rollbacksafety.query.QuerySource source) {
        var collector = new QueryCollector();
        source.collect(collector);
        return collector;
    }

    private static QueryUsage mapping(String className) {
        return app.usages().stream()
                .filter(u -> u.query().kind() == QuerySourceKind.JPA_MAPPING)
                .filter(u -> u.query().location().member().equals(className))
                .findFirst().orElseThrow(() -> new AssertionError("no mapping usage for " + className));
    }

    /** Per mapped class: its tables, read and written columns and insert column lists, order-independent. */
    private static Map<String, List<Object>> mappings(QueryCollector collector) {
        var result = new TreeMap<String, List<Object>>();
        for (var u : collector.usages()) {
            if (u.query().kind() == QuerySourceKind.JPA_MAPPING) {
                var inserts = new TreeMap<String, TreeSet<String>>();
                u.inserts().forEach(i -> inserts.put(i.table(), new TreeSet<>(i.columns())));
                result.put(u.query().location().member(), List.of(tables(u), reads(u),
                        writes(u), inserts, new TreeSet<>(u.sequences())));
            }
        }
        return result;
    }
}
