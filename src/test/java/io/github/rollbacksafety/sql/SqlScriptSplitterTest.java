package io.github.rollbacksafety.sql;

import io.github.rollbacksafety.sql.SqlScriptSplitter.Piece;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptSplitterTest {

    @Test
    void splitsAtSemicolonsOutsideLiteralsCommentsAndDollarQuotes() throws Exception {
        var script = new String(Objects.requireNonNull(getClass().getResourceAsStream("/query/scripts/queries.sql"))
                .readAllBytes(), StandardCharsets.UTF_8);
        var statements = SqlScriptSplitter.split(script);
        assertThat(statements).extracting(Piece::line).containsExactly(2, 7, 9, 16);
        assertThat(statements.get(0).text()).startsWith("SELECT id, status").endsWith("'a;b'");
        assertThat(statements.get(1).text()).isEqualTo("INSERT INTO audit (msg) VALUES ('it''s; fine')");
        assertThat(statements.get(2).text()).startsWith("CREATE FUNCTION").endsWith("LANGUAGE plpgsql");
        assertThat(statements.get(3).text()).isEqualTo("UPDATE orders SET note = $tag$x;y$tag$ WHERE \"we;ird\" = 1");
    }

    @Test
    void dropsCommentOnlyAndEmptyStatements() {
        assertThat(SqlScriptSplitter.split(";;\n-- nothing\n/* at all */;  ")).isEmpty();
    }

    @Test
    void slashAndGoLinesEndStatements() {
        var statements = SqlScriptSplitter.split("SELECT 1 FROM dual\n/\nSELECT 2\nGO\n/\nSELECT 3 FROM t\n/");
        assertThat(statements).extracting(Piece::text).containsExactly("SELECT 1 FROM dual", "SELECT 2",
                "SELECT 3 FROM t");
        assertThat(statements).extracting(Piece::line).containsExactly(1, 3, 6);
    }

    @Test
    void goWithARepeatCountEndsAStatementAndIsNoStatementItself() {
        // SQL Server's "GO n" runs the batch n times: still one separator
        var statements = SqlScriptSplitter.split("INSERT INTO t (a) VALUES (1)\nGO 5\n  go  \nSELECT a FROM t\nGOTO x");
        assertThat(statements).extracting(Piece::text)
                .containsExactly("INSERT INTO t (a) VALUES (1)", "SELECT a FROM t\nGOTO x");
        assertThat(statements).extracting(Piece::line).containsExactly(1, 4);
    }

    @Test
    void blockCommentsNest() {
        // PostgreSQL and SQL Server: the inner "*/" does not end the comment, so its ';' splits nothing
        var statements = SqlScriptSplitter.split("/* outer /* inner */ still; comment */ SELECT a FROM t; SELECT 2");
        assertThat(statements).extracting(Piece::text).containsExactly("SELECT a FROM t", "SELECT 2");
    }

    @Test
    void escapeStringsEscapeQuotesWithABackslash() {
        // E'it\'s; x' is one literal; in a standard string the backslash is an ordinary character
        var statements = SqlScriptSplitter.split("SELECT E'it\\'s; x' FROM t; SELECT 'a\\'; SELECT 3");
        assertThat(statements).extracting(Piece::text)
                .containsExactly("SELECT E'it\\'s; x' FROM t", "SELECT 'a\\'", "SELECT 3");
    }

    @Test
    void anIdentifierEndingInEIsNoEscapeString() {
        var statements = SqlScriptSplitter.split("SELECT * FROM t WHERE name='a\\'; SELECT 2");
        assertThat(statements).extracting(Piece::text).containsExactly("SELECT * FROM t WHERE name='a\\'", "SELECT 2");
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertThat(SqlScriptSplitter.split("SELECT a FROM t WHERE a = $1; SELECT b FROM t WHERE b = $2"))
                .extracting(Piece::text).containsExactly("SELECT a FROM t WHERE a = $1", "SELECT b FROM t WHERE b = $2");
    }

    @Test
    void linesCountNewlinesInsideLiteralsAndComments() {
        var statements = SqlScriptSplitter.split("SELECT 'a\nb';\n/* c\nd */\nSELECT $$\n$$;\n\n  SELECT 3");
        assertThat(statements).extracting(Piece::line).containsExactly(1, 5, 8);
    }

    @Test
    void measuresNestingAndCommasOutsideQuotes() {
        var piece = SqlScriptSplitter.split("SELECT f((1, 2), ')', \"a,b\") FROM t").get(0);
        assertThat(piece.maxDepth()).isEqualTo(2);
        assertThat(piece.commas()).isEqualTo(3); // the ones inside quotes do not count
    }

    @Test
    void unterminatedLiteralRunsToTheEnd() {
        assertThat(SqlScriptSplitter.split("SELECT 'open; x\nSELECT 2")).hasSize(1);
    }
}
