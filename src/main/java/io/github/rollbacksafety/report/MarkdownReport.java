package io.github.rollbacksafety.report;

import io.github.rollbacksafety.engine.Waiver;
import io.github.rollbacksafety.rules.Finding;

import static io.github.rollbacksafety.report.Escaping.markdown;
import static io.github.rollbacksafety.report.Escaping.markdownBlock;
import static io.github.rollbacksafety.report.Escaping.markdownCell;
import static io.github.rollbacksafety.report.Escaping.markdownCode;

/**
 * {@code report.md}: a pull-request comment. A verdict heading, the counts, a table of findings, then one section
 * per finding with what breaks, the queries, the fix and the waiver to paste. Long lists fold into
 * {@code <details>} so the comment stays short.
 */
public final class MarkdownReport implements ReportView {

    /** Findings listed in the open table before it folds. */
    static final int TABLE_OPEN_ROWS = 10;

    @Override
    public String render(ReportData data) {
        var result = data.result();
        var md = new StringBuilder();
        md.append("### Rollback safety: ").append(result.verdict().name()).append("\n\n");
        if (result.baselines().isEmpty()) {
            md.append("No previous release to check against (first release): ")
                    .append(plural(result.newChangeSets().size(), "changeset")).append(" accepted as they are.\n\n");
        } else {
            md.append("Baseline: ").append(markdownCode(data.baselineLabel()));
            if (result.baselines().size() > 1) {
                md.append(" (rollback window: ").append(markdown(data.baselineVersions())).append(')');
            }
            md.append("  \n");
            md.append("**").append(FindingText.counts(data)).append("**; ")
                    .append(markdown(FindingText.scope(data))).append(".  \n");
            md.append(markdown(FindingText.coverage(result.coverage()))).append(".");
            result.forwardCoverage().ifPresent(forward -> md.append("  \n")
                    .append(markdown(FindingText.forwardCoverage(forward))).append('.'));
            md.append("\n\n");
        }

        if (!result.findings().isEmpty()) {
            table(md, data);
            int n = 1;
            for (var f : result.findings()) {
                section(md, f, n++, data);
            }
        }
        database(md, data);
        unparsed(md, data);
        unusedWaivers(md, data);
        notes(md, data);
        md.append("<sub>").append(markdown(data.meta().toolName())).append(' ')
                .append(markdown(data.meta().toolVersion())).append("</sub>\n");
        return md.toString();
    }

    private static void table(StringBuilder md, ReportData data) {
        var findings = data.result().findings();
        var header = "| # | Severity | Rule | Changeset | Object | First query |\n|---|---|---|---|---|---|\n";
        md.append(header);
        for (int i = 0; i < findings.size(); i++) {
            if (i == TABLE_OPEN_ROWS) {
                md.append("\n<details><summary>").append(findings.size() - TABLE_OPEN_ROWS)
                        .append(" more findings</summary>\n\n").append(header);
            }
            var f = findings.get(i);
            md.append("| ").append(i + 1)
                    .append(" | ").append(severity(f))
                    .append(" | ").append(markdownCell(f.rule())).append(markdown(FindingText.directionNote(f)))
                    .append(" | ").append(markdownCell(FindingText.changeSetLocation(f)))
                    .append(" | ").append(markdownCell(FindingText.object(f)))
                    .append(" | ").append(markdownCell(FindingText.firstQuerySource(f)))
                    .append(" |\n");
        }
        if (findings.size() > TABLE_OPEN_ROWS) {
            md.append("\n</details>\n");
        }
        md.append('\n');
    }

    private static String severity(Finding f) {
        return f.waived() ? f.severity().name() + " (waived)" : "**" + f.severity().name() + "**";
    }

