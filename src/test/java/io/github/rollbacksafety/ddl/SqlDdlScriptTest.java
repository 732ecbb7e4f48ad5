package io.github.rollbacksafety.ddl;


import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.AddUnique;
import io.github.rollbacksafety.schema.SchemaOp.AlterType;
import io.github.rollbacksafety.schema.SchemaOp.DataChange;
import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import io.github.rollbacksafety.schema.SchemaOp.Harmless;
import io.github.rollbacksafety.schema.SchemaOp.RenameColumn;
import io.github.rollbacksafety.schema.SchemaOp.SetNotNull;
import io.github.rollbacksafety.schema.SchemaOp.Unanalyzable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.rollbacksafety.ddl.SqlDdlAlterTableTest.column;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole scripts: splitting, dollar-quoted bodies, fallback around a bad statement, and input meant to hurt. */
class SqlDdlScriptTest {

    private final SqlDdlTranslator translator = new SqlDdlTranslator();

    private static String fixture(String name) {
        try (var in = SqlDdlScriptTest.class.getResourceAsStream("/sqlddl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void blankScriptsAndCommentsYieldNothing() {
        assertThat(translator.translate("")).isEmpty();
        assertThat(translator.translate("  \n-- only a comment\n/* and a block */ ;\n;\n")).isEmpty();
    }

    @Test
    void dollarQuotedBodiesAreNotSplit() {
        assertThat(translator.translate(fixture("postgres-functions.sql"))).containsExactly(
                new Harmless("create function touch_updated_at"),
                new AddColumn("orders", column("updated_at", "timestamp with time zone", true, null, false)),
                new Harmless("create trigger"),
                new Harmless("create function note"),
                new DropColumn("orders", "legacy_status"));
    }

    @Test
    void oneBadStatementCostsOneUnanalyzableAndTheRestIsAnalysed() {
        var ops = translator.translate(fixture("one-bad-statement.sql"));

        assertThat(ops).hasSize(4);
        assertThat(ops.get(0)).isEqualTo(new AddColumn("orders", column("note", "varchar(100)", true, null, false)));
        assertThat(ops.get(1)).isInstanceOfSatisfying(Unanalyzable.class, u -> {
            assertThat(u.what()).isEqualTo("UPDATE orders SET WHERE id = 1");
            assertThat(u.reason()).startsWith("SQL parser: ").contains("line 1");
        });
        assertThat(ops.get(2)).isEqualTo(new DropColumn("orders", "legacy_status"));
        assertThat(ops.get(3)).isEqualTo(new AddUnique("orders", List.of("number"), Optional.of("ux_orders_number")));
    }

    @Test
    void parserGapsInTheMiddleOfAScriptKeepTheOrder() {
        assertThat(translator.translate("""
                ALTER TABLE t ADD COLUMN a int;
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE SEQUENCE IF NOT EXISTS s;
                UPDATE t SET a = 1;
                """)).containsExactly(
                new AddColumn("t", column("a", "int", true, null, false)),
                new Unanalyzable("DO $$ BEGIN PERFORM 1; END $$", "anonymous code block: it can change anything"),
                new SchemaOp.CreateSequence("s"),
                new DataChange("t", DataChange.Kind.UPDATE));
    }

    @Test
    void sqlServerScriptWithGoSeparatorsAndBrackets() {
        assertThat(translator.translate(fixture("sqlserver.sql"))).containsExactly(
                new AddColumn("dbo.orders", column("note", "nvarchar(100)", true, null, false)),
                new RenameColumn("dbo.orders", "status", "state"),
                new AlterType("dbo.orders", "state", ColumnType.parse("nvarchar(20)")),
                new SetNotNull("dbo.orders", "state"));
    }

    @Test
    void semicolonsInsideStringsAndCommentsDoNotSplit() {
        assertThat(translator.translate("INSERT INTO t (a) VALUES ('x;y'); -- a; comment\n"
                + "UPDATE \"odd;name\" SET a = E'it\\'s;';")).containsExactly(
                new DataChange("t", DataChange.Kind.INSERT), new DataChange("odd;name", DataChange.Kind.UPDATE));
    }

    @Test
    void unterminatedStringIsUnanalyzableNotAnException() {
        assertThat(translator.translate("ALTER TABLE a ADD c int; INSERT INTO t VALUES ('abc")).satisfiesExactly(
                op -> assertThat(op).isInstanceOf(AddColumn.class),
                op -> assertThat(op).isInstanceOf(Unanalyzable.class));
    }

    @Test
    void hugeInListIsRefusedBeforeParsing() {
        var sql = new StringBuilder("DELETE FROM t WHERE id IN (0");
        for (int i = 1; i < 100_000; i++) {
            sql.append(',').append(i);
        }
        sql.append(')');

        assertThat(translator.translate(sql.toString())).singleElement().isInstanceOfSatisfying(Unanalyzable.class,
                u -> assertThat(u.reason()).isEqualTo("statement too large to analyse (100000 list items)"));
    }

    @Test
    void deepNestingIsRefusedBeforeTheParserOverflowsTheStack() {
        var sql = "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000);

        assertThat(translator.translate(sql)).singleElement().isInstanceOfSatisfying(Unanalyzable.class,
                u -> assertThat(u.reason()).contains("nested too deeply").contains("5000"));
    }

    @Test
    void nestingWithinTheBoundStillParsesOnASmallStack() throws Exception {
        var sql = "UPDATE t SET a = " + "(".repeat(SqlDdlTranslator.MAX_NESTING_DEPTH) + "1"
                + ")".repeat(SqlDdlTranslator.MAX_NESTING_DEPTH);
        var result = new ArrayList<SchemaOp>();
        var thread = new Thread(null, () -> result.addAll(translator.translate(sql)), "small-stack", 512 * 1024);
        thread.start();
        thread.join();

        assertThat(result).containsExactly(new DataChange("t", DataChange.Kind.UPDATE));
    }

    @Test
    void tenMegabyteStatementIsRefused() {
        var sql = "INSERT INTO t (a) VALUES ('" + "x".repeat(10_000_000) + "')";

        assertThat(translator.translate(sql)).singleElement().isInstanceOfSatisfying(Unanalyzable.class,
                u -> assertThat(u.reason()).startsWith("statement too large to analyse"));
    }

    @Test
    void binaryJunkYieldsOnlyUnanalyzables() {
        var bytes = new byte[100_000];
        new Random(42).nextBytes(bytes);

        var ops = translator.translate(new String(bytes, StandardCharsets.ISO_8859_1));

        assertThat(ops).isNotEmpty().allSatisfy(op -> assertThat(op).isInstanceOf(Unanalyzable.class));
    }

    @Test
    void translatesConcurrentlyWithoutSharedState() throws Exception {
        var script = fixture("postgres-functions.sql");
        var expected = translator.translate(script);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new ArrayList<Callable<List<SchemaOp>>>();
            for (int i = 0; i < 40; i++) {
                tasks.add(() -> translator.translate(script));
            }
            for (Future<List<SchemaOp>> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
