package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddUnique;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class UniqueConstraintAddedRuleTest {

    private final Rule rule = new UniqueConstraintAddedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("customers", notNull("id", "bigint"), nullable("email", "text"))
                .table("countries", notNull("code", "char(2)"))
                .selects("countries", "code");
    }

    @Test
    void addsUniqueConstraintOnTableThePreviousReleaseInsertsInto() {
        var violations = shop().inserts("customers", "id", "email")
                .changeSet("1", new AddUnique("customers", List.of("email"), Optional.of("uq_email")))
                .check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.table("customers"));
            assertThat(v.message()).contains("unique constraint uq_email on customers[email]");
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void addsUniqueConstraintOnTableThePreviousReleaseUpdates() {
        var violations = shop().updates("customers", "email")
                .changeSet("1", new AddUnique("customers", List.of("email"), Optional.empty()))
                .check(rule);

        assertThat(violations).hasSize(1);
    }

    @Test
    void readOnlyTablesAreFine() {
        var violations = shop()
                .changeSet("1", new AddUnique("countries", List.of("code"), Optional.empty()))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void tablesCreatedInThisReleaseAreFine() {
        var violations = shop()
                .changeSet("1", new CreateTable("tags", List.of(nullable("name", "text"))),
                        new AddUnique("tags", List.of("name"), Optional.empty()))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
