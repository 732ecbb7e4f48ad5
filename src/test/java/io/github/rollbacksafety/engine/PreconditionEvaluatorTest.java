package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.Precondition;
import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.Schema;
import io.github.rollbacksafety.schema.SchemaBuilder;
import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.github.rollbacksafety.engine.PreconditionEvaluator.Outcome.FAILS;
import static io.github.rollbacksafety.engine.PreconditionEvaluator.Outcome.HOLDS;
import static io.github.rollbacksafety.engine.PreconditionEvaluator.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class PreconditionEvaluatorTest {

    private final Schema schema = new SchemaBuilder()
            .apply(new SchemaOp.CreateTable("orders", List.of(ColumnDef.nullable("id", "bigint"),
                    ColumnDef.nullable("legacy_status", "varchar(20)"))))
            .apply(new SchemaOp.CreateSequence("orders_seq"))
            .snapshot();
    private final List<ChangeSetRef> executed = List.of(new ChangeSetRef("1", "shop", "db/changelog/master.xml", 3,
            "9:abc", false, false, Set.of(), Optional.empty(), List.of(), List.of()));
    private final PreconditionEvaluator evaluator = new PreconditionEvaluator(Optional.empty());

    @Test
    void columnExistsFollowsTheSchema() {
        assertThat(evaluator.evaluate(new Precondition.ColumnExists("orders", "legacy_status"), schema, executed))
                .isEqualTo(HOLDS);
        assertThat(evaluator.evaluate(new Precondition.ColumnExists("orders", "status"), schema, executed))
                .isEqualTo(FAILS);
    }

    @Test
    void notTableExistsFailsForAnExistingTable() {
        var p = new Precondition.Not(List.of(new Precondition.TableExists("ORDERS")));
        assertThat(evaluator.evaluate(p, schema, executed)).isEqualTo(FAILS);
    }

    @Test
    void changeSetExecutedMatchesIdAuthorAndOptionalFile() {
        assertThat(evaluator.evaluate(new Precondition.ChangeSetExecuted("1", "shop", "master.xml"), schema, executed))
                .isEqualTo(HOLDS);
        assertThat(evaluator.evaluate(new Precondition.ChangeSetExecuted("1", "other", ""), schema, executed))
                .isEqualTo(FAILS);
    }

    @Test
    void unknownPreconditionsStayUnknownUnlessAnotherPartDecides() {
        var unknown = new Precondition.Unknown("sqlCheck");
        assertThat(evaluator.evaluate(unknown, schema, executed)).isEqualTo(UNKNOWN);
        assertThat(evaluator.evaluate(new Precondition.And(List.of(unknown,
                new Precondition.ColumnExists("orders", "nope"))), schema, executed)).isEqualTo(FAILS);
        assertThat(evaluator.evaluate(new Precondition.Or(List.of(unknown, new Precondition.SequenceExists("orders_seq"))),
                schema, executed)).isEqualTo(HOLDS);
    }

    @Test
    void dbmsHoldsWhenNoDbmsIsChosenAndOtherwiseMatches() {
        var p = new Precondition.DbmsIs(List.of("postgresql"));
        assertThat(evaluator.evaluate(p, schema, executed)).isEqualTo(HOLDS);
        assertThat(new PreconditionEvaluator(Optional.of("mysql")).evaluate(p, schema, executed)).isEqualTo(FAILS);
    }
}
