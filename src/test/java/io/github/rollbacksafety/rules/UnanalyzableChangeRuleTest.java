package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.Harmless;
import io.github.rollbacksafety.schema.SchemaOp.Unanalyzable;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static org.assertj.core.api.Assertions.assertThat;

class UnanalyzableChangeRuleTest {

    private final Rule rule = new UnanalyzableChangeRule();

    @Test
    void reportsACustomChangeWithItsReason() {
        var violations = RuleTestKit.previousRelease()
                .changeSet("1", new Unanalyzable("customChange com.acme.Migrate", "custom Java change"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.changeSet("shop:1"));
            assertThat(v.message()).contains("customChange com.acme.Migrate").contains("custom Java change");
        });
    }

    @Test
    void reportsEveryUnanalyzableOp() {
        var violations = RuleTestKit.previousRelease()
                .changeSet("1", new Unanalyzable("sql", "cannot parse: DO $$ ... $$"),
                        new Unanalyzable("sqlFile migrate.sql", "file not found"))
                .check(rule);

        assertThat(violations).hasSize(2);
    }

    @Test
    void harmlessChangesAreFine() {
        var violations = RuleTestKit.previousRelease()
                .changeSet("1", new Harmless("tagDatabase v2"), new Harmless("createIndex idx_orders_status"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void analysableChangesAreFine() {
        var violations = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"))
                .changeSet("1", new io.github.rollbacksafety.schema.SchemaOp.DropTable("orders"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
