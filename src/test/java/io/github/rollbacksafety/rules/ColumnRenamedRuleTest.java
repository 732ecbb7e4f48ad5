package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.CreateView;
import io.github.rollbacksafety.schema.SchemaOp.RenameColumn;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class ColumnRenamedRuleTest {

    private final Rule rule = new ColumnRenamedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("customers", notNull("id", "bigint"), nullable("mail", "varchar(200)"),
                        nullable("fax", "varchar(30)"))
                .selects("customers", "id", "mail")
                .updates("customers", "mail");
    }

    @Test
    void renamesColumnThatPreviousReleaseReadsAndWrites() {
        var violations = shop().changeSet("1", new RenameColumn("customers", "mail", "email")).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("customers", "mail"));
            assertThat(v.message()).contains("Renames column customers.mail to email").contains("reads and writes");
            assertThat(v.fix()).contains("add email as a new column");
            assertThat(v.queries()).hasSize(2);
        });
    }

    @Test
    void reportsOnlyTheRenameThatMovesThePreviousNameAway() {
        var violations = shop()
                .changeSet("1", new RenameColumn("customers", "mail", "email"))
                .changeSet("2", new RenameColumn("customers", "email", "email_address"))
                .check(rule);

        assertThat(violations).extracting(v -> v.object().display()).containsExactly("customers.mail");
    }

    @Test
    void aColumnAddedBackUnderTheOldNameBridgesTheRename() {
        var violations = shop()
                .changeSet("1", new RenameColumn("customers", "mail", "email"))
                .changeSet("2", new AddColumn("customers", nullable("mail", "varchar(200)")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void aViewUnderTheOldTableNameBridgesTheRename() {
        var violations = shop()
                .changeSet("1", new RenameTable("customers", "clients"),
                        new RenameColumn("clients", "mail", "email"),
                        new CreateView("customers", false, "select id, email as mail from clients",
                                List.of("id", "mail")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void doesNotReportColumnsThePreviousReleaseDoesNotUse() {
        var violations = shop()
                .changeSet("1", new RenameColumn("customers", "fax", "fax_number"))
                .changeSet("2", new CreateTable("notes", List.of(nullable("txt", "text"))),
                        new RenameColumn("notes", "txt", "body"))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
