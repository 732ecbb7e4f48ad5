package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.ddl.SqlDdlTranslator;

import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.SchemaOp.DataChange.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.github.rollbacksafety.changelog.ChangelogFixtures.dir;
import static org.assertj.core.api.Assertions.assertThat;

/** Each Liquibase change type, read from {@code translation/changes.xml} by the real parser. */
class LiquibaseChangeTranslatorTest {

    private static Changelog changelog;

    @BeforeAll
    static void read() {
        changelog = new ChangelogReader().read(ChangelogSource.of(dir("translation"), "changes.xml", "t"),
                ChangelogOptions.DEFAULT);
    }

    private static List<SchemaOp> ops(String id) {
        return changelog.changeSets().stream().filter(cs -> cs.id().equals(id)).findFirst().orElseThrow().ops();
    }

    @Test
    void createTableKeepsConstraintsDefaultsAndAutoIncrement() {
        var ops = ops("create");
        var create = (SchemaOp.CreateTable) ops.get(0);

        assertThat(create.table()).as("schemaName kept").isEqualTo("public.orders");
        var byName = create.columns();
        assertThat(byName.get(0)).isEqualTo(new ColumnDef("id", Optional.of(ColumnType.parse("bigint")), false,
                Optional.empty(), true));
        assertThat(byName.get(1).nullable()).isFalse();
        assertThat(byName.get(2).defaultValue()).contains("now()");
        assertThat(byName.get(3).defaultValue()).contains("true");
        assertThat(byName.get(4).defaultValue()).isPresent();
        assertThat(byName.get(5).nullable()).isTrue();
        assertThat(ops.subList(1, ops.size())).containsExactly(
                new SchemaOp.AddUnique("public.orders", List.of("code"), Optional.of("uq_code")),
                new SchemaOp.AddForeignKey("public.orders", List.of("customer_id"), "customer", List.of("id")));
    }

    @Test
    void addColumnValueIsABackfillNotADefault() {
        assertThat(ops("addColumnBackfill")).containsExactly(
                new SchemaOp.AddColumn("orders", new ColumnDef("region", Optional.of(ColumnType.parse("varchar(5)")),
                        false, Optional.empty(), false)),
                new SchemaOp.AddColumn("orders", new ColumnDef("kind", Optional.of(ColumnType.parse("int")),
                        true, Optional.of("7"), false)));
    }

    @Test
    void dropsAndRenames() {
        assertThat(ops("drops")).containsExactly(new SchemaOp.DropColumn("orders", "a"),
                new SchemaOp.DropColumn("orders", "b"), new SchemaOp.DropTable("old_orders"));
        assertThat(ops("renames")).containsExactly(new SchemaOp.RenameTable("orders", "purchases"),
                new SchemaOp.RenameColumn("purchases", "code", "ref"), new SchemaOp.RenameTable("v_old", "v_new"),
                new SchemaOp.RenameSequence("s_old", "s_new"));
    }

    @Test
    void typeNullabilityAndDefaults() {
        assertThat(ops("types")).containsExactly(
                new SchemaOp.AlterType("purchases", "ref", ColumnType.parse("varchar(5)")));
        // defaultNullValue only backfills: no default appears
        assertThat(ops("nullability")).containsExactly(new SchemaOp.SetNotNull("purchases", "region"),
                new SchemaOp.DropNotNull("purchases", "kind"));
        assertThat(ops("defaults")).containsExactly(new SchemaOp.SetDefault("purchases", "kind", "3"),
                new SchemaOp.DropDefault("purchases", "created"));
    }

    @Test
    void constraintsAndIndexes() {
        assertThat(ops("constraints")).containsExactly(
                new SchemaOp.AddUnique("purchases", List.of("ref", "region"), Optional.of("uq_ref")),
                new SchemaOp.AddUnique("purchases", List.of("kind"), Optional.of("ux_kind")),
                new SchemaOp.Harmless("create index ix_region on purchases"),
                new SchemaOp.AddForeignKey("purchases", List.of("customer_id"), "customer", List.of("id")),
                new SchemaOp.SetNotNull("items", "order_id"),
                new SchemaOp.SetNotNull("items", "line_no"),
                new SchemaOp.AddUnique("items", List.of("order_id", "line_no"), Optional.empty()));
    }

