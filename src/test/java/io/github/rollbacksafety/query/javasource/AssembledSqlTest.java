package io.github.rollbacksafety.query.javasource;

import io.github.rollbacksafety.query.AssembledStatements;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL assembled across statements in Java sources (the sources under {@code assembled/}, which the bytecode
 * reader's test compiles and reads the same way).
 */
class AssembledSqlTest {

    static Path assembled() {
        try {
            return Path.of(Objects.requireNonNull(AssembledSqlTest.class.getResource("/assembled")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final QueryCollector collector = collect(assembled());

    private static QueryCollector collect(Path root) {
        var c = new QueryCollector();
        new JavaSourceQuerySource(root, "v1").collect(c);
        return c;
    }

    /** Statements by the method they are handed on in. */
    private Map<String, List<String>> byMethod() {
        return collector.sql().stream().collect(Collectors.groupingBy(
                q -> q.location().member().substring(q.location().member().indexOf('#') + 1),
                Collectors.mapping(Query::sql, Collectors.toList())));
    }

    @Test
    void aStatementBuiltWithFourteenAppendsComesOutWhole() {
        AssembledStatements.assertGives(byMethod(), "fourteenAppends");
        assertThat(collector.sql()).filteredOn(q -> q.sql().contains("legacy_status")).singleElement()
                .satisfies(q -> {
                    assertThat(q.location().file()).isEqualTo("com/acme/dao/AssembledDao.java");
                    assertThat(q.location().line()).isEqualTo(16);
                    assertThat(q.location().member()).isEqualTo("com.acme.dao.AssembledDao#fourteenAppends");
                });
    }

    @Test
    void branchesGiveEveryWayThatAddsText() {
        assertThat(byMethod().get("branches")).containsExactly(
                "SELECT id, total FROM orders WHERE 1 = 1 AND status = ? AND customer_id = ?",
                "SELECT id, total FROM orders WHERE 1 = 1 AND status = ? AND archived = false");
        assertThat(byMethod().get("conditionalTable")).containsExactlyInAnyOrder(
                "DELETE FROM orders_archive WHERE id = ?", "DELETE FROM orders WHERE id = ?");
    }

    @Test
    void aLoopBodyCountsOnceAndTheVariantThatParsesIsKept() {
        AssembledStatements.assertGives(byMethod(), "loop", "trailingComma");
    }

    @Test
    void plusAssignJoinTextBlocksConcatAndOtherClassesConstants() {
        AssembledStatements.assertGives(byMethod(), "plusAssign", "joined", "textBlockConcat", "otherClassConstant");
    }

    @Test
    void formatStringsFoldTheirConstantArgumentsAndMarkTheOthers() {
        AssembledStatements.assertGives(byMethod(), "formatted", "formattedConstants", "dynamicTable");
    }

    @Test
    void onlyTextTheProgramCanProduce() {
        // a helper that may append: an unknown part; a change not followed (reverse): nothing reported
        AssembledStatements.assertGives(byMethod(), "helperAppends");
        assertThat(byMethod()).doesNotContainKeys("reversed", "where");
        // fragments appended on the way are not statements of their own
        assertThat(collector.sql()).noneMatch(q -> q.sql().startsWith("SELECT o.id") && !q.sql().contains("DESC"));
    }

    @Test
    void everyAssembledStatementParses() throws UnparsableQueryException {
        var extractor = new SqlUsageExtractor();
        assertThat(collector.sql()).hasSize(15);
        for (var q : collector.sql()) {
            var member = q.location().member();
            if (member.endsWith("#dynamicTable") || member.endsWith("#formatted")) {
                // a table nobody can know (FROM ${table}, FROM ${tenant}_payments) is no usage
                assertThatThrownBy(() -> extractor.extract(q)).hasMessageContaining("supplied at run time");
            } else {
                try {
                    assertThat(extractor.extract(q).tables()).as(q.sql()).isNotEmpty();
                } catch (UnparsableQueryException e) {
                    throw new AssertionError(q.sql() + ": " + e.getMessage(), e);
                }
            }
        }
        assertThat(collector.unparsed()).isEmpty();
        assertThat(collector.warnings()).isEmpty();
    }

    @Test
    void switchesTryAndLambdasAreFollowed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/Flows.java"), """
                package x;
                import java.util.function.Supplier;
                class Flows {
                    Object bySwitch(int kind, Db db) {
                        var sql = new StringBuilder("SELECT id FROM ");
                        switch (kind) {
                            case 1: sql.append("circles"); break;
                            case 2: sql.append("squares"); break;
                            default: sql.append("shapes");
                        }
                        return db.query(sql.toString());
                    }
                    Object inTry(Db db) {
                        String sql = "DELETE FROM audit";
                        try {
                            sql = sql + " WHERE created < ?";
                        } finally {
                            db.close();
                        }
                        String captured = sql;
                        Supplier<Object> s = () -> db.query(captured);
                        return s.get();
                    }
                }
                """);
        var c = collect(dir);
        assertThat(c.sql()).extracting(Query::sql).containsExactlyInAnyOrder("SELECT id FROM circles",
                "SELECT id FROM squares", "SELECT id FROM shapes", "DELETE FROM audit WHERE created < ?");
    }
}
