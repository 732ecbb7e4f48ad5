package io.github.rollbacksafety.query.javasource;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class JavaSourceQuerySourceTest {

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(JavaSourceQuerySourceTest.class.getResource("/git/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueryCollector collect(JavaSourceQuerySource source) {
        var collector = new QueryCollector();
        source.collect(collector);
        return collector;
    }

    private static List<String> sql(QueryCollector collector) {
        return collector.sql().stream().map(q -> q.sql().strip().replaceAll("\\s+", " ")).toList();
    }

    private final QueryCollector shop = collect(new JavaSourceQuerySource(fixture("java"), "v1.0.0")
            .withLocationPrefix("src/main/java"));

    @Test
    void findsSqlStringLiteralsWithFileLineAndMember() {
        assertThat(shop.sql()).contains(new Query("SELECT o.id, o.status FROM orders o WHERE o.status = 'OPEN'",
                new SourceLocation("src/main/java/com/acme/shop/OrderRepository.java", 20,
                        "com.acme.shop.OrderRepository#open"), QuerySourceKind.JAVA_SOURCE));
        assertThat(shop.sql()).anySatisfy(q -> {
            assertThat(q.sql()).isEqualTo("select id, status from orders where id = ?");
            assertThat(q.location().member()).isEqualTo("com.acme.shop.OrderRepository#BY_ID");
            assertThat(q.location().line()).isEqualTo(9);
        });
    }

    @Test
    void findsTextBlocksWithTheirIndentationStripped() {
        assertThat(shop.sql()).anySatisfy(q -> {
            assertThat(q.sql()).startsWith("select id, created_at\n  from orders\n");
            assertThat(q.location().line()).isEqualTo(24);
            assertThat(q.location().member()).isEqualTo("com.acme.shop.OrderRepository#recent");
        });
    }

    @Test
    void concatenationsKeepConstantPartsAndTurnRuntimeValuesIntoPlaceholders() {
        assertThat(sql(shop)).contains(
                "update orders set status = 'CLOSED', close_reason = '?' where id = ?",
                "select id, status, created_at from orders");
        assertThat(shop.sql()).filteredOn(q -> q.sql().startsWith("update orders"))
                .singleElement().extracting(q -> q.location().line()).isEqualTo(33);
    }

    @Test
    void readsNativeSqlFromAnnotationsButNotJpql() {
        assertThat(sql(shop)).contains(
                "select * from customers where email = ?1",
                "select c.* from customers c where c.vip = true",
                "select name from customers where id = :id",
                "insert into customers (id, name) values (:id, :name)",
                "select id, name from customers where region = #{region}");
        assertThat(shop.sql()).filteredOn(q -> q.sql().contains("c.vip")).singleElement()
                .extracting(q -> q.location().member()).isEqualTo("com.acme.shop.Mappers$CustomerRepository#vips");
        assertThat(shop.sql()).filteredOn(q -> q.sql().contains("email")).singleElement()
                .extracting(q -> q.location().member()).isEqualTo("com.acme.shop.Mappers");
        assertThat(sql(shop)).noneMatch(s -> s.contains("Customer c") || s.contains("Order o"));
    }

    @Test
    void ignoresStringsThatAreNotStatements() {
        assertThat(sql(shop)).hasSize(10)
                .noneMatch(s -> s.contains("customer_id") || s.contains("product") || s.startsWith(" from")
                        || s.contains("updated from status"));
        assertThat(shop.sql()).allSatisfy(q -> assertThat(q.kind()).isEqualTo(QuerySourceKind.JAVA_SOURCE));
        assertThat(shop.warnings()).isEmpty();
        assertThat(shop.unparsed()).isEmpty();
    }

    @Test
    void aFileThatDoesNotParseIsAWarningWithItsLineAndTheOthersAreStillRead() {
        var collector = collect(new JavaSourceQuerySource(fixture("broken"), "v1.0.0"));
        assertThat(collector.warnings()).singleElement().asString()
                .startsWith("com/acme/Broken.java:6: cannot parse Java source")
                .endsWith("SQL strings in it may be missed");
        assertThat(sql(collector)).contains("delete from audit_log where created_at < ?");
    }

    @Test
    void otherReadersSeeEveryParsedFileOnce() {
        var seen = new ArrayList<String>();
        var finished = new ArrayList<Boolean>();
        var source = new JavaSourceQuerySource(fixture("java"), "v1.0.0").withReader(() -> new JavaSourceQuerySource.UnitReader() {
            @Override
            public void read(JavaSourceQuerySource.ParsedJavaFile file, QueryCollector collector) {
                file.types().forEach(t -> seen.add(file.path() + ":" + t.getNameAsString()));
            }

            @Override
            public void finish(QueryCollector collector) {
                finished.add(true);
            }
        });
        var collector = collect(source);
        assertThat(seen).containsExactly("com/acme/shop/Mappers.java:Mappers",
                "com/acme/shop/OrderRepository.java:OrderRepository", "com/acme/shop/Tables.java:Tables");
        assertThat(finished).containsExactly(true);
        assertThat(collector.sql()).hasSize(10);
    }

    @Test
    void missingSourceRootYieldsNothing(@TempDir Path dir) {
        var collector = collect(new JavaSourceQuerySource(dir.resolve("src/main/java"), "v1.0.0"));
        assertThat(collector.sql()).isEmpty();
        assertThat(collector.warnings()).isEmpty();
    }

    @Test
    void myBatisAnnotationsWithoutMyBatisImportCountOnlyWhenTheTextIsSql(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/Api.java"), """
                package x;
                import com.example.ui.Select;
                import org.apache.ibatis.annotations.Update;
                class Api {
                    @Select("Pick a colour") void pick() {}
                    @Select("select id from colours") void colours() {}
                    @Update("<script>update t <set>a = #{a}</set></script>") void dynamic() {}
                }
                """);
        var collector = collect(new JavaSourceQuerySource(dir, "v1"));
        assertThat(sql(collector)).containsExactly("select id from colours");
        assertThat(collector.unparsed()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("<script>"));
    }

    @Test
    void readsModernJavaWithoutWarnings(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/Modern.java"), """
                package x;
                sealed interface Shape permits Circle, Square {}
                record Circle(double r) implements Shape {}
                record Square(double s) implements Shape {}
                class Modern {
                    String sql(Object o, int kind) {
                        var table = switch (kind) {
                            case 1 -> "circles";
                            default -> {
                                String t = "squares";
                                yield t;
                            }
                        };
                        if (o instanceof Circle c && c.r() > 0) {
                            return \"""
                                select r from circles where r > ?
                                \""";
                        }
                        return switch (o) {
                            case Square s when s.s() > 1 -> "delete from squares where s = ?";
                            default -> "none";
                        };
                    }
                }
                """);
        var collector = collect(new JavaSourceQuerySource(dir, "v1"));
        assertThat(collector.warnings()).isEmpty();
        assertThat(sql(collector)).containsExactly("select r from circles where r > ?", "delete from squares where s = ?");
    }

    @Test
    void filesThatCanHoldNoQueryAreToldApartByTheirText() {
        assertThat(JavaSourceQuerySource.mayHoldQueries("import jakarta.persistence.Entity; @Entity class A {}")).isTrue();
        assertThat(JavaSourceQuerySource.mayHoldQueries("class R { String q = \"select * from t\"; }")).isTrue();
        assertThat(JavaSourceQuerySource.mayHoldQueries("class R { void f() { sb.append(\" WHERE a = ?\"); } }"))
                .isTrue();
        assertThat(JavaSourceQuerySource.mayHoldQueries("class R { String q = \"\"\"\n   SELECT 1\"\"\"; }")).isTrue();
        assertThat(JavaSourceQuerySource.mayHoldQueries("interface Tables { String ORDERS = \"orders\"; }")).isTrue();
        assertThat(JavaSourceQuerySource.mayHoldQueries("class Ui { void f() { label.setText(\"Selected items\"); "
                + "update(); String fromHere = \"x\"; } }")).isFalse();
    }
}
