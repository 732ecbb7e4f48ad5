package io.github.rollbacksafety.query;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Random;
import java.util.stream.IntStream;

import static io.github.rollbacksafety.query.SqlUsageExtractorTest.columns;
import static io.github.rollbacksafety.query.SqlUsageExtractorTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pathological input must end as a result or an {@link UnparsableQueryException}, never anything else. */
class SqlUsageExtractorLimitsTest {

    private final SqlUsageExtractor extractor = new SqlUsageExtractor();

    @Test
    void refusesATenMegabyteStatementWithoutParsingIt() {
        var sql = "SELECT id FROM orders WHERE note = '" + "x".repeat(10_000_000) + "'";
        assertThatThrownBy(() -> extractor.extract(query(sql)))
                .isInstanceOf(UnparsableQueryException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void refusesFiveThousandNestedParentheses() {
        var sql = "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + " FROM orders";
        assertThatThrownBy(() -> extractor.extract(query(sql)))
                .isInstanceOf(UnparsableQueryException.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void parenthesesInsideLiteralsDoNotCountAsNesting() {
        assertThat(SqlUsageExtractor.nestingDepth("SELECT '((((' || \"a(\" FROM (t)")).isEqualTo(1);
    }

    @Test
    void parsesAFiftyThousandElementInList() throws Exception {
        var in = new StringBuilder("SELECT id FROM orders WHERE customer_id IN (");
        for (int i = 0; i < 50_000; i++) {
            in.append(i == 0 ? "" : ", ").append(i);
        }
        var usage = extractor.extract(query(in.append(")").toString()));
        assertThat(columns(usage)).containsExactly("orders.customer_id", "orders.id");
    }

    @Test
    void longOrChainEndsAsUsageOrUnparsable() {
        var sql = new StringBuilder("SELECT id FROM orders WHERE a = 0");
        for (int i = 0; i < 20_000; i++) {
            sql.append(" OR a = ").append(i);
        }
        try {
            assertThat(columns(extractor.extract(query(sql.toString())))).containsExactly("orders.a", "orders.id");
        } catch (UnparsableQueryException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void binaryJunkIsUnparsable() {
        var bytes = new byte[20_000];
        new Random(42).nextBytes(bytes);
        var junk = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> extractor.extract(query(junk))).isInstanceOf(UnparsableQueryException.class);
        var utf8Junk = new String(bytes, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> extractor.extract(query("SELECT " + utf8Junk)))
                .isInstanceOf(UnparsableQueryException.class);
    }

    @Test
    void unterminatedLiteralIsUnparsable() {
        assertThatThrownBy(() -> extractor.extract(query("SELECT id FROM orders WHERE a = 'open")))
                .isInstanceOf(UnparsableQueryException.class);
    }

    @Test
    void givesTheSameAnswersFromAParallelStream() {
        var sqls = new ArrayList<String>();
        for (int i = 0; i < 150; i++) {
            sqls.add("SELECT o.id, c.name_" + i + " FROM orders o JOIN customers c ON c.id = o.customer_id");
            sqls.add("INSERT INTO t" + i + " (a, b) VALUES (?, ?)");
            sqls.add("WITH x AS (SELECT * FROM s" + i + ") SELECT * FROM x");
        }
        var sequential = sqls.stream().map(this::describe).toList();
        var parallel = IntStream.range(0, 4).boxed().flatMap(round -> sqls.parallelStream().map(this::describe))
                .toList();
        for (int round = 0; round < 4; round++) {
            assertThat(parallel.subList(round * sqls.size(), (round + 1) * sqls.size())).isEqualTo(sequential);
        }
    }

    private String describe(String sql) {
        try {
            var u = extractor.extract(query(sql));
            return columns(u) + " " + u.inserts() + " " + u.starReads() + " " + u.tables();
        } catch (UnparsableQueryException e) {
            return "unparsable " + e.getMessage();
        }
    }
}
