package io.github.rollbacksafety.ddl;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A view's output columns are known only when every select item has a name of its own. */
class SqlDdlViewColumnsTest {

    private final SqlDdlTranslator translator = new SqlDdlTranslator();

    @Test
    void namesComeFromAliasesAndColumns() {
        assertThat(translator.viewColumns("SELECT o.id, o.total AS amount, \"Status\" FROM orders o"))
                .containsExactly("id", "amount", "\"Status\"");
    }

    @Test
    void aliasWithoutAsCounts() {
        assertThat(translator.viewColumns("SELECT count(*) n, max(total) \"Top\" FROM orders"))
                .containsExactly("n", "\"Top\"");
    }

    @Test
    void unionTakesTheFirstBranchNames() {
        assertThat(translator.viewColumns("SELECT a FROM t UNION ALL SELECT b FROM u")).containsExactly("a");
    }

    @Test
    void withQueryUsesTheMainSelect() {
        assertThat(translator.viewColumns("WITH x AS (SELECT 1 AS one) SELECT one, one + 1 AS two FROM x"))
                .containsExactly("one", "two");
    }

    @Test
    void starMeansUnknown() {
        assertThat(translator.viewColumns("SELECT * FROM orders")).isEmpty();
        assertThat(translator.viewColumns("SELECT o.*, c.name FROM orders o JOIN customers c ON c.id = o.cid")).isEmpty();
    }

    @Test
    void anUnnamedExpressionMakesAllUnknown() {
        assertThat(translator.viewColumns("SELECT id, count(*) FROM orders GROUP BY id")).isEmpty();
    }

    @Test
    void notAQueryOrNotSqlMeansUnknown() {
        assertThat(translator.viewColumns("DELETE FROM orders")).isEmpty();
        assertThat(translator.viewColumns("this is not sql")).isEmpty();
        assertThat(translator.viewColumns("")).isEmpty();
        assertThat(translator.viewColumns("SELECT " + "(".repeat(3_000) + "1" + ")".repeat(3_000))).isEmpty();
    }
}
