package io.github.rollbacksafety.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void isOneSelfContainedPage() {
        var html = new HtmlReport().render(ReportFixtures.data());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContain("http://").doesNotContain("@import");
    }

    @Test
    void showsVerdictSummaryFindingsAndDetails() {
        var html = new HtmlReport().render(ReportFixtures.data());

        assertThat(html).contains("<span class=\"verdict FAIL\">FAIL</span>")
                .contains("<tr><th scope=\"row\">Breaking</th><td>1</td></tr>")
                .contains("id=\"finding-3\"")
                .contains("Waived: audit_log is written only by the retired nightly job")
                .contains("&lt;waiver&gt;&lt;rule&gt;column-dropped&lt;/rule&gt;");
    }

    @Test
    void escapesEverythingFromTheCheck() {
        var html = new HtmlReport().render(ReportFixtures.hostile());

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>c</b>").doesNotContain("<file>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("x &lt; 5 AND y &amp; 1 = 1 AND `name` = &#39;a|b&#39;")
                .doesNotContain("\u0007");
    }

    @Test
    void firstReleaseSaysSo() {
        var html = new HtmlReport().render(ReportFixtures.firstRelease());

        assertThat(html).contains("verdict PASS").contains("first release").doesNotContain("<h2>Findings</h2>");
    }
}
