package io.github.rollbacksafety.query.javasource;

import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of a source root that are parsed: only those a reader can need, and never with a result that differs
 * from parsing every file.
 */
class SourceSelectionTest {

    private static final Path FIXTURE = Path.of("src/test/resources/srcselect");

    @Test
    void parsesTheFilesWithQueriesOrMappingsAndTheConstantsTheyFoldIn() throws IOException {
        assertThat(selected(FIXTURE)).containsExactlyInAnyOrder(
                // SQL in literals, with the classes whose constants they fold in
                "com/acme/dao/OrderDao.java", "com/acme/db/Tables.java", // Tables.ORDERS, qualified
                "com/acme/dao/CustomerDao.java", "com/acme/db/Columns.java", // import static ...Columns.CUSTOMER_NAME
                "com/acme/db/Names.java", // import static ...Names.*
                "com/acme/dao/InvoiceDao.java", "com/acme/db/InvoiceTables.java", // an implemented interface
                // no SQL of its own, but it hands on a constant that is a whole statement
                "com/acme/service/ReportService.java", "com/acme/db/Queries.java",
                // mappings: a mapped superclass, an embeddable and the entity (its @Table name is a constant)
                "com/acme/model/BaseEntity.java", "com/acme/model/Address.java", "com/acme/model/Customer.java");
    }

    @Test
    void leavesProseEnumsAndCallersOfOtherCodeUnparsed() throws IOException {
        var all = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> all.add(slashes(FIXTURE.relativize(f))));
        }
        all.removeAll(selected(FIXTURE));
        assertThat(all).containsExactlyInAnyOrder("com/acme/model/Status.java",
                "com/acme/service/CustomerService.java", "com/acme/web/CustomerController.java");
    }

    @Test
    void foldsConstantsOfOtherFilesAsWhenEveryFileIsParsed() {
        var selecting = new JavaSourceQuerySource(FIXTURE, "v1");
        var everyFile = selecting.parsingEveryFile();
        var read = collect(selecting);
        assertThat(describe(read)).isEqualTo(describe(collect(everyFile)));
        var sql = read.sql().stream().map(q -> q.location().file() + ": " + q.sql()).toList();
        assertThat(sql).contains(
                "com/acme/dao/OrderDao.java: SELECT id, total FROM orders WHERE id = ?",
                "com/acme/dao/CustomerDao.java: SELECT id, full_name FROM customers WHERE full_name = ?",
                "com/acme/dao/CustomerDao.java: SELECT quantity FROM order_lines WHERE order_id = ?",
                "com/acme/db/Queries.java: SELECT month, sum(total) FROM orders GROUP BY month",
                "com/acme/service/ReportService.java: SELECT month, sum(total) FROM orders GROUP BY month LIMIT 12");
        var mapped = read.usages().stream().flatMap(u -> u.columns().stream())
                .flatMap(c -> c.candidateTables().stream().map(t -> t + "." + c.column())).toList();
        assertThat(mapped).contains("customers.created_at", "customers.city_name", "customers.full_name");
    }

    /**
     * Every Java source tree of this project (fixtures of all front ends, and its own code with its many SQL
     * strings) gives the same queries, mappings and warnings whether every file is parsed or only the selected
     * ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"src/test/java", "src/main/java", "src/test/resources/srcjpa/app",
        "src/test/resources/assembled", "src/test/resources/git/java", "src/test/resources/git/broken"})
    void givesWhatParsingEveryFileGives(String root) {
        var selecting = new JavaSourceQuerySource(Path.of(root), "v1");
        var all = collect(selecting.parsingEveryFile());
        assertThat(describe(collect(selecting))).isEqualTo(describe(all));
    }

    @Test
    void literalStartingAStatementOnlyCountsWithTheWordItNeeds() {
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("Select a customer first"))).isFalse();
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("SELECT id FROM t"))).isTrue();
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("  (select id"))).isFalse();
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("  (select id")
                | SourceSelection.literal(" from t"))).isTrue();
        // a keyword built from two literals ("SEL" + "ECT ... FROM")
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("SEL")
                | SourceSelection.literal("ECT id FROM t"))).isTrue();
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("{call audit(?)}"))).isTrue();
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("update orders set x = 1"))).isTrue();
        assertThat(SourceSelection.canMakeStatement(SourceSelection.literal("Update the order"))).isFalse();
    }

    @Test
    void fileWithUnicodeEscapeOrQueryAnnotationIsAlwaysParsed() {
        assertThat(SourceSelection.profile("class A { String s = \"\\u0053ELECT\"; }").needed()).isTrue();
        assertThat(SourceSelection.profile("interface M { @Select(SQL) Object all(); }").needed()).isTrue();
        assertThat(SourceSelection.profile("class A { void f() { em.createQuery(JPQL); } }").needed()).isTrue();
        assertThat(SourceSelection.profile("class A { /* @Select, persistence */ String s = \"x\"; }").needed())
                .isFalse();
    }

    private static List<String> selected(Path root) throws IOException {
        var paths = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(paths::add);
        }
        var profiles = new ArrayList<SourceSelection.Profile>();
        for (var p : paths) {
            profiles.add(SourceSelection.profile(Files.readString(p)));
        }
        var chosen = SourceSelection.select(profiles);
        return chosen.stream().mapToObj(i -> slashes(root.relativize(paths.get(i)))).toList();
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static QueryCollector collect(JavaSourceQuerySource source) {
        var collector = new QueryCollector();
        source.collect(collector);
        return collector;
    }

    /** Everything a collector received, with each SQL string's usage as the engine extracts it. */
    private static List<String> describe(QueryCollector collector) {
        var lines = new ArrayList<String>();
        var extractor = new SqlUsageExtractor().withEntityQueries(collector.entityQueries());
        collector.warnings().forEach(w -> lines.add("warning " + w));
        collector.usages().forEach(u -> lines.add("usage " + usage(u)));
        collector.unparsed().forEach(u -> lines.add("unparsed " + u.query() + " " + u.reason()));
        for (var q : collector.sql()) {
            try {
                lines.add("sql " + usage(extractor.extract(q)));
            } catch (UnparsableQueryException e) {
                lines.add("sql " + q + " not understood: " + e.getMessage());
            }
        }
        return lines;
    }

    private static String usage(QueryUsage u) {
        // candidate tables are sets: compare them sorted
        var columns = u.columns().stream().map(c -> new TreeSet<>(c.candidateTables()) + "." + c.column() + " "
                + c.access()).toList();
        return u.query() + " " + u.tables() + " " + columns + " " + u.inserts();
    }
}
