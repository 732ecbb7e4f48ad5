package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.DropDefault;
import io.github.rollbacksafety.schema.SchemaOp.DropNotNull;
import io.github.rollbacksafety.schema.SchemaOp.SetDefault;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.notNullWithDefault;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultDroppedRuleTest {

    private final Rule rule = new DefaultDroppedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), notNullWithDefault("status", "varchar(20)", "'NEW'"),
                        notNullWithDefault("currency", "char(3)", "'EUR'"))
                .table("customers", notNull("id", "bigint"), notNullWithDefault("tier", "int", "0"))
                .inserts("orders", "id", "currency")
                .selects("customers", "tier");
    }

    @Test
    void dropsDefaultOfNotNullColumnThatAPreviousInsertOmits() {
        var violations = shop().changeSet("1", new DropDefault("orders", "status")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "status"));
            assertThat(v.message()).contains("default of NOT NULL column orders.status").contains("relies on the default");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void aDefaultDroppedInALaterChangeSetAfterRenamingIsStillReported() {
        var violations = shop()
                .changeSet("1", new io.github.rollbacksafety.schema.SchemaOp.RenameColumn("orders", "status", "state"))
                .changeSet("2", new DropDefault("orders", "state"))
                .check(rule);

        assertThat(violations).extracting(v -> v.object().display()).containsExactly("orders.status");
    }

    @Test
    void columnsThePreviousInsertsNameAreFine() {
        var violations = shop().changeSet("1", new DropDefault("orders", "currency")).check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void replacingTheDefaultInTheSameChangeSetIsFine() {
        var violations = shop()
                .changeSet("1", new DropDefault("orders", "status"), new SetDefault("orders", "status", "'OPEN'"))
                .changeSet("2", new DropNotNull("customers", "tier"), new DropDefault("customers", "tier"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportTablesThePreviousReleaseDoesNotInsertInto() {
        var violations = shop().changeSet("1", new DropDefault("customers", "tier")).check(rule);

        assertThat(violations).isEmpty();
    }
}
