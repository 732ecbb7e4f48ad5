package io.github.rollbacksafety.ddl;

import io.github.rollbacksafety.schema.SchemaOp.CreateView;
import io.github.rollbacksafety.schema.ViewWrites;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be written through a view, read from its query as automatically updatable views allow. */
class SqlDdlViewWritesTest {

    private final SqlDdlTranslator translator = new SqlDdlTranslator();

    private ViewWrites writes(String select) {
        return translator.viewWrites(select).orElseThrow();
    }

    @Test
    void aProjectionOfOneTableIsUpdatableAndItsComputedColumnsAreNamed() {
        var w = writes("SELECT o.id, o.total AS amount, CASE WHEN o.state = 'O' THEN 'OPEN' END AS status,"
                + " lower(o.code) code, o.total * 100 AS cents, (SELECT count(*) FROM lines l WHERE l.o = o.id) n,"
                + " 'x' AS kind FROM shop.orders o WHERE o.deleted = false");
        assertThat(w.readOnlyBecause()).isEmpty();
        assertThat(w.baseRelation()).contains("shop.orders");
        assertThat(w.computed()).containsOnlyKeys("status", "code", "cents", "n", "kind");
        assertThat(w.computedHow("STATUS")).contains("a CASE expression");
        assertThat(w.computedHow("code")).contains("the function lower()");
        assertThat(w.computedHow("n")).contains("a subquery");
        assertThat(w.computedHow("amount")).isEmpty();
        assertThat(writes("SELECT * FROM orders")).isEqualTo(ViewWrites.updatable("orders", Map.of()));
    }

    @Test
    void joinsSetOperationsGroupingAndWindowsMakeItReadOnly() {
        assertThat(writes("SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id")
                .readOnlyBecause()).contains("joins several tables");
        assertThat(writes("SELECT o.id FROM orders o, customers c").readOnlyBecause()).isPresent();
        assertThat(writes("SELECT id FROM a UNION ALL SELECT id FROM b").readOnlyBecause()).isPresent();
        assertThat(writes("SELECT DISTINCT id FROM orders").readOnlyBecause()).contains("uses DISTINCT");
        assertThat(writes("SELECT customer_id, count(*) n FROM orders GROUP BY customer_id").readOnlyBecause())
                .contains("uses GROUP BY");
        assertThat(writes("SELECT max(total) AS top FROM orders").readOnlyBecause())
                .contains("computes the aggregate max()");
        assertThat(writes("SELECT id, row_number() OVER (ORDER BY id) AS n FROM orders").readOnlyBecause())
                .hasValueSatisfying(b -> assertThat(b).contains("window function"));
        assertThat(writes("SELECT id FROM orders ORDER BY id LIMIT 10").readOnlyBecause()).isPresent();
        assertThat(writes("SELECT x.id FROM (SELECT id FROM orders) x").readOnlyBecause()).isPresent();
    }

    @Test
    void aCreateViewStatementCarriesItsWritesUnderItsDeclaredColumnNames() {
        var ops = translator.translate("CREATE OR REPLACE VIEW orders (id, status) AS"
                + " SELECT id, upper(state) FROM purchase_orders");
        assertThat(ops).singleElement().isInstanceOfSatisfying(CreateView.class, v -> {
            assertThat(v.columns()).containsExactly("id", "status");
            assertThat(v.writes()).map(ViewWrites::computed).contains(Map.of("status", "the function upper()"));
        });
        assertThat(translator.viewWrites("not a query")).isEqualTo(Optional.empty());
    }
}