    @Test
    void viewsAndSequences() {
        var view = (SchemaOp.CreateView) ops("views").get(0);
        assertThat(view.view()).isEqualTo("v_orders");
        assertThat(view.replace()).isTrue();
        assertThat(view.selectSql()).isEqualTo("select id, ref from purchases");
        assertThat(ops("views").get(1)).isEqualTo(new SchemaOp.DropView("v_old_orders"));
        assertThat(ops("sequences")).containsExactly(new SchemaOp.CreateSequence("order_seq"),
                new SchemaOp.DropSequence("legacy_seq"));
    }

    @Test
    void dataChanges() {
        assertThat(ops("data")).containsExactly(new SchemaOp.DataChange("purchases", Kind.INSERT),
                new SchemaOp.DataChange("purchases", Kind.UPDATE), new SchemaOp.DataChange("purchases", Kind.DELETE),
                new SchemaOp.DataChange("countries", Kind.LOAD), new SchemaOp.DataChange("currencies", Kind.LOAD));
    }

    @Test
    void sqlAndSqlFileReachTheSqlTranslator() {
        var ops = ops("sql");

        assertThat(ops).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ops).noneSatisfy(op -> assertThat(op).isInstanceOfSatisfying(SchemaOp.Unanalyzable.class,
                u -> assertThat(u.reason()).startsWith("could not be read")));
    }

    @Test
    void mergeColumnsAndLookupTable() {
        assertThat(ops("merge")).containsExactly(
                new SchemaOp.AddColumn("people", ColumnDef.nullable("full_name", "varchar(200)")),
                new SchemaOp.DropColumn("people", "first"),
                new SchemaOp.DropColumn("people", "last"),
                new SchemaOp.CreateTable("regions", List.of(new ColumnDef("code",
                        Optional.of(ColumnType.parse("varchar(5)")), false, Optional.empty(), false))),
                new SchemaOp.DataChange("regions", Kind.INSERT),
                new SchemaOp.AddForeignKey("purchases", List.of("region"), "regions", List.of("code")));
    }

    @Test
    void customChangeAndExecuteCommandAreUnanalyzableWithAReason() {
        assertThat(ops("opaque")).hasSize(2).allSatisfy(op -> assertThat(op)
                .isInstanceOfSatisfying(SchemaOp.Unanalyzable.class, u -> assertThat(u.reason()).isNotBlank()));
        assertThat(ops("opaque").get(0).describe()).contains("io.github.rollbacksafety.changelog.RecordingCustomChange");
    }

    @Test
    void metadataAndRelaxingChangesAreHarmless() {
        // dropped unique constraints and indexes are harmless to the schema; upsert-key-dropped judges them
        assertThat(ops("harmless")).hasSize(10).allSatisfy(op -> assertThat(op)
                .isInstanceOfAny(SchemaOp.Harmless.class, SchemaOp.DropUnique.class));
        assertThat(ops("harmless")).filteredOn(op -> op instanceof SchemaOp.DropUnique).isNotEmpty();
    }

    @Test
    void unknownChangeTypeIsUnanalyzableNotACrash() {
        var translator = new LiquibaseChangeTranslator(new SqlDdlTranslator());
        var ops = translator.translate(new liquibase.change.AbstractChange() {
            @Override
            public String getConfirmationMessage() {
                return "something new";
            }

            @Override
            public liquibase.statement.SqlStatement[] generateStatements(liquibase.database.Database database) {
                return new liquibase.statement.SqlStatement[0];
            }
        });

        assertThat(ops).singleElement().isInstanceOf(SchemaOp.Unanalyzable.class);
    }
}
