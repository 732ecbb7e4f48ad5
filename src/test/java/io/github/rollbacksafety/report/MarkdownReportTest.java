package io.github.rollbacksafety.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    private final MarkdownReport report = new MarkdownReport();

    @Test
    void startsWithTheVerdictBaselineAndCounts() {
        var md = report.render(ReportFixtures.data());

        assertThat(md).startsWith("### Rollback safety: FAIL\n");
        assertThat(md).contains("Baseline: `io.github.shop:shop-app:1.0.0`")
                .contains("**1 breaking, 1 risky, 1 waived**");
    }

    @Test
    void offersTheWaiverXmlOnlyForUnwaivedFindings() {
        var md = report.render(ReportFixtures.data());

        assertThat(md).contains("<waiver><rule>column-dropped</rule><changeSet>shop:5</changeSet>");
        assertThat(md).doesNotContain("<rule>table-dropped</rule>");
        assertThat(md).contains("Waived: audit\\_log is written only by the retired nightly job");
    }

    @Test
    void tableRowsKeepTheirColumnsWhatEverTheTextHolds() {
        var md = report.render(ReportFixtures.hostile());

        var row = md.lines().filter(l -> l.startsWith("| 1 |")).findFirst().orElseThrow();
        // six cells: seven pipes that are not escaped
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(7);
        assertThat(row).contains("we ird\\|<file>.xml:9");
    }

    @Test
    void codeFencesOutgrowBackticksInTheQuery() {
        var md = report.render(ReportFixtures.hostile());

        // the query holds a run of three backticks, so its block is fenced with four
        assertThat(md).contains("````sql\nSELECT a FROM t WHERE x < 5 AND y & 1 = 1 AND `name` = 'a|b' -- ```");
        assertThat(md).contains("\n````\n");
    }

    @Test
    void proseIsEscapedSoHtmlAndMarkupShowAsText() {
        var md = report.render(ReportFixtures.hostile());

        assertThat(md).contains("Drops &lt;b&gt;c&lt;/b&gt; &amp; breaks \\`SELECT\\` \\| pipes \\*here\\* \\[link\\](x)");
        assertThat(md).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void firstReleaseSaysThereIsNothingToCheckAgainst() {
        var md = report.render(ReportFixtures.firstRelease());

        assertThat(md).startsWith("### Rollback safety: PASS\n").contains("first release").doesNotContain("| # |");
    }
}
