package io.github.rollbacksafety.ddl;


import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.SchemaOp.AddUnique;
import io.github.rollbacksafety.schema.SchemaOp.CreateSequence;
import io.github.rollbacksafety.schema.SchemaOp.CreateTable;
import io.github.rollbacksafety.schema.SchemaOp.CreateView;
import io.github.rollbacksafety.schema.SchemaOp.DataChange;
import io.github.rollbacksafety.schema.SchemaOp.DataChange.Kind;
import io.github.rollbacksafety.schema.SchemaOp.DropSequence;
import io.github.rollbacksafety.schema.SchemaOp.DropTable;
import io.github.rollbacksafety.schema.SchemaOp.DropView;
import io.github.rollbacksafety.schema.SchemaOp.Harmless;
import io.github.rollbacksafety.schema.SchemaOp.RenameSequence;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import io.github.rollbacksafety.schema.SchemaOp.Unanalyzable;
import io.github.rollbacksafety.schema.ViewWrites;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.github.rollbacksafety.ddl.SqlDdlAlterTableTest.column;
import static org.assertj.core.api.Assertions.assertThat;

/** CREATE/DROP of tables, indexes, views and sequences; data changes; statements with no schema effect. */
class SqlDdlObjectsTest {

    private final SqlDdlTranslator translator = new SqlDdlTranslator();

    private List<SchemaOp> ops(String sql) {
        return translator.translate(sql);
    }

    @Test
    void createsPostgresTableWithPrimaryKeysSerialAndDefaults() {
        assertThat(ops("CREATE TABLE IF NOT EXISTS public.orders (id bigserial PRIMARY KEY, "
                + "name varchar(100) NOT NULL DEFAULT 'a', total numeric(12,2), cust_id int REFERENCES customers(id), "
                + "code varchar(10) UNIQUE, created timestamp with time zone DEFAULT now(), "
                + "CONSTRAINT pk2 PRIMARY KEY (name, total))")).containsExactly(new CreateTable("public.orders", List.of(
                column("id", "bigserial", false, null, true),
                column("name", "varchar(100)", false, "'a'", false),
                column("total", "numeric(12,2)", false, null, false),
                column("cust_id", "int", true, null, false),
                column("code", "varchar(10)", true, null, false),
                column("created", "timestamp with time zone", true, "now()", false))));
    }

    @Test
    void createsMysqlTableWithAutoIncrementAndTablePrimaryKey() {
        assertThat(ops("CREATE TABLE `t` (`id` int AUTO_INCREMENT, c datetime, PRIMARY KEY (`id`)) ENGINE=InnoDB"))
                .containsExactly(new CreateTable("t", List.of(column("id", "int", false, null, true),
                        column("c", "datetime", true, null, false))));
    }

    @Test
    void createsSqlServerTableWithIdentity() {
        assertThat(ops("CREATE TABLE t (id int IDENTITY(1,1) NOT NULL, d datetime DEFAULT getdate() NOT NULL)"))
                .containsExactly(new CreateTable("t", List.of(column("id", "int", false, null, true),
                        column("d", "datetime", false, "getdate()", false))));
    }

    @Test
    void createsOracleTableWithIdentityOptions() {
        assertThat(ops("CREATE TABLE t (id NUMBER(10) GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL, "
                + "x VARCHAR2(20 CHAR))")).containsExactly(new CreateTable("t", List.of(
                column("id", "NUMBER(10)", false, null, true), column("x", "VARCHAR2(20 CHAR)", true, null, false))));
    }

    @Test
    void createsTableWithQuotedNamesKeepingTheirCaseAndSchema() {
        assertThat(ops("CREATE TABLE \"Shop\".\"Orders\" (\"Id\" INT NOT NULL)")).containsExactly(new CreateTable(
                "\"Shop\".\"Orders\"", List.of(column("\"Id\"", "INT", false, null, false))));
        assertThat(ops("CREATE TABLE \"shop\".\"orders\" (\"id\" INT NOT NULL)")).as("all lower case: as unquoted")
                .containsExactly(new CreateTable("shop.orders", List.of(column("id", "INT", false, null, false))));
    }

    @Test
    void dropsSeveralTables() {
        assertThat(ops("DROP TABLE IF EXISTS a, b CASCADE")).containsExactly(new DropTable("a"), new DropTable("b"));
    }

    @Test
    void uniqueIndexIsAUniqueConstraintOtherIndexesAreHarmless() {
        assertThat(ops("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON public.orders (a, lower(b))"))
                .containsExactly(new AddUnique("public.orders", List.of("a", "b"), Optional.of("ix")));
        assertThat(ops("CREATE UNIQUE INDEX ix ON orders (a DESC, b) WHERE deleted = false"))
                .containsExactly(new AddUnique("orders", List.of("a", "b"), Optional.of("ix")));
        assertThat(ops("CREATE INDEX CONCURRENTLY ix ON orders USING btree (a)"))
                .containsExactly(new Harmless("create index ix on orders"));
    }