    private static void section(StringBuilder md, Finding f, int n, ReportData data) {
        md.append("#### ").append(n).append(". ").append(f.severity().name()).append(' ')
                .append(markdownCode(f.rule())).append(" on ").append(markdownCode(FindingText.object(f)))
                .append(markdown(FindingText.directionNote(f))).append("\n\n");
        md.append("Changeset ").append(markdownCode(f.changeSet().displayId())).append(" at ")
                .append(markdownCode(FindingText.changeSetLocation(f)));
        if (!f.releases().isEmpty() && data.result().baselines().size() > 1) {
            md.append("; breaks ").append(markdown(String.join(", ", f.releases())));
        }
        md.append(".\n\n");
        md.append(markdown(f.message())).append("\n\n");
        if (!f.queries().isEmpty()) {
            var queries = f.queries();
            boolean fold = queries.size() > 2;
            if (fold) {
                md.append("<details><summary>").append(plural(queries.size(), f.direction().queryOwner() + " query"))
                        .append(" that break").append(queries.size() == 1 ? "s" : "").append("</summary>\n\n");
            } else {
                md.append(FindingText.queryOwner(f)).append(' ').append(queries.size() == 1 ? "query" : "queries")
                        .append(" that break").append(queries.size() == 1 ? "s" : "").append(":\n\n");
            }
            int shown = Math.min(queries.size(), FindingText.MAX_QUERIES_SHOWN);
            for (int i = 0; i < shown; i++) {
                var q = queries.get(i);
                md.append(markdownCode(FindingText.source(q))).append("\n\n");
                md.append(markdownBlock("sql", q.sql())).append('\n');
            }
            if (queries.size() > shown) {
                md.append("... and ").append(queries.size() - shown).append(" more (see report.json).\n\n");
            }
            if (fold) {
                md.append("</details>\n\n");
            }
        }
        if (!f.fix().isBlank()) {
            md.append("**Fix:** ").append(markdown(f.fix())).append("\n\n");
        }
        if (f.waived()) {
            md.append("Waived: ").append(markdown(f.waiverReason().orElse(""))).append("\n\n");
        } else {
            md.append("<details><summary>Waive this finding</summary>\n\n")
                    .append(markdownBlock("xml", Waiver.xmlFor(f)))
                    .append("\n</details>\n\n");
        }
    }

    /** The database check's counts, and its disagreements with the static check, which are worth a look. */
    private static void database(StringBuilder md, ReportData data) {
        var database = data.result().database();
        if (database.isEmpty()) {
            return;
        }
        var d = database.get();
        md.append(markdown(FindingText.database(d))).append(".\n\n");
        var disagreements = d.disagreements();
        if (disagreements.isEmpty()) {
            return;
        }
        md.append("<details><summary>").append(plural(disagreements.size(), "disagreement"))
                .append(" between the static check and the database</summary>\n\n")
                .append("| Query | Static | Database | Why |\n|---|---|---|---|\n");
        for (var q : disagreements.subList(0, Math.min(50, disagreements.size()))) {
            md.append("| ").append(markdownCell(FindingText.source(q.query())))
                    .append(" | ").append(q.staticVerdict().name())
                    .append(" | ").append(q.dynamic().verdict().name())
                    .append(" | ").append(markdownCell(q.disagreement().orElse(""))).append(" |\n");
        }
        md.append("\n</details>\n\n");
    }

    private static void unparsed(StringBuilder md, ReportData data) {
        var coverage = data.result().coverage();
        if (coverage.unparsed().isEmpty() && coverage.warnings().isEmpty()) {
            return;
        }
        md.append("<details><summary>").append(plural(coverage.unparsedCount(), "query"))
                .append(" not understood");
        if (!coverage.warnings().isEmpty()) {
            md.append(", ").append(plural(coverage.warnings().size(), "warning"));
        }
        md.append("</summary>\n\n");
        for (var u : coverage.unparsed()) {
            md.append("- ").append(markdownCode(FindingText.source(u.query()))).append(": ")
                    .append(markdownCode(u.query().shortSql(120))).append(" (").append(markdown(u.reason()))
                    .append(")\n");
        }
        if (coverage.unparsedCount() > coverage.unparsed().size()) {
            md.append("- ... and ").append(coverage.unparsedCount() - coverage.unparsed().size()).append(" more\n");
        }
        for (var w : coverage.warnings()) {
            md.append("- ").append(markdown(w)).append('\n');
        }
        md.append("\n</details>\n\n");
    }

    private static void unusedWaivers(StringBuilder md, ReportData data) {
        var unused = data.result().unusedWaivers();
        if (unused.isEmpty()) {
            return;
        }
        md.append("<details><summary>").append(plural(unused.size(), "waiver"))
                .append(" matched nothing</summary>\n\n");
        for (var w : unused) {
            md.append("- ").append(markdownCode(w.toString())).append(": ").append(markdown(w.reason())).append('\n');
        }
        md.append("\n</details>\n\n");
    }

    private static void notes(StringBuilder md, ReportData data) {
        var notes = data.result().notes();
        if (notes.isEmpty()) {
            return;
        }
        md.append("<details><summary>").append(plural(notes.size(), "note")).append("</summary>\n\n");
        for (var n : notes) {
            md.append("- ").append(markdown(n)).append('\n');
        }
        md.append("\n</details>\n\n");
    }

    static String plural(int n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("query") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
