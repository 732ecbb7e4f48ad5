package io.github.rollbacksafety.report;

import io.github.rollbacksafety.engine.FailOn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    private static List<String> texts(List<ConsoleLine> lines) {
        return lines.stream().map(ConsoleLine::text).toList();
    }

    @Test
    void groupsFindingsUnderTheirChangeset() {
        var lines = texts(new ConsoleReport(false).render(ReportFixtures.data()));

        assertThat(lines).containsSubsequence(
                "changeset shop:5 (db/changelog/db.changelog-master.xml:42)",
                "  [BREAKING] column-dropped orders.legacy_status: Column orders.legacy_status is dropped, but the "
                        + "previous release reads it in 2 queries.",
                "    query sql/queries.sql:1: SELECT id, legacy_status FROM orders WHERE status = ?",
                "    fix: Stop using the column in this release; drop it in the next release, once no running version "
                        + "reads it.",
                "    waive with: <waiver><rule>column-dropped</rule><changeSet>shop:5</changeSet><object>"
                        + "orders.legacy_status</object><reason>TODO: why this is safe</reason></waiver>",
                "changeset shop:6 (db/changelog/changes/002-unique.yaml:3)");
    }

    @Test
    void endsWithAOneLineVerdict() {
        var lines = new ConsoleReport(false).render(ReportFixtures.data());

        var last = lines.get(lines.size() - 1);
        assertThat(last.level()).isEqualTo(ConsoleLine.Level.ERROR);
        assertThat(last.text()).isEqualTo(
                "Rollback safety: FAIL - 1 breaking, 1 risky, 1 waived; 3 new changesets checked against 1.0.0");
    }

    @Test
    void levelsFollowWhatFailsTheBuild() {
        var lines = new ConsoleReport(false).render(ReportFixtures.data());

        assertThat(lines).contains(new ConsoleLine(ConsoleLine.Level.WARN,
                "changeset shop:6 (db/changelog/changes/002-unique.yaml:3)"));
        assertThat(lines).contains(new ConsoleLine(ConsoleLine.Level.INFO,
                "    waived: audit_log is written only by the retired nightly job"));
        assertThat(lines).filteredOn(l -> l.text().startsWith("Unused waiver"))
                .singleElement().extracting(ConsoleLine::level).isEqualTo(ConsoleLine.Level.WARN);

        var f = ReportFixtures.data();
        var risky = new ConsoleReport(false).render(new ReportData(f.meta(), f.result(), f.rules(), FailOn.RISKY));
        assertThat(risky).contains(new ConsoleLine(ConsoleLine.Level.ERROR,
                "changeset shop:6 (db/changelog/changes/002-unique.yaml:3)"));
    }

    @Test
    void waivedFindingsDoNotOfferAWaiver() {
        var lines = texts(new ConsoleReport(false).render(ReportFixtures.data()));

        assertThat(lines).noneMatch(l -> l.contains("waive with:") && l.contains("table-dropped"));
        assertThat(lines).contains("  [WAIVED BREAKING] table-dropped audit_log: Table audit_log is dropped, but the "
                + "previous release writes it.");
    }

    @Test
    void colourIsOptional() {
        var plain = texts(new ConsoleReport(false).render(ReportFixtures.data()));
        var coloured = texts(new ConsoleReport(true).render(ReportFixtures.data()));

        assertThat(String.join("\n", plain)).doesNotContain("\u001B[");
        assertThat(coloured.get(coloured.size() - 1)).startsWith("\u001B[1;31mRollback safety: FAIL\u001B[0m");
        assertThat(coloured.stream().map(s -> s.replaceAll("\u001B\\[[0-9;]*m", "")).toList()).isEqualTo(plain);
    }

    @Test
    void firstReleasePassesWithOneLineVerdict() {
        var lines = new ConsoleReport(false).render(ReportFixtures.firstRelease());

        var last = lines.get(lines.size() - 1);
        assertThat(last.level()).isEqualTo(ConsoleLine.Level.INFO);
        assertThat(last.text()).isEqualTo("Rollback safety: PASS - 0 breaking, 0 risky, 0 waived; 2 new changesets; "
                + "no previous release to check against");
    }
}
