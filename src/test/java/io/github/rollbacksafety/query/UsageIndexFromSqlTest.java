package io.github.rollbacksafety.query;

import io.github.rollbacksafety.query.QueryUsage.Access;
import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.Schema;
import io.github.rollbacksafety.schema.SchemaBuilder;
import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The index built from extracted usages answers the questions the rules ask. */
class UsageIndexFromSqlTest {

    private final SqlUsageExtractor extractor = new SqlUsageExtractor();

    private static Schema previousSchema() {
        return new SchemaBuilder()
                .apply(new SchemaOp.CreateTable("orders", List.of(ColumnDef.nullable("id", "bigint"),
                        ColumnDef.nullable("status", "varchar(20)"), ColumnDef.nullable("customer_id", "bigint"))))
                .apply(new SchemaOp.CreateTable("customers", List.of(ColumnDef.nullable("id", "bigint"),
                        ColumnDef.nullable("name", "varchar(100)"))))
                .snapshot();
    }

    private UsageIndex index(String... sqls) throws UnparsableQueryException {
        var usages = new ArrayList<QueryUsage>();
        int line = 1;
        for (var sql : sqls) {
            usages.add(extractor.extract(new Query(sql, SourceLocation.of("q.sql", line++), QuerySourceKind.QUERY_FILE)));
        }
        return UsageIndex.of(usages, previousSchema());
    }

    @Test
    void answersColumnInsertStarAndSequenceQuestions() throws Exception {
        var index = index(
                "SELECT o.id, name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE status = ?",
                "INSERT INTO orders VALUES (nextval('order_seq'), 'NEW', ?)",
                "INSERT INTO customers (id, name) VALUES (?, ?)",
                "SELECT * FROM customers",
                "UPDATE orders SET status = ? WHERE id = ?");
        assertThat(index.size()).isEqualTo(5);
        // "name" was unqualified in a join: the previous schema says only customers has it
        assertThat(index.usersOfColumn("customers", "NAME")).extracting(q -> q.location().line()).containsExactly(1, 3);
        assertThat(index.usersOfColumn("orders", "name")).isEmpty();
        assertThat(index.usersOfColumn("orders", "status")).extracting(q -> q.location().line()).containsExactly(1, 5);
        assertThat(index.columnRefs("orders", "status")).extracting(UsageIndex.ColumnRef::access)
                .containsExactly(Access.READ, Access.WRITE);
        assertThat(index.insertsInto("orders")).singleElement().satisfies(insert -> {
            assertThat(insert.positional()).isTrue();
            assertThat(index.queryOf(insert).location().line()).isEqualTo(2);
        });
        assertThat(index.insertsInto("public.customers")).singleElement()
                .satisfies(insert -> assertThat(insert.columns()).containsExactly("id", "name"));
        assertThat(index.starReadersOf("CUSTOMERS")).extracting(q -> q.location().line()).containsExactly(4);
        assertThat(index.usersOfSequence("public.order_seq")).extracting(q -> q.location().line()).containsExactly(2);
        assertThat(index.writersOf("orders")).extracting(q -> q.location().line()).containsExactly(2, 5);
        assertThat(index.usersOf("customers")).extracting(q -> q.location().line()).containsExactly(1, 3, 4);
    }
}
