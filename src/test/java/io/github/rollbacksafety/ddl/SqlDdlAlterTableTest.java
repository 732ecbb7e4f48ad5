package io.github.rollbacksafety.ddl;


import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.SchemaOp.AddCheck;
import io.github.rollbacksafety.schema.SchemaOp.AddColumn;
import io.github.rollbacksafety.schema.SchemaOp.AddForeignKey;
import io.github.rollbacksafety.schema.SchemaOp.AddUnique;
import io.github.rollbacksafety.schema.SchemaOp.AlterType;
import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import io.github.rollbacksafety.schema.SchemaOp.DropDefault;
import io.github.rollbacksafety.schema.SchemaOp.DropNotNull;
import io.github.rollbacksafety.schema.SchemaOp.Harmless;
import io.github.rollbacksafety.schema.SchemaOp.RenameColumn;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import io.github.rollbacksafety.schema.SchemaOp.SetDefault;
import io.github.rollbacksafety.schema.SchemaOp.SetNotNull;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** ALTER TABLE in the dialects Liquibase users write: each spelling becomes the same small set of ops. */
class SqlDdlAlterTableTest {

    private final SqlDdlTranslator translator = new SqlDdlTranslator();

    private List<SchemaOp> ops(String sql) {
        return translator.translate(sql);
    }

    static ColumnDef column(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement) {
        return new ColumnDef(name, Optional.of(ColumnType.parse(type)), nullable, Optional.ofNullable(defaultValue),
                autoIncrement);
    }

    private static AlterType type(String table, String column, String type) {
        return new AlterType(table, column, ColumnType.parse(type));
    }

    @Test
    void addsSeveralColumnsInOneAlterWithSchemaPrefixKept() {
        assertThat(ops("ALTER TABLE public.orders ADD COLUMN note varchar(100) NOT NULL DEFAULT 'x', "
                + "ADD total numeric(12,2)")).containsExactly(
                new AddColumn("public.orders", column("note", "varchar(100)", false, "'x'", false)),
                new AddColumn("public.orders", column("total", "numeric(12,2)", true, null, false)));
    }

    @Test
    void addsColumnWithMultiWordTypeAndCastDefault() {
        assertThat(ops("ALTER TABLE t ADD COLUMN c character varying(20) DEFAULT 'x'::character varying NOT NULL"))
                .containsExactly(new AddColumn("t", column("c", "character varying(20)", false,
                        "'x'::character varying", false)));
        assertThat(ops("ALTER TABLE t ADD c timestamp with time zone"))
                .containsExactly(new AddColumn("t", column("c", "timestamp with time zone", true, null, false)));
    }

    @Test
    void addsIdentityAndSerialColumnsAsFilledByTheDatabase() {
        assertThat(ops("ALTER TABLE t ADD COLUMN id bigserial"))
                .containsExactly(new AddColumn("t", column("id", "bigserial", false, null, true)));
        assertThat(ops("ALTER TABLE t ADD COLUMN id int GENERATED ALWAYS AS IDENTITY"))
                .containsExactly(new AddColumn("t", column("id", "int", false, null, true)));
        assertThat(ops("ALTER TABLE t ADD id INT AUTO_INCREMENT PRIMARY KEY"))
                .containsExactly(new AddColumn("t", column("id", "INT", false, null, true)));
    }

    @Test
    void defaultNullIsNoDefault() {
        assertThat(ops("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT NULL"))
                .containsExactly(new AddColumn("t", column("c", "int", false, null, false)));
    }

    @Test
    void addsOracleColumnListInParentheses() {
        assertThat(ops("ALTER TABLE t ADD (c NUMBER(10) NOT NULL, d VARCHAR2(10))")).containsExactly(
                new AddColumn("t", column("c", "NUMBER(10)", false, null, false)),
                new AddColumn("t", column("d", "VARCHAR2(10)", true, null, false)));
    }

    @Test
    void addsSqlServerColumnWithNamedDefaultConstraint() {
        assertThat(ops("ALTER TABLE t ADD c int NOT NULL CONSTRAINT df_c DEFAULT 0"))
                .containsExactly(new AddColumn("t", column("c", "int", false, "0", false)));
        assertThat(ops("ALTER TABLE t ADD CONSTRAINT df_c DEFAULT 0 FOR c"))
                .containsExactly(new SetDefault("t", "c", "0"));
    }

    @Test
    void dropsColumnsInEverySpelling() {
        assertThat(ops("ALTER TABLE orders DROP COLUMN IF EXISTS note")).containsExactly(new DropColumn("orders", "note"));
        assertThat(ops("ALTER TABLE orders DROP note")).containsExactly(new DropColumn("orders", "note"));
        assertThat(ops("ALTER TABLE orders DROP COLUMN a CASCADE, DROP COLUMN b"))
                .containsExactly(new DropColumn("orders", "a"), new DropColumn("orders", "b"));
        assertThat(ops("ALTER TABLE orders DROP (a, b)"))
                .containsExactly(new DropColumn("orders", "a"), new DropColumn("orders", "b"));
    }

