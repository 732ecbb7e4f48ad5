package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddUnique;
import io.github.rollbacksafety.schema.SchemaOp.DropUnique;
import io.github.rollbacksafety.ddl.SqlDdlTranslator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static org.assertj.core.api.Assertions.assertThat;

class UpsertKeyDroppedRuleTest {

    private final Rule rule = new UpsertKeyDroppedRule();

    private static RuleTestKit stock() {
        return RuleTestKit.previousRelease()
                .table("stock", notNull("id", "bigint"), notNull("sku", "varchar(20)"),
                        notNull("warehouse", "varchar(20)"), notNull("quantity", "int"))
                .unique("stock", "uq_stock_sku_warehouse", "sku", "warehouse")
                .unique("stock", "uq_stock_id_sku", "id", "sku");
    }

    private static DropUnique drop(String name) {
        return new DropUnique(Optional.of("stock"), name, List.of());
    }

    @Test
    void dropsTheUniqueKeyOfAnOnConflictTarget() {
        var violations = stock()
                .sql("INSERT INTO stock (sku, warehouse, quantity) VALUES (?, ?, ?) ON CONFLICT (warehouse, sku)"
                        + " DO UPDATE SET quantity = EXCLUDED.quantity")
                .changeSet("1", drop("uq_stock_sku_warehouse")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("stock"));
            assertThat(v.message()).contains("uq_stock_sku_warehouse").contains("ON CONFLICT");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void anotherKeyOfTheTableIsFine() {
        var violations = stock()
                .sql("INSERT INTO stock (sku, warehouse, quantity) VALUES (?, ?, ?) ON CONFLICT (sku, warehouse)"
                        + " DO NOTHING")
                .changeSet("1", drop("uq_stock_id_sku"), drop("some_plain_index")).check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void onDuplicateKeyAndMergeDependOnTheKeyToo() {
        var violations = stock()
                .sql("INSERT INTO stock (sku, warehouse, quantity) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE quantity = quantity + 1")
                .changeSet("1", drop("uq_stock_id_sku")).check(rule);
        assertThat(violations).hasSize(1);

        var merge = stock()
                .sql("MERGE INTO stock s USING incoming i ON (s.sku = i.sku AND s.warehouse = i.warehouse)"
                        + " WHEN MATCHED THEN UPDATE SET s.quantity = i.quantity"
                        + " WHEN NOT MATCHED THEN INSERT (sku, warehouse, quantity) VALUES (i.sku, i.warehouse, 0)")
                .changeSet("1", drop("uq_stock_sku_warehouse")).check(rule);
        assertThat(merge).singleElement().satisfies(v -> assertThat(v.message()).contains("MERGE"));
    }

    @Test
    void aKeyRecreatedOnTheSameColumnsInTheReleaseIsFine() {
        var violations = stock()
                .sql("INSERT INTO stock (sku, warehouse) VALUES (?, ?) ON CONFLICT (sku, warehouse) DO NOTHING")
                .changeSet("1", drop("uq_stock_sku_warehouse"),
                        new AddUnique("stock", List.of("warehouse", "sku"), Optional.of("uq_stock_wh_sku")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void sqlDropsOfIndexesAndConstraintsAreUniqueDrops() {
        var ops = new SqlDdlTranslator().translate("DROP INDEX uq_stock_sku_warehouse;"
                + " ALTER TABLE stock DROP CONSTRAINT uq_stock_id_sku;");
        assertThat(ops).containsExactly(new DropUnique(Optional.empty(), "uq_stock_sku_warehouse", List.of()),
                new DropUnique(Optional.of("stock"), "uq_stock_id_sku", List.of()));
        var violations = stock()
                .sql("INSERT INTO stock (sku, warehouse) VALUES (?, ?) ON CONFLICT (sku, warehouse) DO NOTHING")
                .changeSet("1", ops.get(0)).check(rule);
        assertThat(violations).hasSize(1);
    }
}
