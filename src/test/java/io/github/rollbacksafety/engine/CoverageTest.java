package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {

    private static QueryCollector.Unparsed unparsed(QuerySourceKind kind, String reason) {
        return new QueryCollector.Unparsed(new Query("x", SourceLocation.of("f.xml", 1), kind), reason);
    }

    @Test
    void reasonsAreGroupedWithoutPositionsAndMostFrequentFirst() {
        var all = List.of(
                unparsed(QuerySourceKind.MYBATIS_XML, "does not parse at line 1, column 88: unexpected 'RES'"),
                unparsed(QuerySourceKind.MYBATIS_XML, "does not parse at line 3, column 5: unexpected 'RES'"),
                unparsed(QuerySourceKind.MYBATIS_XML, "the whole statement is supplied at run time (${sql})"),
                unparsed(QuerySourceKind.JPQL, "unknown attribute id of Loan"));
        var reasons = Coverage.reasonsOf(all);
        assertThat(reasons.get(QuerySourceKind.MYBATIS_XML)).containsExactly(
                new Coverage.Reason("does not parse: unexpected 'RES'", 2),
                new Coverage.Reason("the whole statement is supplied at run time (${sql})", 1));
        assertThat(reasons.get(QuerySourceKind.JPQL)).containsExactly(
                new Coverage.Reason("unknown attribute id of Loan", 1));
    }

    @Test
    void mergedReleasesAddUpReasonsAndKeepExcludedFilesOnce() {
        var excluded = new QueryCollector.Excluded("db/create/a.sql", "DDL or migration script", 3);
        var a = new Coverage(Map.of(), List.of(), List.of(),
                Map.of(QuerySourceKind.JPQL, List.of(new Coverage.Reason("r", 2))), List.of(excluded));
        var b = new Coverage(Map.of(), List.of(), List.of(),
                Map.of(QuerySourceKind.JPQL, List.of(new Coverage.Reason("r", 1))), List.of(excluded));
        var merged = Coverage.merge(List.of(a, b));
        assertThat(merged.reasons().get(QuerySourceKind.JPQL)).containsExactly(new Coverage.Reason("r", 3));
        assertThat(merged.excluded()).containsExactly(excluded);
        assertThat(merged.excludedStatements()).isEqualTo(3);
    }
}
