package io.github.rollbacksafety.database;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.rules.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine with the database check: both views of every statement, findings merged, disagreements named. */
class DatabaseCheckInEngineTest {

    @Test
    void staticAndDynamicVerdictsSideBySideWithTheirDisagreement(@TempDir Path dir) {
        var fixture = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id, legacy_status FROM orders WHERE id = ?")
                .query("SELECT legacy_status FROM orders WHERE id = ? ORDER BY customer USING <")
                .query("SELECT id FROM orders");
        var request = fixture.request();
        var previous = new PreviousRelease("1.0.0", request.previous(), List.of(source(request.statements())));

        var result = new RollbackSafetyCheck().withDatabase(new DatabaseCheck(new DatabaseTarget.H2()))
                .run(CheckRequest.of(request.current(), List.of(previous)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.findings()).extracting(Finding::rule)
                .contains("column-dropped", "query-fails-on-new-schema");
        var summary = result.database().orElseThrow();
        assertThat(summary.queries()).extracting(q -> q.staticVerdict().name() + "/" + q.dynamic().verdict().name())
                .containsExactly("FLAGGED/BROKEN", "NOT_UNDERSTOOD/INCONCLUSIVE", "PASSED/OK");
        // H2 does not speak ORDER BY ... USING either: the unreadable query stays undecided, no disagreement claimed
        assertThat(summary.disagreements()).isEmpty();
    }

    @Test
    void aQueryOnlyTheDatabaseCanReadIsVerifiedOnlyDynamicallyAndItsBreakIsADisagreement(@TempDir Path dir) {
        var fixture = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("UPDATE orders SET (status, legacy_status) = ROW(?, ?) WHERE id = ?")
                .query("SELECT customer FROM orders WHERE id = ? ORDER BY customer USING <");
        var request = fixture.request();
        var previous = new PreviousRelease("1.0.0", request.previous(), List.of(source(request.statements())));

        var result = new RollbackSafetyCheck().withDatabase(new DatabaseCheck(new DatabaseTarget.EmbeddedPostgres()))
                .run(CheckRequest.of(request.current(), List.of(previous)));

        var summary = result.database().orElseThrow();
        assertThat(result.coverage().unparsedCount()).isEqualTo(2);
        assertThat(summary.verifiedOnlyDynamically()).isEqualTo(2);
        assertThat(summary.disagreements()).singleElement()
                .satisfies(q -> assertThat(q.disagreement().orElseThrow()).contains("could not read it"));
        assertThat(result.findings()).extracting(Finding::rule).containsExactly("query-fails-on-new-schema");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    }

    private static QuerySource source(List<Query> queries) {
        return new QuerySource() {
            @Override
            public String describe() {
                return "test queries";
            }

            @Override
            public void collect(QueryCollector collector) {
                queries.forEach(collector::sql);
            }
        };
    }
}
