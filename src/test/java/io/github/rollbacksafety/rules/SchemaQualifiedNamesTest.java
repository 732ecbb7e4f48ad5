package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp.DropColumn;
import io.github.rollbacksafety.schema.SchemaOp.RenameTable;
import org.junit.jupiter.api.Test;

import static io.github.rollbacksafety.rules.RuleTestKit.notNull;
import static io.github.rollbacksafety.rules.RuleTestKit.nullable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema-qualified and quoted names, through the real extractor and the engine's name resolution: a change to
 * {@code archive.orders} is never reported against queries of {@code app.orders}, and a name is matched only when
 * it surely is the same table (no break reported on a guess).
 */
class SchemaQualifiedNamesTest {

    private final Rule columnDropped = new ColumnDroppedRule();

    /** The same table name in two schemas, both created qualified. */
    private static RuleTestKit twoSchemas() {
        return RuleTestKit.previousRelease()
                .table("app.orders", notNull("id", "bigint"), nullable("note", "text"))
                .table("archive.orders", notNull("id", "bigint"), nullable("note", "text"));
    }

    @Test
    void droppingAColumnInAnotherSchemaDoesNotBreakQueriesOfTheQueriedOne() {
        var other = twoSchemas().sql("SELECT id, note FROM app.orders")
                .changeSet("5", new DropColumn("archive.orders", "note")).check(columnDropped);
        assertThat(other).isEmpty();

        var same = twoSchemas().sql("SELECT id, note FROM app.orders")
                .changeSet("5", new DropColumn("app.orders", "note")).check(columnDropped);
        assertThat(same).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo(FindingObject.column("app.orders", "note"));
            assertThat(v.queries()).hasSize(1);
        });
    }

    @Test
    void aQueryJoiningBothSchemasIsAttributedPerSchema() {
        var violations = twoSchemas()
                .sql("SELECT a.id FROM app.orders a JOIN archive.orders h ON h.id = a.id WHERE h.note IS NULL")
                .changeSet("5", new DropColumn("app.orders", "note"), new DropColumn("archive.orders", "note"))
                .check(columnDropped);
        assertThat(violations).extracting(v -> v.object().display()).containsExactly("archive.orders.note");
    }

    @Test
    void anUnqualifiedNameInSeveralSchemasIsAmbiguousUntilTheDefaultSchemaIsKnown() {
        var ambiguous = twoSchemas().sql("SELECT note FROM orders")
                .changeSet("5", new DropColumn("app.orders", "note")).check(columnDropped);
        assertThat(ambiguous).as("orders could be either: no break on a guess").isEmpty();

        var configured = twoSchemas().defaultSchema("app").sql("SELECT note FROM orders")
                .changeSet("5", new DropColumn("app.orders", "note"), new DropColumn("archive.orders", "note"))
                .check(columnDropped);
        assertThat(configured).as("app.orders is orders: the default schema is left out of names")
                .extracting(v -> v.object().display()).containsExactly("orders.note");
    }

    @Test
    void aChangelogThatNeverQualifiesMatchesQueriesThatDo() {
        var unqualified = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("note", "text"));
        var violations = unqualified.sql("SELECT note FROM public.orders").sql("SELECT note FROM orders")
                .changeSet("5", new DropColumn("orders", "note")).check(columnDropped);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.queries()).hasSize(2));
    }

    @Test
    void aChangelogThatQualifiesEverythingMatchesUnqualifiedQueriesAndChanges() {
        // OpenELIS: every table in schema clinlims, queries unqualified (the schema is on the search path)
        var violations = RuleTestKit.previousRelease()
                .table("clinlims.analysis", notNull("id", "bigint"), nullable("note", "text"),
                        nullable("accession", "text"))
                .sql("SELECT note, accession FROM analysis")
                .changeSet("5", new DropColumn("clinlims.analysis", "note"))
                .changeSet("6", new DropColumn("analysis", "accession"))
                .check(columnDropped);
        assertThat(violations).extracting(v -> v.object().display())
                .containsExactly("clinlims.analysis.note", "clinlims.analysis.accession");
    }

    @Test
    void aQualifiedChangeOfATableCreatedUnqualifiedIsThatTable() {
        var violations = RuleTestKit.previousRelease()
                .table("orders", notNull("id", "bigint"), nullable("note", "text"))
                .sql("SELECT note FROM orders")
                .changeSet("5", new DropColumn("clinlims.orders", "note"))
                .check(columnDropped);
        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.object()).isEqualTo(FindingObject.column("orders", "note")));
    }

    @Test
    void withADefaultSchemaOtherSchemasAreOtherTables() {
        var kit = RuleTestKit.previousRelease().defaultSchema("public")
                .table("orders", notNull("id", "bigint"), nullable("note", "text"));
        var violations = kit.sql("SELECT note FROM public.orders").sql("SELECT note FROM archive.orders")
                .changeSet("5", new DropColumn("orders", "note")).check(columnDropped);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.queries())
                .extracting(q -> q.location().line()).containsExactly(1));
    }

    @Test
    void quotedNamesKeepTheirCase() {
        var kit = RuleTestKit.previousRelease().table("orders", notNull("id", "bigint"), nullable("note", "text"));
        var violations = kit.sql("SELECT \"Note\" FROM \"Orders\"").sql("SELECT \"note\" FROM \"orders\"")
                .changeSet("5", new DropColumn("orders", "note")).check(columnDropped);
        assertThat(violations).as("\"Orders\" is not orders; \"orders\" is").singleElement()
                .satisfies(v -> assertThat(v.queries()).extracting(q -> q.location().line()).containsExactly(2));

        var quotedTable = RuleTestKit.previousRelease()
                .table("\"Orders\"", notNull("id", "bigint"), nullable("\"Note\"", "text"))
                .sql("SELECT \"Note\" FROM \"Orders\"").sql("SELECT note FROM orders")
                .changeSet("5", new DropColumn("\"Orders\"", "\"Note\"")).check(columnDropped);
        assertThat(quotedTable).singleElement()
                .satisfies(v -> assertThat(v.queries()).extracting(q -> q.location().line()).containsExactly(1));
    }

    @Test
    void aMyBatisPlaceholderSchemaMatchesTheTableInAnySchema() {
        var violations = twoSchemas().sql("UPDATE ${schema}.orders SET note = #{note} WHERE id = #{id}")
                .changeSet("5", new DropColumn("archive.orders", "note"))
                .changeSet("6", new DropColumn("app.orders", "note"))
                .check(columnDropped);
        assertThat(violations).extracting(v -> v.object().display())
                .containsExactly("archive.orders.note", "app.orders.note");
    }

    @Test
    void aRenameStaysInItsSchemaAndConcernsOnlyItsQueries() {
        var renamed = new TableRenamedRule();
        var other = twoSchemas().sql("SELECT id FROM archive.orders")
                .changeSet("5", new RenameTable("app.orders", "orders_v2")).check(renamed);
        assertThat(other).isEmpty();

        var same = twoSchemas().sql("SELECT id FROM app.orders")
                .changeSet("5", new RenameTable("app.orders", "orders_v2")).check(renamed);
        assertThat(same).singleElement().satisfies(v -> assertThat(v.message()).contains("app.orders_v2"));
    }
}
