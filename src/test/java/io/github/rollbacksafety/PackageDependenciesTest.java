package io.github.rollbacksafety;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each library's types stay in the stage that owns them (docs/architecture.md). */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/io/github/rollbacksafety");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    /** Main source files (relative to the base package) importing a name that starts with {@code prefix}. */
    private static List<String> importersOf(String prefix) throws IOException {
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                var m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(2).startsWith(prefix)) {
                        found.add(MAIN.relativize(file).toString().replace('\\', '/'));
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** Main source files (relative to the base package) whose code (not comments) contains {@code text}. */
    private static List<String> filesContaining(String text) throws IOException {
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                var code = Files.readAllLines(file).stream()
                        .filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("/*")
                                && !l.strip().startsWith("//"))
                        .anyMatch(l -> l.contains(text));
                if (code) {
                    found.add(MAIN.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        return found;
    }

    @Test
    void oneHashOneAtomicWriteOneArchiveLayoutOneParserConfiguration() throws IOException {
        assertThat(filesContaining("MessageDigest.getInstance")).containsExactly("Sha256.java");
        assertThat(filesContaining("\"BOOT-INF/")).containsExactly("ArchiveLayout.java");
        assertThat(filesContaining("\"WEB-INF/")).containsExactly("ArchiveLayout.java");
        // git publishes a whole materialised tree (a directory) with one move; files go through AtomicFile
        assertThat(importersOf("net.sf.jsqlparser.parser.CCJSqlParserUtil")).containsExactly("sql/SqlParsers.java");
        assertThat(filesContaining("ATOMIC_MOVE")).containsExactlyInAnyOrder("AtomicFile.java", "git/GitBaselines.java");
    }

    @Test
    void asmTypesOnlyInTheBytecodeFrontEnd() throws IOException {
        assertThat(importersOf("org.objectweb.asm")).isNotEmpty().allMatch(f -> f.startsWith("query/bytecode/"));
    }

    @Test
    void mavenTypesOnlyInTheMavenAdapter() throws IOException {
        // the engine runs, and is unit-tested, without Maven on the class path
        for (var maven : List.of("org.apache.maven", "org.codehaus.plexus", "org.eclipse.aether")) {
            assertThat(importersOf(maven)).as(maven).allMatch(f -> f.startsWith("maven/"));
        }
        assertThat(importersOf("org.apache.maven")).isNotEmpty();
    }
}
