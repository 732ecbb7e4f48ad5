package io.github.rollbacksafety.robustness;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.engine.CheckResult;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import io.github.rollbacksafety.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile input end to end through {@link RollbackSafetyCheck#run} with a real previous-release jar: each case
 * ends within 10 s with the one outcome it must have: a {@link RollbackSafetyException} naming the file for a
 * changelog that cannot be read, a RISKY finding for a change that cannot be analysed, a warning or an unparsed
 * entry naming the file for query problems. (The readers' own tests cover the same inputs one level down.)
 */
class HostileInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private CheckResult run(HostileProject project) throws IOException {
        var request = project.write(temp);
        return assertTimeoutPreemptively(LIMIT, () -> new RollbackSafetyCheck().run(request));
    }

    private void assertChangelogError(HostileProject project, String file) throws IOException {
        var request = project.write(temp);
        assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> new RollbackSafetyCheck().run(request))
                .isInstanceOf(RollbackSafetyException.class)
                .satisfies(e -> assertThat(((RollbackSafetyException) e).describe()).contains(file)));
    }

    private static String xml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n" + body
                + "</databaseChangeLog>\n";
    }

    @Test
    void malformedXmlInAnIncludedCurrentFileNamesThatFile() throws IOException {
        assertChangelogError(new HostileProject()
                .current(HostileProject.MASTER, xml("<include file=\"db/changelog/broken.xml\"/>\n"))
                .current("db/changelog/broken.xml", xml("<changeSet id=\"2\" author=\"a\"><createTable>\n")),
                "broken.xml");
    }

    @Test
    void malformedYamlMasterIsNamed() throws IOException {
        assertChangelogError(new HostileProject().currentMaster("db/changelog/master.yaml")
                .current("db/changelog/master.yaml", "databaseChangeLog:\n  - changeSet: {id: 1, author: [a\n"),
                "master.yaml");
    }

    @Test
    void malformedJsonMasterIsNamed() throws IOException {
        assertChangelogError(new HostileProject().currentMaster("db/changelog/master.json")
                .current("db/changelog/master.json", "{\"databaseChangeLog\": [ {\"changeSet\": {\"id\": \"1\", "),
                "master.json");
    }

    @Test
    void malformedPreviousChangelogInTheJarIsNamed() throws IOException {
        assertChangelogError(new HostileProject().previous(HostileProject.MASTER, "<databaseChangeLog><changeSet"),
                "db.changelog-master.xml");
    }

    @Test
    void formattedSqlChangelogWithBrokenDdlIsAnUnanalyzableChangeAtItsLine() throws IOException {
        var project = new HostileProject()
                .current(HostileProject.MASTER, xml("<include file=\"db/changelog/2.sql\"/>\n"))
                .current("db/changelog/2.sql", "--liquibase formatted sql\n--changeset a:2\nALTER TABLE orders ((( DROP;\n");
        var result = run(project);
        // degrade, never abort: the change the check cannot read is RISKY, located where the changeset is
        assertThat(result.findings()).filteredOn(f -> f.rule().equals("unanalyzable-change")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.RISKY);
                    assertThat(f.changeSet().location()).isEqualTo("db/changelog/2.sql:2");
                    assertThat(f.message()).contains("orders");
                });
    }

    @Test
    void missingIncludeIsNamedEndToEnd() throws IOException {
        assertChangelogError(new HostileProject()
                .current(HostileProject.MASTER, xml("<include file=\"db/changelog/nowhere.xml\"/>\n")), "nowhere.xml");
    }

    @Test
    void includeCycleEndsWithAnError() throws IOException {
        assertChangelogError(new HostileProject()
                .current(HostileProject.MASTER, xml("<include file=\"db/changelog/a.xml\"/>\n"))
                .current("db/changelog/a.xml", xml("<include file=\"db/changelog/b.xml\"/>\n"))
                .current("db/changelog/b.xml", xml("<include file=\"db/changelog/a.xml\"/>\n")), "cycle");
    }

    @Test
    void includeAllOfAMissingFolderIsNamed() throws IOException {
        assertChangelogError(new HostileProject()
                .current(HostileProject.MASTER, xml("<includeAll path=\"db/changelog/missing/\"/>\n")),
                "db.changelog-master.xml");
    }

    @Test
    void externalEntityAndDtdAreNotFetched() throws IOException {
        var body = "<?xml version=\"1.0\"?>\n<!DOCTYPE databaseChangeLog SYSTEM \"http://192.0.2.1/x.dtd\" [\n"
                + "<!ENTITY ext SYSTEM \"http://192.0.2.1/secret\">]>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">&ext;</databaseChangeLog>\n";
        // 192.0.2.1 is TEST-NET: a fetch would hang until the 10 s limit instead of failing fast; the check refuses
        // the changelog, naming it and saying that nothing is fetched
        assertChangelogError(new HostileProject().current(HostileProject.MASTER, body), "db.changelog-master.xml");
        assertThatThrownBy(() -> new RollbackSafetyCheck().run(new HostileProject()
                .current(HostileProject.MASTER, body).write(temp.resolve("again"))))
                .hasMessageContaining("never fetches anything over the network");
    }

    @Test
    void unreachableXsdLocationIsNotFetched() throws IOException {
        var body = HostileProject.VALID_MASTER.replace("http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd",
                "http://192.0.2.1/dbchangelog-custom.xsd");
        var result = run(new HostileProject().current(HostileProject.MASTER, body));
        assertThat(result.coverage().parsed()).isEqualTo(3);
    }

    @Test
    void latin1ChangelogIsReadInItsDeclaredEncoding() throws IOException {
        var text = HostileProject.VALID_MASTER.replace("UTF-8", "ISO-8859-1").replace("author=\"a\"", "author=\"Zoë\"");
        var result = run(new HostileProject().current(HostileProject.MASTER, text.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(result.newChangeSets()).extracting(cs -> cs.author()).containsExactly("Zoë");
    }

    @Test
    void tenMegabyteStatementIsUnparsedNotFatal() throws IOException {
        var huge = "SELECT id FROM orders WHERE note = '" + "x".repeat(10 * 1024 * 1024) + "';\n";
        var result = run(new HostileProject().previous("sql/huge.sql", huge));
        assertThat(result.coverage().parsed()).isEqualTo(3);
        assertThat(result.coverage().unparsed()).singleElement().satisfies(u -> {
            assertThat(u.query().location().toString()).isEqualTo("sql/huge.sql:1");
            assertThat(u.reason()).startsWith("statement too long to parse");
        });
    }

    @Test
    void deeplyNestedExpressionIsUnparsed() throws IOException {
        var nested = "SELECT id FROM orders WHERE " + "(".repeat(3000) + "id = 1" + ")".repeat(3000) + ";\n";
        var result = run(new HostileProject().previous("sql/nested.sql", nested));
        assertThat(result.coverage().unparsed()).anySatisfy(u -> assertThat(u.query().location().file())
                .isEqualTo("sql/nested.sql"));
    }

    @Test
    void longInListIsParsed() throws IOException {
        var in = new StringBuilder("SELECT status FROM orders WHERE id IN (");
        for (int i = 0; i < 20_000; i++) {
            in.append(i == 0 ? "" : ", ").append(i);
        }
        var result = run(new HostileProject().previous("sql/in.sql", in.append(");\n").toString()));
        assertThat(result.coverage().parsed()).isEqualTo(4);
    }

    @Test
    void nonUtf8QueryFileIsReadAsLatin1WithAWarning() throws IOException {
        var latin1 = "SELECT id FROM orders WHERE note = 'crème brûlée';\n".getBytes(StandardCharsets.ISO_8859_1);
        var result = run(new HostileProject().previous("sql/latin1.sql", latin1));
        assertThat(result.coverage().parsed()).isEqualTo(4);
        assertThat(result.coverage().warnings()).containsExactly("sql/latin1.sql: not valid UTF-8, read as ISO-8859-1");
    }

    @Test
    void binaryJunkNamedSqlIsSkippedWithAWarning() throws IOException {
        var junk = new byte[64 * 1024];
        new Random(42).nextBytes(junk);
        var result = run(new HostileProject().previous("sql/junk.sql", junk));
        assertThat(result.coverage().parsed()).isEqualTo(3);
        assertThat(result.coverage().unparsed()).isEmpty();
        assertThat(result.coverage().warnings()).containsExactly("sql/junk.sql: binary content, not read as SQL");
    }

    @Test
    void zipBombEntryIsSkippedWithAWarning() throws IOException {
        var project = new HostileProject();
        var request = project.write(temp);
        // rewrite the jar with a 200 MB entry of spaces that compresses to a few hundred kB
        var jar = temp.resolve("previous.jar");
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(HostileProject.MASTER));
            zip.write(HostileProject.VALID_MASTER.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("sql/queries.sql"));
            zip.write(HostileProject.QUERIES.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("sql/bomb.sql"));
            var spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(jar)).isLessThan(2 * 1024 * 1024);
        var result = assertTimeoutPreemptively(LIMIT, () -> new RollbackSafetyCheck().run(request));
        assertThat(result.coverage().warnings()).anySatisfy(w -> assertThat(w).contains("bomb.sql"));
        assertThat(result.coverage().parsed()).isEqualTo(3);
    }

    @Test
    void dotDotEntriesInThePreviousJarAreAUserErrorNamingTheJarAndWriteNothingOutside() throws IOException {
        // the JDK's zip file system (which Liquibase's accessors use) refuses archives with '..' entries, so the
        // changelog cannot be read at all: a clear error, not a stack trace, and no file extracted anywhere
        assertChangelogError(new HostileProject().previous("../../evil.sql", "DELETE FROM orders;\n")
                .previous("sql/../../also-evil.sql", "DELETE FROM orders;\n"), "previous.jar");
        assertThat(temp.getParent().resolve("evil.sql")).doesNotExist();
        assertThat(temp.getParent().resolve("also-evil.sql")).doesNotExist();
    }
}