    @Test
    void renamesColumn() {
        assertThat(ops("ALTER TABLE orders RENAME COLUMN a TO b")).containsExactly(new RenameColumn("orders", "a", "b"));
    }

    @Test
    void renamesColumnTheH2Way() {
        assertThat(ops("ALTER TABLE orders ALTER COLUMN a RENAME TO b"))
                .containsExactly(new RenameColumn("orders", "a", "b"));
    }

    @Test
    void renamesTableInEverySpelling() {
        assertThat(ops("ALTER TABLE orders RENAME TO orders2")).containsExactly(new RenameTable("orders", "orders2"));
        assertThat(ops("RENAME TABLE a TO b, c TO d"))
                .containsExactly(new RenameTable("a", "b"), new RenameTable("c", "d"));
        assertThat(ops("RENAME a TO b")).containsExactly(new RenameTable("a", "b"));
    }

    @Test
    void changesTypeInPostgresAndDb2Spellings() {
        assertThat(ops("ALTER TABLE orders ALTER COLUMN a TYPE bigint")).containsExactly(type("orders", "a", "bigint"));
        assertThat(ops("ALTER TABLE orders ALTER COLUMN a SET DATA TYPE varchar(20)"))
                .containsExactly(type("orders", "a", "varchar(20)"));
        assertThat(ops("ALTER TABLE orders ALTER COLUMN a TYPE timestamp with time zone USING a::timestamptz"))
                .containsExactly(type("orders", "a", "timestamp with time zone"));
        assertThat(ops("ALTER TABLE orders ALTER COLUMN c TYPE numeric(12, 2)"))
                .containsExactly(type("orders", "c", "numeric(12,2)"));
    }

    @Test
    void setsAndDropsNotNullAndDefault() {
        assertThat(ops("ALTER TABLE ONLY public.t ALTER COLUMN a SET NOT NULL")).containsExactly(new SetNotNull("public.t", "a"));
        assertThat(ops("ALTER TABLE t ALTER a DROP NOT NULL")).containsExactly(new DropNotNull("t", "a"));
        assertThat(ops("ALTER TABLE t ALTER COLUMN a SET DEFAULT nextval('s')"))
                .containsExactly(new SetDefault("t", "a", "nextval('s')"));
        assertThat(ops("ALTER TABLE t ALTER COLUMN a DROP DEFAULT")).containsExactly(new DropDefault("t", "a"));
        assertThat(ops("ALTER TABLE t ALTER COLUMN a SET DEFAULT NULL")).containsExactly(new DropDefault("t", "a"));
    }

    @Test
    void setsNullTheH2Way() {
        assertThat(ops("ALTER TABLE t ALTER COLUMN a SET NULL")).containsExactly(new DropNotNull("t", "a"));
    }

    @Test
    void mixesTypeAndNullabilityChangesInOneAlter() {
        assertThat(ops("ALTER TABLE t ALTER COLUMN a TYPE int USING a::int, ALTER COLUMN a SET DEFAULT 0, "
                + "ALTER COLUMN b SET NOT NULL")).containsExactly(
                type("t", "a", "int"), new SetDefault("t", "a", "0"), new SetNotNull("t", "b"));
    }

    @Test
    void mysqlChangeIsRenamePlusRedefinition() {
        assertThat(ops("ALTER TABLE orders CHANGE COLUMN a b varchar(10) NOT NULL")).containsExactly(
                new RenameColumn("orders", "a", "b"), type("orders", "b", "varchar(10)"), new SetNotNull("orders", "b"));
        assertThat(ops("ALTER TABLE orders CHANGE a a bigint")).containsExactly(type("orders", "a", "bigint"));
    }

    @Test
    void mysqlModifyChangesTypeAndSpelledNullability() {
        assertThat(ops("ALTER TABLE orders MODIFY COLUMN a varchar(10) NOT NULL"))
                .containsExactly(type("orders", "a", "varchar(10)"), new SetNotNull("orders", "a"));
        assertThat(ops("ALTER TABLE orders MODIFY c int DEFAULT 0 NOT NULL"))
                .containsExactly(type("orders", "c", "int"), new SetNotNull("orders", "c"), new SetDefault("orders", "c", "0"));
        assertThat(ops("ALTER TABLE t MODIFY COLUMN a varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"))
                .containsExactly(type("t", "a", "varchar(10)"));
    }

    @Test
    void oracleModifyNullability() {
        assertThat(ops("ALTER TABLE orders MODIFY (a NOT NULL)")).containsExactly(new SetNotNull("orders", "a"));
        assertThat(ops("ALTER TABLE orders MODIFY a NULL")).containsExactly(new DropNotNull("orders", "a"));
        assertThat(ops("ALTER TABLE orders MODIFY (a VARCHAR2(20) NOT NULL, b NULL)")).containsExactly(
                type("orders", "a", "VARCHAR2(20)"), new SetNotNull("orders", "a"), new DropNotNull("orders", "b"));
    }

