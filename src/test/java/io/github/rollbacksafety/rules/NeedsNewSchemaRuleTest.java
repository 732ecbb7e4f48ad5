package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.AlterType;
import io.github.rollbacksafety.schema.SchemaOp.CreateSequence;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropTable;
import io.github.rollbacksafety.schema.SchemaOp.RenameColumn;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static io.github.rollbacksafety.rules.RuleTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

/** A forward rule: the kit's queries stand for the current release's (new app), the schema for the previous one. */
class NeedsNewSchemaRuleTest {

    private final Rule rule = new NeedsNewSchemaRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("status", "varchar(20)"),
                        nullable("total", "numeric(12,2)"));
    }

    @Test
    void isAForwardRule() {
        assertThat(rule.direction()).isEqualTo(Direction.FORWARD);
        assertThat(rule.severity()).isEqualTo(Severity.RISKY);
    }

    @Test
    void currentQueryReadsAColumnThisReleaseAdds() {
        var violations = shop()
                .selects("orders", "id", "order_state_v2")
                .changeSet("2", new AddColumn("orders", nullable("order_state_v2", "varchar(30)")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "order_state_v2"));
            assertThat(v.message()).contains("Adds orders.order_state_v2").contains("changeset shop:2")
                    .contains("db/changelog/db.changelog-master.xml:").contains("reads orders.order_state_v2")
                    .contains("1 current-release query");
            assertThat(v.fix()).contains("Run the migration before the new code starts").contains("feature flag");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void currentInsertWritingANewColumnIsReported() {
        var violations = shop()
                .inserts("orders", "id", "order_state_v2")
                .changeSet("2", new AddColumn("orders", nullable("order_state_v2", "varchar(30)")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("writes"));
    }

    @Test
    void aPositionalInsertNeedsTheAddedColumnToo() {
        var violations = shop()
                .insertsPositionally("orders")
                .changeSet("2", new AddColumn("orders", nullable("note", "text")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.message()).contains("positionally"));
    }

    @Test
    void codeThatUsesOnlyWhatThePreviousSchemaHasIsFine() {
        var violations = shop()
                .selects("orders", "id", "status")
                .inserts("orders", "id", "total")
                .changeSet("2", new AddColumn("orders", nullable("order_state_v2", "varchar(30)")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aNewTableTheCodeUsesIsReportedOnceForTheTable() {
        var violations = shop()
                .inserts("invoices", "id", "amount")
                .changeSet("2", new CreateTable("invoices", List.of(notNull("id", "bigint"))),
                        new AddColumn("invoices", nullable("amount", "numeric(12,2)")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("invoices"));
            assertThat(v.message()).contains("Creates table invoices");
        });
    }

    @Test
    void aRenamedColumnIsNeededUnderItsNewName() {
        var violations = shop()
                .selects("orders", "id", "state")
                .changeSet("2", new RenameColumn("orders", "status", "state"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "state"));
            assertThat(v.message()).contains("Renames orders.status to state");
        });
    }

    @Test
    void theChangeThatGivesTheFinalNameIsBlamed() {
        var violations = shop()
                .selects("purchases", "id", "state")
                .changeSet("2", new AddColumn("orders", nullable("st", "varchar(20)")))
                .changeSet("3", new RenameColumn("orders", "st", "state"))
                .changeSet("4", new RenameTable("orders", "purchases"))
                .check(rule);

        assertThat(violations).extracting(Violation::object).containsExactly(
                FindingObject.column("purchases", "state"), FindingObject.table("purchases"));
        assertThat(violations.get(0).message()).contains("changeset shop:3");
        assertThat(violations.get(1).message()).contains("changeset shop:4");
    }

    @Test
    void aColumnAddedAndDroppedAgainInTheReleaseIsNotNeeded() {
        var violations = shop()
                .selects("orders", "id", "tmp")
                .changeSet("2", new AddColumn("orders", nullable("tmp", "int")))
                .changeSet("3", new DropColumn("orders", "tmp"))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aTableDroppedAndCreatedAgainIsNeededOnlyForItsNewColumns() {
        var violations = shop()
                .selects("orders", "id", "status", "channel")
                .changeSet("2", new DropTable("orders"),
                        new CreateTable("orders", List.of(notNull("id", "bigint"), nullable("status", "varchar(20)"),
                                nullable("channel", "varchar(10)"))))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.object()).isEqualTo(FindingObject.column("orders", "channel")));
    }

    @Test
    void writingAColumnTheReleaseWidensNeedsTheNewType() {
        var violations = shop()
                .inserts("orders", "id", "total")
                .changeSet("2", new AlterType("orders", "total", type("numeric(16,2)")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "total"));
            assertThat(v.message()).contains("from numeric(12,2) to numeric(16,2)");
        });
    }

    @Test
    void onlyReadingAWidenedColumnIsFine() {
        var violations = shop()
                .selects("orders", "id", "total")
                .changeSet("2", new AlterType("orders", "total", type("numeric(16,2)")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aNarrowingTypeChangeDoesNotNeedTheNewSchema() {
        var violations = shop()
                .inserts("orders", "id", "status")
                .changeSet("2", new AlterType("orders", "status", type("varchar(10)")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aNewSequenceTheCodeUsesIsReported() {
        var violations = shop()
                .usesSequence("invoice_seq")
                .changeSet("2", new CreateSequence("invoice_seq"))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.object()).isEqualTo(FindingObject.sequence("invoice_seq")));
    }
}
