package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.SetDefault;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.identity;
import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.notNullWithDefault;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class NotNullColumnAddedRuleTest {

    private final Rule rule = new NotNullColumnAddedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"))
                .table("customers", notNull("id", "bigint"))
                .inserts("orders", "id", "status")
                .selects("customers", "id");
    }

    @Test
    void addsNotNullColumnWithoutDefaultToTableThePreviousReleaseInsertsInto() {
        var violations = shop().changeSet("1", new AddColumn("orders", notNull("currency", "char(3)"))).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "currency"));
            assertThat(v.message()).contains("NOT NULL column orders.currency").contains("inserts into orders");
            assertThat(v.queries()).extracting(q -> q.sql()).containsExactly("INSERT INTO orders (id, status) VALUES (?, ?)");
        });
    }

    @Test
    void positionalInsertsFailToo() {
        var violations = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"))
                .insertsPositionally("orders")
                .changeSet("1", new AddColumn("orders", notNull("currency", "char(3)")))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void aDefaultOrIdentityMakesTheColumnSafe() {
        var violations = shop()
                .changeSet("1", new AddColumn("orders", notNullWithDefault("currency", "char(3)", "EUR")),
                        new AddColumn("orders", identity("seq_no", "bigint")),
                        new AddColumn("orders", nullable("note", "text")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aDefaultAddedLaterInTheSameChangeSetCounts() {
        var violations = shop()
                .changeSet("1", new AddColumn("orders", notNull("currency", "char(3)")),
                        new SetDefault("orders", "currency", "'EUR'"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportTablesThePreviousReleaseDoesNotInsertInto() {
        var violations = shop()
                .changeSet("1", new AddColumn("customers", notNull("tier", "int")))
                .changeSet("2", new CreateTable("invoices", List.of(notNull("id", "bigint"))),
                        new AddColumn("invoices", notNull("total", "numeric(12,2)")))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
