package io.github.rollbacksafety.query.bytecode;

import io.github.rollbacksafety.query.AssembledStatements;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL assembled across statements, read from class files: the sources under {@code assembled/} (which the Java
 * source front end's test reads as sources) compiled here with javac, as a build would, and read by the bytecode
 * front end. Both front ends must give the same statements.
 */
class AssembledBytecodeTest {

    @TempDir
    static Path classes;

    private static final List<ClassFileReader.CodeString> strings = new ArrayList<>();

    @BeforeAll
    static void compileAndRead() throws IOException, URISyntaxException {
        var sources = Path.of(Objects.requireNonNull(AssembledBytecodeTest.class.getResource("/assembled")).toURI());
        var args = new ArrayList<String>(List.of("-g", "-d", classes.toString(), "--release", "17"));
        try (var walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(status).as("javac").isZero();
        var reader = new ClassFileReader();
        try (var walk = Files.walk(classes)) {
            for (var f : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                var name = classes.relativize(f).toString().replace('\\', '/');
                strings.addAll(reader.read(Files.readAllBytes(f), name).strings());
            }
        }
    }

    private static Map<String, List<String>> byMethod() {
        return strings.stream().collect(Collectors.groupingBy(
                s -> s.location().member().substring(s.location().member().indexOf('#') + 1),
                Collectors.mapping(ClassFileReader.CodeString::text, Collectors.toList())));
    }

    @Test
    void aStatementBuiltWithFourteenAppendsComesOutWhole() {
        AssembledStatements.assertGives(byMethod(), "fourteenAppends");
        assertThat(strings).filteredOn(s -> s.text().contains("legacy_status")).singleElement().satisfies(s -> {
            assertThat(s.location().file()).isEqualTo("com/acme/dao/AssembledDao.class");
            assertThat(s.location().line()).isEqualTo(16);
            assertThat(s.location().member()).isEqualTo("com.acme.dao.AssembledDao#fourteenAppends");
        });
    }

    @Test
    void branchesGiveEveryWayThatAddsText() {
        // the analyzer meets the if/else before the optional append's union reaches it: with or without the
        // optional part, both ways of the if/else come out, and only texts the method can build
        var producible = List.of("SELECT id, total FROM orders WHERE 1 = 1 AND status = ? AND customer_id = ?",
                "SELECT id, total FROM orders WHERE 1 = 1 AND status = ? AND archived = false",
                "SELECT id, total FROM orders WHERE 1 = 1 AND customer_id = ?",
                "SELECT id, total FROM orders WHERE 1 = 1 AND archived = false");
        assertThat(byMethod().get("branches")).isSubsetOf(producible)
                .anyMatch(s -> s.contains("customer_id")).anyMatch(s -> s.contains("archived"));
        // a conditional table name: at least one way, never a made-up one (the Java source front end gives both)
        assertThat(byMethod().get("conditionalTable")).isNotEmpty().isSubsetOf(
                "DELETE FROM orders_archive WHERE id = ?", "DELETE FROM orders WHERE id = ?");
    }

    @Test
    void aLoopBodyCountsOnceAndTheVariantThatParsesIsKept() {
        AssembledStatements.assertGives(byMethod(), "loop", "trailingComma");
    }

    @Test
    void plusAssignJoinTextBlocksConcatAndOtherClassesConstants() {
        AssembledStatements.assertGives(byMethod(), "plusAssign", "joined", "textBlockConcat", "otherClassConstant");
    }

    @Test
    void formatStringsFoldTheirConstantArgumentsAndMarkTheOthers() {
        AssembledStatements.assertGives(byMethod(), "formatted", "formattedConstants", "dynamicTable");
    }

    @Test
    void onlyTextTheProgramCanProduce() {
        AssembledStatements.assertGives(byMethod(), "helperAppends");
        assertThat(byMethod()).doesNotContainKeys("reversed", "where");
        assertThat(strings).noneMatch(s -> s.text().startsWith("SELECT o.id") && !s.text().contains("DESC"));
    }

    @Test
    void everyAssembledStatementParses() throws UnparsableQueryException {
        var extractor = new SqlUsageExtractor();
        assertThat(strings).hasSizeBetween(13, 17);
        for (var s : strings) {
            var q = new Query(s.text(), s.location(), QuerySourceKind.BYTECODE_STRING);
            var member = s.location().member();
            if (member.endsWith("#dynamicTable") || member.endsWith("#formatted")) {
                assertThatThrownBy(() -> extractor.extract(q)).hasMessageContaining("supplied at run time");
            } else {
                assertThat(extractor.extract(q).tables()).as(s.text()).isNotEmpty();
            }
        }
    }
}
