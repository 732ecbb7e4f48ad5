package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.AlterType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static io.github.rollbacksafety.rules.RuleTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

class ColumnTypeChangedRuleTest {

    private final Rule rule = new ColumnTypeChangedRule();

    private static RuleTestKit shop() {
        return RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("code", "varchar(50)"),
                        nullable("total", "numeric(12,2)"), nullable("created_at", "timestamp"),
                        nullable("unused", "varchar(10)"))
                .selects("orders", "id", "code", "total", "created_at");
    }

    @Test
    void narrowingAUsedColumnBreaks() {
        var violations = shop().changeSet("1", new AlterType("orders", "code", type("varchar(20)"))).check(rule);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("orders", "code"));
            assertThat(v.message()).contains("narrows varchar(50) to varchar(20)");
            assertThat(v.severity()).isEmpty();
        });
    }

    @Test
    void changingTheFamilyBreaks() {
        var violations = shop().changeSet("1", new AlterType("orders", "code", type("int"))).check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("changes the type family of varchar(50) to int"));
    }

    @Test
    void addingATimeZoneIsReportedAsRisky() {
        var violations = shop()
                .changeSet("1", new AlterType("orders", "created_at", type("timestamp with time zone")))
                .check(rule);

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.severity()).isEqualTo(Optional.of(Severity.RISKY)));
    }

    @Test
    void wideningIsSafe() {
        var violations = shop()
                .changeSet("1", new AlterType("orders", "code", type("varchar(255)")),
                        new AlterType("orders", "total", type("numeric(16,4)")),
                        new AlterType("orders", "id", type("bigint")))
                .check(rule);

        assertThat(violations).isEmpty();
    }

    @Test
    void unusedNewAndUnknownTypesAreNotReported() {
        var violations = shop()
                .changeSet("1", new AlterType("orders", "unused", type("int")),
                        new AddColumn("orders", nullable("fresh", "varchar(50)")),
                        new AlterType("orders", "fresh", type("int")),
                        new AlterType("orders", "code", type("${code.type}")))
                .check(rule);

        assertThat(violations).isEmpty();
    }
}
