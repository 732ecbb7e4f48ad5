package io.github.rollbacksafety.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FoldedTextTest {

    private static FoldedText of(String s) {
        return FoldedText.of(s);
    }

    @Test
    void unknownPartsBecomeValuePlaceholdersOrSubstitutionsByWhatSurroundsThem() {
        assertThat(of("SELECT a FROM t WHERE id = ").plus(FoldedText.unknown("id")).render())
                .isEqualTo("SELECT a FROM t WHERE id = ?");
        assertThat(of("UPDATE t SET note = '").plus(FoldedText.unknown("note")).plus("' WHERE id = 1").render())
                .isEqualTo("UPDATE t SET note = '?' WHERE id = 1");
        assertThat(of("SELECT a FROM ").plus(FoldedText.unknown("schema")).plus(".orders").render())
                .isEqualTo("SELECT a FROM ${schema}.orders");
        assertThat(of("SELECT a FROM ").plus(FoldedText.unknown("table")).render())
                .isEqualTo("SELECT a FROM ${table}");
        assertThat(of("SELECT a FROM t").plus(FoldedText.clause("where")).plus("ORDER BY a").render())
                .isEqualTo("SELECT a FROM t ${where} ORDER BY a");
    }

    @Test
    void anUnknownColumnAfterAnAliasParses() throws UnparsableQueryException {
        var sql = of("SELECT o.id FROM orders o ORDER BY o.").plus(FoldedText.unknown("sort")).render();
        assertThat(sql).isEqualTo("SELECT o.id FROM orders o ORDER BY o.${sort}");
        var usage = new SqlUsageExtractor().extract(new Query(sql, new SourceLocation("A.java", 1, "A#m"),
                QuerySourceKind.JAVA_SOURCE));
        assertThat(usage.tables()).extracting(QueryUsage.TableUse::table).containsExactly("orders");
    }

    @Test
    void aStatementFoldedWithALongLiteralIsReadWithoutOverflowingTheStack() throws UnparsableQueryException {
        // seen in pgjdbc's DatabaseMetaData: a keyword list of thousands of characters in one literal
        var words = "abs,absolute,action,".repeat(400);
        var sql = of("select string_agg(word, ',') from pg_catalog.pg_get_keywords() where word <> ALL ('{")
                .plus(words).plus("}'::text[])").render();
        var usage = new SqlUsageExtractor().extract(new Query(sql, new SourceLocation("A.class", 1, "A#m"),
                QuerySourceKind.BYTECODE_STRING));
        assertThat(usage.query().sql()).hasSizeGreaterThan(8000);
    }

    @Test
    void formatFoldsConstantArgumentsAndKeepsOthersUnknown() {
        var text = FoldedText.format("SELECT %1$s, %s FROM %s_orders WHERE id IN (%s) AND pct > 5%% LIMIT %d",
                List.of(of("id"), FoldedText.unknown("tenant"), FoldedText.unknown("ids"), of("10"))).orElseThrow();
        // an explicit index does not move the ordinary ones
        assertThat(text.render()).isEqualTo("SELECT id, id FROM ${tenant}_orders WHERE id IN (?) AND pct > 5% LIMIT 10");
        assertThat(FoldedText.format("SELECT %d", List.of(of("7"))).orElseThrow().constant()).contains("SELECT 7");
        assertThat(FoldedText.format("broken %", List.of())).isEmpty();
    }

    @Test
    void oneOfKeepsTheCommonTextAndChoosesTheRestWithoutSplittingNames() {
        var union = FoldedText.oneOf(of("DELETE FROM orders WHERE id = ?"), of("DELETE FROM orders_archive WHERE id = ?"));
        assertThat(union.parts()).hasSize(3);
        assertThat(union.parts().get(0)).isEqualTo(new FoldedText.Known("DELETE FROM "));
        assertThat(union.variants(s -> true, 4)).containsExactly("DELETE FROM orders WHERE id = ?",
                "DELETE FROM orders_archive WHERE id = ?");
        assertThat(union.constant()).isEmpty();
        assertThat(FoldedText.oneOf(of("x"), of("x"))).isEqualTo(of("x"));
    }

    @Test
    void variantsTakeEveryWayWithTextOnceAndOnlyWhatParses() {
        var base = of("SELECT a FROM t WHERE 1 = 1");
        var optional = FoldedText.oneOf(base, base.plus(" AND b = ?"));
        var both = FoldedText.oneOf(optional.plus(" AND c = ?"), optional.plus(" AND d = ?"));
        assertThat(both.variants(s -> true, 8)).containsExactly("SELECT a FROM t WHERE 1 = 1 AND b = ? AND c = ?",
                "SELECT a FROM t WHERE 1 = 1 AND b = ? AND d = ?");
        // a way whose variants never parse is left out; nothing parses: the first variant alone
        assertThat(both.variants(s -> !s.contains(" b "), 8)).containsExactly(
                "SELECT a FROM t WHERE 1 = 1 AND c = ?", "SELECT a FROM t WHERE 1 = 1 AND d = ?");
        assertThat(both.variants(s -> false, 8)).containsExactly("SELECT a FROM t WHERE 1 = 1 AND b = ? AND c = ?");
    }

    @Test
    void dropLastTrimsKnownTextAndTheWaysThatHaveIt() {
        var loop = FoldedText.oneOf(of("IN ("), of("IN (?,"));
        assertThat(loop.dropLast(1).orElseThrow().plus(")").render()).isEqualTo("IN (?)");
        assertThat(FoldedText.unknown("x").dropLast(1)).isEmpty();
    }

    @Test
    void joinAndBoundsKeepTheTextFinite() {
        assertThat(FoldedText.join(of(", "), List.of(of("a"), FoldedText.unknown("b"), of("c"))).render())
                .isEqualTo("a, ?, c");
        var big = FoldedText.EMPTY;
        for (int i = 0; i < 2000; i++) {
            big = big.plus(FoldedText.unknown("x")).plus("y");
        }
        assertThat(big.parts().size()).isLessThanOrEqualTo(513);
        assertThat(big.parts().get(big.parts().size() - 1)).isInstanceOf(FoldedText.Unknown.class);
    }
}
