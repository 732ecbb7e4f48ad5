package io.github.rollbacksafety.maven;

import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The site page through a real Doxia XHTML5 sink, from a report.json fixture. */
class SiteReportRendererTest {

    private static String render(Path reportJson) {
        var out = new StringWriter();
        new SiteReportRenderer(new Xhtml5BaseSink(out), reportJson).render();
        return out.toString();
    }

    @Test
    void showsVerdictSummaryAndFindingsOfReportJson() {
        var html = render(Path.of("src/test/resources/site/report.json"));

        assertThat(html).contains("<h1>Rollback safety</h1>")
                .contains("Verdict: FAIL")
                .contains("checked against the previous release com.example:shop:1.0.0")
                .contains("<td>column-dropped</td>")
                .contains("<td>shop:2 at db/changelog/db.changelog-master.xml:17</td>")
                .contains("<td>orders.legacy_status</td>")
                .contains("<td>sql/queries.sql:2</td>")
                .contains("<pre>SELECT id, legacy_status FROM orders WHERE id = ?</pre>")
                .contains("sql/queries.sql:5")
                .contains("sql/missing.sql matched no file")
                .contains("table-dropped, object customers: gone for good");
    }

    @Test
    void marksFindingsOfTheForwardDirection(@TempDir Path dir) throws Exception {
        var json = dir.resolve("report.json");
        var report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("src/test/resources/site/report.json").toFile());
        var first = (com.fasterxml.jackson.databind.node.ObjectNode) report.path("findings").get(0);
        first.put("rule", "needs-new-schema").put("direction", "forward");
        java.nio.file.Files.writeString(json, report.toString());

        assertThat(render(json)).contains("<td>needs-new-schema (new app + old schema)</td>")
                .contains("needs-new-schema on orders.legacy_status (new app + old schema), current-release queries:");
        assertThat(render(Path.of("src/test/resources/site/report.json"))).doesNotContain("new app + old schema")
                .contains("column-dropped on orders.legacy_status, previous-release queries:");
    }

    @Test
    void keepsBracesInFindingTextInsteadOfReadingThemAsLinks() {
        var html = render(Path.of("src/test/resources/site/report.json"));

        assertThat(html).contains("drop it in a later release {once unused, later}.");
    }

    @Test
    void saysToRunCheckFirstWhenThereIsNoReport(@TempDir Path dir) {
        var html = render(dir.resolve("report.json"));

        assertThat(html).contains("run rollback-safety:check first").doesNotContain("Verdict");
    }

    @Test
    void saysTheReportIsUnreadableWhenItIsNotJson(@TempDir Path dir) throws Exception {
        var broken = Files.writeString(dir.resolve("report.json"), "{\"verdict\": ");

        assertThat(render(broken)).contains("cannot be read").contains("run rollback-safety:check again");
    }

    @Test
    void namesAFirstReleaseWithoutBaseline(@TempDir Path dir) throws Exception {
        var json = Files.writeString(dir.resolve("report.json"), """
                {"tool": {"name": "t", "version": "1"},
                 "project": {"groupId": "g", "artifactId": "a", "version": "1.0.0"},
                 "baseline": null, "verdict": "PASS",
                 "summary": {"newChangeSets": 3, "queries": 0, "unparsedQueries": 0, "breaking": 0, "risky": 0,
                             "waived": 0},
                 "findings": [], "coverage": {"found": 0, "parsed": 0, "unparsed": 0}, "unusedWaivers": [],
                 "notes": ["first release"]}
                """);

        assertThat(render(json)).contains("no previous release to check against (first release)")
                .doesNotContain("Findings").contains("first release");
    }
}
