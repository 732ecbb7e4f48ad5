package io.github.rollbacksafety.schema;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NameResolverTest {

    private static NameResolver.Resolution resolve(NameResolver names, String name, String... known) {
        var keys = Set.of(known);
        return names.resolve(name, keys::contains, List.of(known));
    }

    @Test
    void keysKeepTheSchemaAndFoldUnquotedNames() {
        assertThat(Identifiers.qualifiedName("App.Orders")).isEqualTo("app.orders");
        assertThat(Identifiers.qualifiedName("db.app.orders")).isEqualTo("app.orders");
        assertThat(Identifiers.qualifiedName("[dbo].[Orders]")).isEqualTo("dbo.orders");
        assertThat(Identifiers.qualifiedName("\"App\".\"Orders\"")).isEqualTo("\"App\".\"Orders\"");
        assertThat(Identifiers.qualifiedName("\"app\".\"orders\"")).isEqualTo("app.orders");
        assertThat(Identifiers.qualify("Archive", "Orders")).isEqualTo("archive.orders");
        assertThat(Identifiers.qualify(null, "Orders")).isEqualTo("orders");
        assertThat(Identifiers.qualifiedName(Identifiers.qualifiedName("\"Orders\""))).as("idempotent")
                .isEqualTo("\"Orders\"");
    }

    @Test
    void exactNamesWin() {
        var names = NameResolver.UNCONFIGURED;
        assertThat(resolve(names, "app.orders", "app.orders", "archive.orders").keys()).containsExactly("app.orders");
        assertThat(resolve(names, "orders", "orders", "archive.orders").keys()).containsExactly("orders");
    }

    @Test
    void withoutADefaultSchemaUnqualifiedAndQualifiedMeetWhenOnlyOneCanBeMeant() {
        var names = NameResolver.UNCONFIGURED;
        assertThat(resolve(names, "public.orders", "orders").keys()).containsExactly("orders");
        assertThat(resolve(names, "orders", "clinlims.orders").keys()).containsExactly("clinlims.orders");
        var ambiguous = resolve(names, "orders", "app.orders", "archive.orders");
        assertThat(ambiguous.keys()).isEmpty();
        assertThat(ambiguous.uncertain()).containsExactlyInAnyOrder("app.orders", "archive.orders");
        assertThat(resolve(names, "archive.orders", "app.orders").keys()).isEmpty();
    }

    @Test
    void aDefaultSchemaMakesResolutionExact() {
        var names = NameResolver.withDefaultSchema(Optional.of("Public"));
        assertThat(names.canonical("public.orders")).isEqualTo("orders");
        assertThat(resolve(names, "public.orders", "orders").keys()).containsExactly("orders");
        assertThat(resolve(names, "archive.orders", "orders").keys()).isEmpty();
        assertThat(resolve(names, "orders", "archive.orders").keys()).isEmpty();
        assertThat(NameResolver.withDefaultSchema(Optional.of(" "))).isSameAs(NameResolver.UNCONFIGURED);
    }

    @Test
    void anUnknownSchemaMeansEverySchema() {
        assertThat(resolve(NameResolver.UNCONFIGURED, "*.orders", "app.orders", "archive.orders", "customers").keys())
                .containsExactlyInAnyOrder("app.orders", "archive.orders");
    }

    @Test
    void aQuotedNameInAnotherCaseIsUncertainNotTheSame() {
        var r = resolve(NameResolver.UNCONFIGURED, "\"Orders\"", "orders");
        assertThat(r.keys()).isEmpty();
        assertThat(r.uncertain()).containsExactly("orders");
        assertThat(resolve(NameResolver.UNCONFIGURED, "\"orders\"", "orders").keys()).containsExactly("orders");
    }

    @Test
    void theSchemaBuilderAppliesAQualifiedChangeToTheTableCreatedUnqualified() {
        var schema = new SchemaBuilder()
                .apply(new SchemaOp.CreateTable("orders", List.of(ColumnDef.nullable("note", "text"))))
                .apply(new SchemaOp.AddColumn("clinlims.orders", ColumnDef.nullable("code", "text")))
                .apply(new SchemaOp.CreateTable("archive.items", List.of(ColumnDef.nullable("id", "int"))))
                .apply(new SchemaOp.RenameTable("archive.items", "old_items"))
                .snapshot();
        assertThat(schema.relations().keySet()).containsExactlyInAnyOrder("orders", "archive.old_items");
        assertThat(schema.relation("orders").orElseThrow().columns().keySet()).containsExactly("note", "code");
    }
}
