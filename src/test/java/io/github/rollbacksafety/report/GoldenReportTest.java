package io.github.rollbacksafety.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format rendered from the fixed {@link ReportFixtures#data()} and compared with the reviewed files under
 * {@code src/test/resources/report/golden/}. After an intended change of a format, regenerate them with
 * {@code ./mvnw -q -B test -Dtest=GoldenReportTest -Dreport.golden.update=true} and review the diff like code.
 */
class GoldenReportTest {

    private static final Path GOLDEN = Path.of("src/test/resources/report/golden");
    private static final boolean UPDATE = Boolean.getBoolean("report.golden.update");

    @Test
    void jsonMatchesGolden() throws IOException {
        assertGolden("report.json", new JsonReport().render(ReportFixtures.data()));
    }

    @Test
    void sarifMatchesGolden() throws IOException {
        assertGolden("report.sarif", new SarifReport().render(ReportFixtures.data()));
    }

    @Test
    void markdownMatchesGolden() throws IOException {
        assertGolden("report.md", new MarkdownReport().render(ReportFixtures.data()));
    }

    @Test
    void junitMatchesGolden() throws IOException {
        assertGolden("TEST-rollback-safety.xml", new JUnitReport().render(ReportFixtures.data()));
    }

    @Test
    void htmlMatchesGolden() throws IOException {
        assertGolden("report.html", new HtmlReport().render(ReportFixtures.data()));
    }

    @Test
    void consoleMatchesGolden() throws IOException {
        var text = new ConsoleReport(false).render(ReportFixtures.data()).stream()
                .map(l -> l.level() + " " + l.text()).collect(Collectors.joining("\n", "", "\n"));
        assertGolden("console.txt", text);
    }

    @Test
    void firstReleaseJsonMatchesGolden() throws IOException {
        assertGolden("first-release.json", new JsonReport().render(ReportFixtures.firstRelease()));
    }

    @Test
    void forwardJsonMatchesGolden() throws IOException {
        assertGolden("forward.json", new JsonReport().render(ReportFixtures.forward()));
    }

    @Test
    void forwardSarifMatchesGolden() throws IOException {
        assertGolden("forward.sarif", new SarifReport().render(ReportFixtures.forward()));
    }

    @Test
    void forwardMarkdownMatchesGolden() throws IOException {
        assertGolden("forward.md", new MarkdownReport().render(ReportFixtures.forward()));
    }

    @Test
    void forwardJunitMatchesGolden() throws IOException {
        assertGolden("forward-TEST-rollback-safety.xml", new JUnitReport().render(ReportFixtures.forward()));
    }

    @Test
    void forwardHtmlMatchesGolden() throws IOException {
        assertGolden("forward.html", new HtmlReport().render(ReportFixtures.forward()));
    }

    @Test
    void forwardConsoleMatchesGolden() throws IOException {
        var text = new ConsoleReport(false).render(ReportFixtures.forward()).stream()
                .map(l -> l.level() + " " + l.text()).collect(Collectors.joining("\n", "", "\n"));
        assertGolden("forward-console.txt", text);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        var file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (generate with -Dreport.golden.update=true)", file).exists();
        var expected = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(normalise(actual)).isEqualTo(normalise(expected));
    }

    /** Line ends and trailing blanks are not part of the formats (git may check files out with CRLF). */
    private static String normalise(String s) {
        return s.replace("\r\n", "\n").lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n")).strip();
    }
}