    @Test
    void dropIndexIsADropByNameEvenWhereTheParserFails() {
        var drop = new io.github.rollbacksafety.schema.SchemaOp.DropUnique(java.util.Optional.empty(), "ix",
                java.util.List.of());
        assertThat(ops("DROP INDEX CONCURRENTLY IF EXISTS ix")).containsExactly(drop);
        assertThat(ops("DROP INDEX ix ON orders")).containsExactly(drop);
    }

    @Test
    void createsViewsWithColumnsFromListOrSelect() {
        var plain = Optional.of(ViewWrites.updatable("t", java.util.Map.of()));
        assertThat(ops("CREATE OR REPLACE VIEW v (a, b) AS SELECT x, y FROM t"))
                .containsExactly(new CreateView("v", true, "SELECT x, y FROM t", List.of("a", "b"), plain));
        assertThat(ops("CREATE VIEW v AS SELECT t.x, y AS yy FROM t"))
                .containsExactly(new CreateView("v", false, "SELECT t.x, y AS yy FROM t", List.of("x", "yy"), plain));
        assertThat(ops("CREATE VIEW v AS SELECT * FROM t"))
                .containsExactly(new CreateView("v", false, "SELECT * FROM t", List.of(), plain));
    }

    @Test
    void dropsAndRenamesViews() {
        assertThat(ops("DROP VIEW IF EXISTS v")).containsExactly(new DropView("v"));
        assertThat(ops("DROP MATERIALIZED VIEW mv")).containsExactly(new DropView("mv"));
        assertThat(ops("ALTER VIEW v RENAME TO w")).containsExactly(new RenameTable("v", "w"));
    }

    @Test
    void sequencesIncludingParserGaps() {
        assertThat(ops("CREATE SEQUENCE s START WITH 1")).containsExactly(new CreateSequence("s"));
        assertThat(ops("CREATE SEQUENCE IF NOT EXISTS public.s INCREMENT BY 50")).containsExactly(new CreateSequence("public.s"));
        assertThat(ops("DROP SEQUENCE IF EXISTS s")).containsExactly(new DropSequence("s"));
        assertThat(ops("ALTER SEQUENCE a RENAME TO b")).containsExactly(new RenameSequence("a", "b"));
        assertThat(ops("ALTER SEQUENCE s INCREMENT BY 10")).containsExactly(new Harmless("alter sequence"));
    }

    @Test
    void dataChangesNameTheirTable() {
        assertThat(ops("INSERT INTO public.t (a) VALUES (1)")).containsExactly(new DataChange("public.t", Kind.INSERT));
        assertThat(ops("UPDATE t SET a = 1 WHERE b = 2")).containsExactly(new DataChange("t", Kind.UPDATE));
        assertThat(ops("DELETE FROM t WHERE a = 1")).containsExactly(new DataChange("t", Kind.DELETE));
        assertThat(ops("TRUNCATE TABLE t")).containsExactly(new DataChange("t", Kind.DELETE));
        assertThat(ops("MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET a = s.a "
                + "WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)"))
                .containsExactly(new DataChange("t", Kind.INSERT), new DataChange("t", Kind.UPDATE));
        assertThat(ops("REPLACE INTO t (a) VALUES (1)")).containsExactly(new DataChange("t", Kind.INSERT));
    }

    @Test
    void statementsWithoutSchemaEffectAreHarmless() {
        assertThat(ops("COMMENT ON COLUMN t.a IS 'it''s'")).containsExactly(new Harmless("comment"));
        assertThat(ops("GRANT SELECT ON t TO bob")).containsExactly(new Harmless("grant"));
        assertThat(ops("ANALYZE t")).containsExactly(new Harmless("analyze"));
        assertThat(ops("SET search_path TO public")).containsExactly(new Harmless("set"));
        assertThat(ops("SET NOCOUNT ON")).containsExactly(new Harmless("set"));
        assertThat(ops("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()"))
                .containsExactly(new Harmless("create trigger"));
        assertThat(ops("CREATE EXTENSION IF NOT EXISTS pgcrypto")).containsExactly(new Harmless("create extension"));
    }

    @Test
    void createFunctionIsHarmlessWithTaggedDollarBody() {
        assertThat(ops("CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.a := 1; RETURN NEW; END; "
                + "$body$ LANGUAGE plpgsql")).containsExactly(new Harmless("create function f"));
        assertThat(ops("CREATE PROCEDURE p() LANGUAGE SQL AS $$ SELECT 1 $$")).containsExactly(new Harmless("create procedure p"));
    }

    @Test
    void codeThatCanDoAnythingIsUnanalyzable() {
        assertThat(ops("DO $$ BEGIN UPDATE t SET a = 1; END $$")).containsExactly(
                new Unanalyzable("DO $$ BEGIN UPDATE t SET a = 1; END $$", "anonymous code block: it can change anything"));
        assertThat(ops("CALL migrate_orders()")).singleElement().isInstanceOf(Unanalyzable.class);
        assertThat(ops("DROP FUNCTION f()")).singleElement().isInstanceOf(Unanalyzable.class);
        assertThat(ops("REVOKE SELECT ON t FROM app")).singleElement().isInstanceOf(Unanalyzable.class);
    }
}
