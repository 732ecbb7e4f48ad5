package io.github.rollbacksafety.database;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.query.KeyedQuerySource;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.rules.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    @Test
    void aReleaseTakenFromTheCacheIsWrittenOutAgainForTheDatabase(@TempDir Path dir) throws IOException {
        var request = new DatabaseFixture(dir)
                .released("1", DatabaseFixture.ORDERS)
                .added("5", "<dropColumn tableName=\"orders\" columnName=\"legacy_status\"/>")
                .query("SELECT id, legacy_status FROM orders WHERE id = ?")
                .request();
        // like a git baseline: the release's files are written out under target/ only when something reads them
        var written = dir.resolve("target/baselines/1.0.0");
        Runnable writeOut = () -> copyTree(request.previous().roots().get(0), written);
        var previous = new PreviousRelease("1.0.0", ChangelogSource.of(written, DatabaseFixture.MASTER, "1.0.0"),
                // keyed like a git tag's or a jar's: the release cache keeps its usage
                List.of(new KeyedQuerySource(source(request.statements()), "test queries 1")),
                Optional.of(new PreviousRelease.Content("tree-1", writeOut, () -> true)));
        var progress = new ArrayList<String>();
        var check = new RollbackSafetyCheck().withProgress(progress::add)
                .withUsageCache(dir.resolve("cache"), "test").withDatabase(new DatabaseCheck(new DatabaseTarget.H2()));

        var first = check.run(CheckRequest.of(request.current(), List.of(previous)));
        deleteTree(dir.resolve("target")); // mvn clean
        var second = check.run(CheckRequest.of(request.current(), List.of(previous)));

        assertThat(progress).anySatisfy(line -> assertThat(line).contains("taken from the cache"));
        assertThat(first.findings()).extracting(Finding::rule).contains("query-fails-on-new-schema");
        assertThat(second.findings()).extracting(Finding::rule).isEqualTo(first.findings().stream()
                .map(Finding::rule).toList());
        assertThat(second.notes()).noneSatisfy(n -> assertThat(n).contains("not done"));
    }

    private static void copyTree(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (var f : files.toList()) {
                var target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (var f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
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