    @Test
    void sqlServerAlterColumnWithTypeAndNullability() {
        assertThat(ops("ALTER TABLE orders ALTER COLUMN a nvarchar(50) NOT NULL"))
                .containsExactly(type("orders", "a", "nvarchar(50)"), new SetNotNull("orders", "a"));
        assertThat(ops("ALTER TABLE [dbo].[orders] ALTER COLUMN [a] int NULL"))
                .containsExactly(type("dbo.orders", "a", "int"), new DropNotNull("dbo.orders", "a"));
    }

    @Test
    void sqlServerSpRenameOfColumnAndTable() {
        assertThat(ops("EXEC sp_rename 'dbo.orders.status', 'state', 'COLUMN'"))
                .containsExactly(new RenameColumn("dbo.orders", "status", "state"));
        assertThat(ops("sp_rename 'old_table', 'new_table'")).containsExactly(new RenameTable("old_table", "new_table"));
        assertThat(ops("EXECUTE sp_rename N'[dbo].[orders].[a]', N'b', N'COLUMN'"))
                .containsExactly(new RenameColumn("dbo.orders", "a", "b"));
        assertThat(ops("exec sp_rename @objname = 'orders', @newname = 'orders2'"))
                .containsExactly(new RenameTable("orders", "orders2"));
        assertThat(ops("EXEC sp_rename 'dbo.orders.ix_a', 'ix_b', 'INDEX'")).containsExactly(new Harmless("sp_rename index"));
    }

    @Test
    void sqlServerSpRenameBetweenGoSeparators() {
        assertThat(ops("EXEC sp_rename 'orders.a', 'b', 'COLUMN'\nGO\nALTER TABLE orders DROP COLUMN c\nGO\n"))
                .containsExactly(new RenameColumn("orders", "a", "b"), new DropColumn("orders", "c"));
    }

    @Test
    void addsUniqueConstraints() {
        assertThat(ops("ALTER TABLE orders ADD CONSTRAINT uq UNIQUE (a, b)"))
                .containsExactly(new AddUnique("orders", List.of("a", "b"), Optional.of("uq")));
        assertThat(ops("ALTER TABLE orders ADD UNIQUE (a)"))
                .containsExactly(new AddUnique("orders", List.of("a"), Optional.empty()));
        assertThat(ops("ALTER TABLE orders ADD UNIQUE KEY ux (a, b)"))
                .containsExactly(new AddUnique("orders", List.of("a", "b"), Optional.of("ux")));
    }

    @Test
    void addsForeignKeys() {
        assertThat(ops("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (cust_id) REFERENCES customers(id)"))
                .containsExactly(new AddForeignKey("orders", List.of("cust_id"), "customers", List.of("id")));
        assertThat(ops("ALTER TABLE t ADD FOREIGN KEY (a, b) REFERENCES s.o (x, y) ON DELETE CASCADE"))
                .containsExactly(new AddForeignKey("t", List.of("a", "b"), "s.o", List.of("x", "y")));
        assertThat(ops("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES o(id) NOT VALID"))
                .containsExactly(new AddForeignKey("t", List.of("a"), "o", List.of("id")));
    }

    @Test
    void addsCheckConstraintsNamedOrNot() {
        assertThat(ops("ALTER TABLE orders ADD CONSTRAINT ck CHECK (a > 0)")).containsExactly(new AddCheck("orders", "a > 0"));
        assertThat(ops("ALTER TABLE orders ADD CHECK (a > 0)")).containsExactly(new AddCheck("orders", "a > 0"));
    }

    @Test
    void addedPrimaryKeyMakesItsColumnsNotNull() {
        assertThat(ops("ALTER TABLE orders ADD PRIMARY KEY (a, b)"))
                .containsExactly(new SetNotNull("orders", "a"), new SetNotNull("orders", "b"));
        assertThat(ops("ALTER TABLE orders ADD CONSTRAINT pk PRIMARY KEY (a)")).containsExactly(new SetNotNull("orders", "a"));
    }

    @Test
    void constraintHousekeepingIsHarmless() {
        assertThat(ops("ALTER TABLE t DROP CONSTRAINT IF EXISTS x"))
                .containsExactly(new io.github.rollbacksafety.schema.SchemaOp.DropUnique(Optional.of("t"), "x", List.of()));
        assertThat(ops("ALTER TABLE t ADD INDEX ix (a)")).containsExactly(new Harmless("add index on t"));
        assertThat(ops("ALTER TABLE t VALIDATE CONSTRAINT fk")).containsExactly(new Harmless("validate on t"));
        assertThat(ops("ALTER TABLE t ADD CONSTRAINT uq UNIQUE USING INDEX ix"))
                .containsExactly(new Harmless("add unique constraint uq using index ix"));
    }

    @Test
    void rowLevelSecurityIsUnanalyzable() {
        assertThat(ops("ALTER TABLE t ENABLE ROW LEVEL SECURITY")).singleElement().isInstanceOf(SchemaOp.Unanalyzable.class);
    }
}
