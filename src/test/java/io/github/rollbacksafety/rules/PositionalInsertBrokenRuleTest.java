package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class PositionalInsertBrokenRuleTest {

    private final Rule rule = new PositionalInsertBrokenRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"))
                .table("customers", notNull("id", "bigint"), nullable("name", "text"))
                .insertsPositionally("orders")
                .inserts("customers", "id", "name");
    }

    @Test
    void addingAColumnBreaksAnInsertWithoutColumnList() {
        var violations = shop().changeSet("1", new AddColumn("orders", nullable("note", "text"))).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "note"));
            assertThat(v.message()).contains("Adds column orders.note").contains("without a column list");
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("INSERT INTO orders VALUES (?, ?)");
        });
    }

    @Test
    void droppingAColumnBreaksAnInsertWithoutColumnList() {
        var violations = shop().changeSet("1", new DropColumn("orders", "status")).check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Drops column orders.status"));
    }

    @Test
    void insertsWithAColumnListAreFine() {
        var violations = shop()
                .changeSet("1", new AddColumn("customers", nullable("email", "text")), new DropColumn("customers", "name"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aColumnAddedAndDroppedWithinTheReleaseLeavesTheShapeAsItWas() {
        var violations = shop()
                .changeSet("1", new AddColumn("orders", nullable("tmp", "text")))
                .changeSet("2", new DropColumn("orders", "tmp"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
