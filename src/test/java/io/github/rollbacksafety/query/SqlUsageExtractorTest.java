package io.github.rollbacksafety.query;

import io.github.rollbacksafety.query.QueryUsage.Access;
import io.github.rollbacksafety.query.QueryUsage.InsertUse;
import io.github.rollbacksafety.query.QueryUsage.TableUse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlUsageExtractorTest {

    private final SqlUsageExtractor extractor = new SqlUsageExtractor();

    static Query query(String sql) {
        return new Query(sql, SourceLocation.of("test.sql", 1), QuerySourceKind.QUERY_FILE);
    }

    private QueryUsage usage(String sql) {
        try {
            return extractor.extract(query(sql));
        } catch (UnparsableQueryException e) {
            throw new AssertionError("did not parse: " + e.getMessage(), e);
        }
    }

    /** Columns as {@code table.column} (candidates joined by '|'), with {@code =w} for writes. */
    static List<String> columns(QueryUsage usage) {
        var out = new TreeSet<String>();
        for (var c : usage.columns()) {
            out.add(String.join("|", new TreeSet<>(c.candidateTables())) + "." + c.column()
                    + (c.access() == Access.WRITE ? "=w" : ""));
        }
        return List.copyOf(out);
    }

    @Test
    void resolvesTableAliasesInSelectWhereJoinAndOrderBy() {
        var u = usage("SELECT o.id, c.name FROM orders o JOIN customers AS c ON c.id = o.customer_id "
                + "WHERE o.status = ? GROUP BY o.id, c.name HAVING count(o.total) > 1 ORDER BY c.name");
        assertThat(columns(u)).containsExactly("customers.id", "customers.name", "orders.customer_id", "orders.id",
                "orders.status", "orders.total");
        assertThat(u.tables()).containsExactly(new TableUse("orders", false), new TableUse("customers", false));
    }

    @Test
    void attributesUnqualifiedColumnToTheOnlyTable() {
        assertThat(columns(usage("SELECT id, total FROM orders WHERE status = 'NEW'")))
                .containsExactly("orders.id", "orders.status", "orders.total");
    }

    @Test
    void listsEveryTableInScopeForAnUnqualifiedColumnOfAJoin() {
        var u = usage("SELECT o.id, name FROM orders o, customers c WHERE o.customer_id = c.id");
        assertThat(columns(u)).contains("customers|orders.name");
    }

    @Test
    void readsColumnsInFunctionsCaseAndSubqueries() {
        var u = usage("SELECT upper(name), CASE WHEN total > 10 THEN 'big' ELSE flag END FROM orders "
                + "WHERE id IN (SELECT order_id FROM order_lines WHERE qty > 0) "
                + "AND EXISTS (SELECT 1 FROM refunds r WHERE r.amount > 0)");
        assertThat(columns(u)).containsExactly("order_lines.order_id", "order_lines.qty", "orders.flag", "orders.id",
                "orders.name", "orders.total", "refunds.amount");
    }

    @Test
    void correlatedSubquerySeesTheOuterAlias() {
        var u = usage("SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id "
                + "AND o.archived = false)");
        assertThat(columns(u)).containsExactly("order_lines.order_id", "orders.archived", "orders.id");
    }

    @Test
    void unqualifiedColumnInSubqueryWithoutFromFallsBackToTheOuterScope() {
        var u = usage("SELECT (SELECT max(total)) FROM orders");
        assertThat(columns(u)).containsExactly("orders.total");
    }

    @Test
    void resolvesColumnsThroughCtesAndNeverReportsTheCteAsATable() {
        var u = usage("WITH recent AS (SELECT id, customer_id AS cust FROM orders WHERE created_at > now()) "
                + "SELECT r.id, r.cust, c.name FROM recent r JOIN customers c ON c.id = r.cust");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("orders", "customers");
        assertThat(columns(u)).containsExactly("customers.id", "customers.name", "orders.created_at",
                "orders.customer_id", "orders.id");
    }

    @Test
    void recursiveCteIsNotATable() {
        var u = usage("WITH RECURSIVE tree(id, parent) AS (SELECT id, parent_id FROM categories WHERE parent_id IS NULL "
                + "UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id) "
                + "SELECT id FROM tree");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("categories");
        assertThat(columns(u)).contains("categories.id", "categories.parent_id");
    }

    @Test
    void resolvesColumnsThroughDerivedTables() {
        var u = usage("SELECT d.total, d.n FROM (SELECT o.total, count(*) AS n FROM orders o GROUP BY o.total) d");
        assertThat(columns(u)).containsExactly("orders.total");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("orders");
    }

    @Test
    void unionReadsEveryBranch() {
        var u = usage("SELECT id, email FROM customers UNION SELECT id, email FROM suppliers "
                + "INTERSECT SELECT id, email FROM partners EXCEPT SELECT id, mail FROM blocked ORDER BY 1");
        assertThat(columns(u)).containsExactly("blocked.id", "blocked.mail", "customers.email", "customers.id",
                "partners.email", "partners.id", "suppliers.email", "suppliers.id");
    }

    @Test
    void selectListAliasInOrderByIsNotAColumn() {
        var u = usage("SELECT price * qty AS amount FROM order_lines ORDER BY amount DESC");
        assertThat(columns(u)).containsExactly("order_lines.price", "order_lines.qty");
    }

    @Test
    void unquotedIdentifiersFoldQuotedOnesKeepTheirCase() {
        var u = usage("SELECT O.\"Id\", \"Total\" FROM \"Orders\" o WHERE `STATUS` = 1");
        assertThat(columns(u)).containsExactly("\"Orders\".\"Id\"", "\"Orders\".\"Total\"", "\"Orders\".status");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("\"Orders\"");

        var folded = usage("SELECT O.ID, \"total\" FROM ORDERS o WHERE [Status] = 1");
        assertThat(columns(folded)).as("unquoted, quoted in lower case, bracketed: one spelling")
                .containsExactly("orders.id", "orders.status", "orders.total");
        assertThat(folded.tables()).extracting(TableUse::table).containsExactly("orders");
    }

    @Test
    void keepsSchemaPrefixes() {
        var u = usage("SELECT public.orders.id, s.total FROM public.orders JOIN shop.sales s ON s.order_id = orders.id");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("public.orders", "shop.sales");
        assertThat(columns(u)).containsExactly("public.orders.id", "shop.sales.order_id", "shop.sales.total");
    }

    @Test
    void sameTableNameInTwoSchemasStaysApart() {
        var u = usage("SELECT a.id, archive.orders.note FROM app.orders a JOIN archive.orders ON archive.orders.id = a.id");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("app.orders", "archive.orders");
        assertThat(columns(u)).containsExactly("app.orders.id", "archive.orders.id", "archive.orders.note");
    }

    @Test
    void toleratesJdbcNamedAndNumberedPlaceholders() {
        assertThat(columns(usage("SELECT id FROM orders WHERE a = ? AND b = :status AND c = $1 AND d = ?2")))
                .containsExactly("orders.a", "orders.b", "orders.c", "orders.d", "orders.id");
    }

    @Test
    void toleratesMyBatisBindPlaceholders() {
        var u = usage("SELECT id FROM orders WHERE status = #{status} AND total > #{min,jdbcType=NUMERIC} "
                + "AND id IN (#{ids[0]}, #{ids[1]})");
        assertThat(columns(u)).containsExactly("orders.id", "orders.status", "orders.total");
    }

    @Test
    void toleratesMyBatisTextSubstitutionInNamePositions() {
        var u = usage("SELECT id, ${extra} FROM ${schema}.orders o JOIN ${other} x ON x.id = o.id "
                + "WHERE o.kind = ${kind} ORDER BY ${sort} LIMIT ${limit}");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("*.orders");
        assertThat(columns(u)).containsExactly("*.orders.id", "*.orders.kind");
    }

    @Test
    void placeholderGluedToANameIsAnUnknownPrefixAndTheRestIsMatched() {
        var u = usage("select RES.ID_, RES.NAME_ from ${prefix}ACT_RU_TASK RES where ${alias}.OWNER_ = #{owner}");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("act_ru_task");
        assertThat(columns(u)).containsExactly("act_ru_task.id_", "act_ru_task.name_", "act_ru_task.owner_");
    }

    @Test
    void placeholderSchemaIsAnySchemaAndTheTableMatched() {
        var u = usage("UPDATE ${schema}.orders SET status = #{s, jdbcType=${statusType}} WHERE id = #{id}");
        assertThat(u.tables()).containsExactly(new TableUse("*.orders", true));
        assertThat(columns(u)).containsExactly("*.orders.id", "*.orders.status=w");
    }

    @Test
    void spliceInClausesAroundAStatementAreLeftOut() {
        var u = usage("${limitBefore} SELECT RES.* ${limitBetween}, P.KEY_ FROM ${prefix}ACT_RU_EXECUTION RES "
                + "JOIN ${prefix}ACT_RE_PROCDEF P ON RES.PROC_DEF_ID_ = P.ID_ WHERE RES.NAME_ like #{n}"
                + "${wildcardEscapeClause} ${orderBy} ${limitAfter}");
        assertThat(u.tables()).extracting(TableUse::table).containsExactly("act_ru_execution", "act_re_procdef");
        assertThat(columns(u)).contains("act_re_procdef.key_", "act_ru_execution.name_");
        assertThat(u.starReads()).containsExactly("act_ru_execution");
    }

    @Test
    void columnsOfAPlaceholderTableAreNotPinnedOnAnotherTable() {
        // nothing of it can be checked: not understood, with the reason, rather than "understood" with no usage
        assertThatThrownBy(() -> extractor.extract(query("SELECT name FROM ${table} WHERE id = #{id}")))
                .isInstanceOf(UnparsableQueryException.class)
                .hasMessageContaining("table name is supplied at run time");
    }

    @Test
    void positionalInsertHasNoColumnList() {
        var u = usage("INSERT INTO orders VALUES (1, 'x', now())");
        assertThat(u.inserts()).containsExactly(new InsertUse("orders", List.of(), true));
        assertThat(u.tables()).containsExactly(new TableUse("orders", true));
    }

    @Test
    void namedInsertWritesItsColumns() {
        var u = usage("INSERT INTO Shop.Orders (ID, \"Status\") VALUES (?, ?)");
        assertThat(u.inserts()).containsExactly(new InsertUse("shop.orders", List.of("id", "\"Status\""), false));
        assertThat(columns(u)).containsExactlyInAnyOrder("shop.orders.id=w", "shop.orders.\"Status\"=w");
    }

    @Test
    void insertSelectReadsTheSourceAndWritesTheTarget() {
        var u = usage("INSERT INTO archive (id, total) SELECT o.id, o.total FROM orders o WHERE o.closed");
        assertThat(u.inserts()).containsExactly(new InsertUse("archive", List.of("id", "total"), false));
        assertThat(columns(u)).containsExactly("archive.id=w", "archive.total=w", "orders.closed", "orders.id",
                "orders.total");
        assertThat(u.tables()).containsExactly(new TableUse("archive", true), new TableUse("orders", false));
    }

    @Test
    void insertSelectStarWithoutColumnListIsPositional() {
        var u = usage("INSERT INTO archive SELECT * FROM orders");
        assertThat(u.inserts()).containsExactly(new InsertUse("archive", List.of(), true));
        assertThat(u.starReads()).containsExactly("orders");
    }

    @Test
    void insertDefaultValuesIsNeitherNamedNorPositional() {
        assertThat(usage("INSERT INTO audit DEFAULT VALUES").inserts())
                .containsExactly(new InsertUse("audit", List.of(), false));
    }

    @Test
    void insertOnConflictReadsTheTargetAndExcludedRow() {
        var u = usage("INSERT INTO stock (sku, qty) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE "
                + "SET qty = stock.qty + excluded.qty, updated_at = now() RETURNING id");
        assertThat(columns(u)).containsExactly("stock.id", "stock.qty", "stock.qty=w", "stock.sku", "stock.sku=w",
                "stock.updated_at=w");
    }

    @Test
    void insertOnDuplicateKeyUpdateWritesTheTarget() {
        var u = usage("INSERT INTO stock (sku, qty) VALUES (?, ?) ON DUPLICATE KEY UPDATE qty = qty + VALUES(qty)");
        assertThat(columns(u)).containsExactly("stock.qty", "stock.qty=w", "stock.sku=w");
    }

    @Test
    void replaceAndUpsertAreInserts() {
        assertThat(usage("REPLACE INTO stock (sku, qty) VALUES (?, ?)").inserts())
                .containsExactly(new InsertUse("stock", List.of("sku", "qty"), false));
        assertThat(usage("UPSERT INTO stock VALUES (?, ?)").inserts())
                .containsExactly(new InsertUse("stock", List.of(), true));
    }

    @Test
    void updateWritesSetTargetsAndReadsTheRest() {
        var u = usage("UPDATE orders o SET status = 'PAID', paid_at = o.updated_at WHERE o.id = ? RETURNING o.total");
        assertThat(columns(u)).containsExactly("orders.id", "orders.paid_at=w", "orders.status=w", "orders.total",
                "orders.updated_at");
        assertThat(u.tables()).containsExactly(new TableUse("orders", true));
    }

    @Test
    void updateFromReadsTheOtherTable() {
        var u = usage("UPDATE orders SET total = l.sum FROM (SELECT order_id, sum(price) AS sum FROM order_lines "
                + "GROUP BY order_id) l WHERE orders.id = l.order_id");
        assertThat(columns(u)).containsExactly("order_lines.order_id", "order_lines.price", "orders.id",
                "orders.total=w");
        assertThat(u.tables()).containsExactly(new TableUse("orders", true), new TableUse("order_lines", false));
    }

    @Test
    void deleteUsingReadsTheOtherTable() {
        var u = usage("DELETE FROM orders o USING customers c WHERE o.customer_id = c.id AND c.banned RETURNING o.id");
        assertThat(u.tables()).containsExactly(new TableUse("orders", true), new TableUse("customers", false));
        assertThat(columns(u)).containsExactly("customers.banned", "customers.id", "orders.customer_id", "orders.id");
    }

    @Test
    void mergeWritesTargetAndReadsSource() {
        var u = usage("MERGE INTO stock t USING incoming s ON (t.sku = s.sku) "
                + "WHEN MATCHED THEN UPDATE SET t.qty = s.qty "
                + "WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (s.sku, s.qty)");
        assertThat(u.tables()).containsExactly(new TableUse("stock", true), new TableUse("incoming", false));
        assertThat(u.inserts()).containsExactly(new InsertUse("stock", List.of("sku", "qty"), false));
        assertThat(columns(u)).containsExactly("incoming.qty", "incoming.sku", "stock.qty=w", "stock.sku",
                "stock.sku=w");
    }

    @Test
    void starReadsNameTheRealTables() {
        var u = usage("SELECT o.*, c.name FROM orders o JOIN customers c ON c.id = o.customer_id");
        assertThat(u.starReads()).containsExactly("orders");
        assertThat(usage("SELECT * FROM orders, customers").starReads()).containsExactly("orders", "customers");
        assertThat(usage("SELECT count(*) FROM orders").starReads()).isEmpty();
    }

    @Test
    void starReadsExpandThroughCtesAndDerivedTables() {
        var u = usage("WITH x AS (SELECT * FROM orders) SELECT * FROM x JOIN (SELECT c.* FROM customers c) d "
                + "ON d.id = x.customer_id");
        assertThat(u.starReads()).containsExactlyInAnyOrder("orders", "customers");
        assertThat(u.tables()).extracting(TableUse::table).containsExactlyInAnyOrder("orders", "customers");
        assertThat(columns(u)).containsExactly("customers.id", "orders.customer_id");
        var narrow = usage("WITH x AS (SELECT id FROM orders) SELECT * FROM x");
        assertThat(narrow.starReads()).isEmpty();
        assertThat(columns(narrow)).containsExactly("orders.id");
    }

    @Test
    void postgresSequenceFunctions() {
        var u = usage("SELECT nextval('order_seq'), nextval('public.invoice_seq'::regclass), currval('Other_Seq')");
        assertThat(u.sequences()).containsExactly("order_seq", "public.invoice_seq", "other_seq");
        assertThat(u.columns()).isEmpty();
    }

    @Test
    void standardNextValueFor() {
        var u = usage("INSERT INTO orders (id) VALUES (NEXT VALUE FOR dbo.order_seq)");
        assertThat(u.sequences()).containsExactly("dbo.order_seq");
    }

    @Test
    void oracleSequencePseudoColumns() {
        var u = usage("INSERT INTO orders (id, ref) SELECT order_seq.NEXTVAL, shop.ref_seq.currval FROM dual");
        assertThat(u.sequences()).containsExactly("order_seq", "shop.ref_seq");
        assertThat(u.tables()).containsExactly(new TableUse("orders", true));
        assertThat(columns(u)).containsExactly("orders.id=w", "orders.ref=w");
    }

    @Test
    void nonDmlStatementsGiveAnEmptyUsage() {
        for (var sql : List.of("SET search_path TO shop", "SET x = 1", "COMMIT", "CREATE TABLE t (id int)", "DROP TABLE t",
                "VACUUM ANALYZE orders", "GRANT SELECT ON orders TO app")) {
            var u = usage(sql);
            assertThat(u.tables()).as(sql).isEmpty();
            assertThat(u.columns()).as(sql).isEmpty();
        }
    }

    @Test
    void trailingSemicolonIsAccepted() {
        assertThat(columns(usage("SELECT id FROM orders;"))).containsExactly("orders.id");
    }

    @Test
    void unparsableStatementSaysWhere() {
        assertThatThrownBy(() -> extractor.extract(query("SELECT id FROM orders WHERE")))
                .isInstanceOf(UnparsableQueryException.class)
                .hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> extractor.extract(query("SELEC id FROM orders")))
                .isInstanceOf(UnparsableQueryException.class)
                .hasMessageContaining("SELEC");
        assertThatThrownBy(() -> extractor.extract(query("   ")))
                .isInstanceOf(UnparsableQueryException.class);
    }
}
