package io.github.rollbacksafety.sql;

import io.github.rollbacksafety.sql.SqlStatementSplitter.Statement;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementSplitterTest {

    private final SqlStatementSplitter splitter = new SqlStatementSplitter();

    @Test
    void splitsAtSemicolonsOutsideLiteralsCommentsAndDollarQuotes() throws Exception {
        var script = new String(Objects.requireNonNull(getClass().getResourceAsStream("/query/scripts/queries.sql"))
                .readAllBytes(), StandardCharsets.UTF_8);
        var statements = splitter.split(script);
        assertThat(statements).extracting(Statement::line).containsExactly(2, 7, 9, 16);
        assertThat(statements.get(0).sql()).startsWith("SELECT id, status").endsWith("'a;b'");
        assertThat(statements.get(1).sql()).isEqualTo("INSERT INTO audit (msg) VALUES ('it''s; fine')");
        assertThat(statements.get(2).sql()).startsWith("CREATE FUNCTION").endsWith("LANGUAGE plpgsql");
        assertThat(statements.get(3).sql()).isEqualTo("UPDATE orders SET note = $tag$x;y$tag$ WHERE \"we;ird\" = 1");
    }

    @Test
    void dropsCommentOnlyAndEmptyStatements() {
        assertThat(splitter.split(";;\n-- nothing\n/* at all */;  ")).isEmpty();
    }

    @Test
    void slashAndGoLinesEndStatements() {
        var statements = splitter.split("SELECT 1 FROM dual\n/\nSELECT 2\nGO\n/\nSELECT 3 FROM t\n/");
        assertThat(statements).extracting(Statement::sql).containsExactly("SELECT 1 FROM dual", "SELECT 2",
                "SELECT 3 FROM t");
        assertThat(statements).extracting(Statement::line).containsExactly(1, 3, 6);
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertThat(splitter.split("SELECT a FROM t WHERE a = $1; SELECT b FROM t WHERE b = $2"))
                .extracting(Statement::sql).containsExactly("SELECT a FROM t WHERE a = $1", "SELECT b FROM t WHERE b = $2");
    }

    @Test
    void unterminatedLiteralRunsToTheEnd() {
        assertThat(splitter.split("SELECT 'open; x\nSELECT 2")).hasSize(1);
    }
}
