package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.ddl.SqlDdlTranslator;
import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

/** Compatibility views under a renamed or dropped table's name: the views are read by the real SQL translator. */
class CompatibilityViewNotWritableRuleTest {

    private static final SqlDdlTranslator SQL = new SqlDdlTranslator();

    private final Rule rule = new CompatibilityViewNotWritableRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"),
                        nullable("total", "numeric(12,2)"), nullable("customer_id", "bigint"))
                .table("customers", notNull("id", "bigint"), nullable("name", "text"));
    }

    /** The new changeset: the SQL, as the changelog's {@code <sql>} would hold it. */
    private static RuleTestKit release(RuleTestKit kit, String sql) {
        return kit.changeSet("7", SQL.translate(sql).toArray(SchemaOp[]::new));
    }

    @Test
    void aPlainViewBridgesReadsAndWrites() {
        var violations = release(shop().updates("orders", "status").inserts("orders", "id", "status", "total")
                        .deletes("orders").insertsPositionally("orders"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT id, status, total, customer_id FROM purchase_orders")
                .check(rule);
        assertThat(violations).isEmpty();
    }

    @Test
    void writingAColumnTheViewComputesBreaks() {
        var violations = release(shop().selects("orders", "id", "status").updates("orders", "status")
                        .updates("orders", "total"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT id, CASE WHEN state = 'O' THEN 'OPEN' ELSE 'CLOSED' END"
                        + " AS status, total, customer_id FROM purchase_orders")
                .check(rule);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "status"));
            assertThat(v.message()).contains("CASE expression").contains("purchase_orders");
            assertThat(v.queries()).extracting(q -> q.location().line()).containsExactly(2);
        });
    }

    @Test
    void readingAComputedColumnIsFine() {
        var violations = release(shop().selects("orders", "id", "status").updates("orders", "total"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT id, upper(state) AS status, total FROM purchase_orders")
                .check(rule);
        assertThat(violations).isEmpty();
    }

    @Test
    void aViewJoiningTablesTakesNoWritesAtAll() {
        var violations = release(shop().selects("orders", "id", "total").deletes("orders")
                        .inserts("orders", "id", "total"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT o.id, o.status, o.total, o.customer_id, c.name"
                        + " FROM purchase_orders o JOIN customers c ON c.id = o.customer_id")
                .check(rule);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.view("orders"));
            assertThat(v.message()).contains("joins several tables");
            assertThat(v.queries()).extracting(q -> q.location().line()).containsExactly(2, 3);
        });
    }

    @Test
    void groupByDistinctAndAggregatesMakeAViewReadOnly() {
        for (var view : new String[] {
                "SELECT customer_id AS id, sum(total) AS total FROM purchase_orders GROUP BY customer_id",
                "SELECT DISTINCT id, status, total FROM purchase_orders",
                "SELECT id, status, total FROM purchase_orders UNION SELECT id, status, total FROM old_orders"}) {
            var violations = release(shop().inserts("orders", "id", "total"),
                    "ALTER TABLE orders RENAME TO purchase_orders; CREATE VIEW orders AS " + view).check(rule);
            assertThat(violations).as(view).singleElement()
                    .satisfies(v -> assertThat(v.object()).isEqualTo(FindingObject.view("orders")));
        }
    }

    @Test
    void aTableDroppedAndReplacedByAViewOverANewTableIsCheckedToo() {
        var violations = release(shop().inserts("orders", "id", "status", "total"),
                "CREATE TABLE purchase_orders (id bigint PRIMARY KEY, state char(1), total numeric(12,2));"
                        + " DROP TABLE orders;"
                        + " CREATE VIEW orders AS SELECT id, lower(state) AS status, total FROM purchase_orders")
                .check(rule);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "status"));
            assertThat(v.message()).startsWith("Drops table orders").contains("function lower()");
        });
    }

    @Test
    void aPositionalInsertWritesTheComputedColumnsToo() {
        var violations = release(shop().insertsPositionally("orders"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT id, status, total * 100 AS total, customer_id"
                        + " FROM purchase_orders")
                .check(rule);
        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.object()).isEqualTo(FindingObject.column("orders", "total")));
    }

    @Test
    void noWritesOrNoBridgeOrAViewOverAViewAreNotThisRulesBusiness() {
        var readsOnly = release(shop().selects("orders", "id", "total"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT DISTINCT id, total FROM purchase_orders").check(rule);
        assertThat(readsOnly).isEmpty();

        var noBridge = release(shop().deletes("orders"), "ALTER TABLE orders RENAME TO purchase_orders").check(rule);
        assertThat(noBridge).as("table-renamed reports that").isEmpty();

        var viewOverView = release(shop().updates("orders", "status"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW open_orders AS SELECT id, status, total FROM purchase_orders;"
                        + " CREATE VIEW orders AS SELECT id, upper(status) AS status FROM open_orders").check(rule);
        assertThat(viewOverView).as("whether open_orders is writable is not known here").isEmpty();
    }

    @Test
    void aTriggerInTheReleaseMayMakeTheViewWritable() {
        var violations = release(shop().deletes("orders"),
                "ALTER TABLE orders RENAME TO purchase_orders;"
                        + " CREATE VIEW orders AS SELECT DISTINCT id, status, total FROM purchase_orders;"
                        + " CREATE TRIGGER orders_delete INSTEAD OF DELETE ON orders FOR EACH ROW"
                        + " EXECUTE FUNCTION delete_order()")
                .check(rule);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.severity()).contains(Severity.RISKY);
            assertThat(v.message()).contains("INSTEAD OF");
        });
    }

    private static RuleTestKit twoSchemas() {
        return RuleTestKit.previousRelease()
                .table("app.orders", notNull("id", "bigint"), nullable("status", "text"))
                .table("archive.orders", notNull("id", "bigint"), nullable("status", "text"));
    }

    @Test
    void aSchemaQualifiedBridgeIsMatchedInItsSchema() {
        var violations = release(twoSchemas().updates("archive.orders", "status"), "ALTER TABLE app.orders RENAME TO purchase_orders;"
                + " CREATE VIEW app.orders AS SELECT id, upper(status) AS status FROM app.purchase_orders")
                .check(rule);
        assertThat(violations).as("the previous release writes archive.orders, not app.orders").isEmpty();

        var same = release(twoSchemas().updates("app.orders", "status"), "ALTER TABLE app.orders RENAME TO purchase_orders;"
                + " CREATE VIEW app.orders AS SELECT id, upper(status) AS status FROM app.purchase_orders")
                .check(rule);
        assertThat(same).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("app.orders", "status"));
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("UPDATE app.orders SET status = ?");
        });
    }
}
