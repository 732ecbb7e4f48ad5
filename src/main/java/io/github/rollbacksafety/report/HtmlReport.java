package io.github.rollbacksafety.report;

import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.engine.Waiver;
import io.github.rollbacksafety.rules.Finding;

import static io.github.rollbacksafety.report.Escaping.html;

/**
 * {@code report.html}: one self-contained page (inline CSS, no scripts, no external assets) for people who open
 * the build's artifacts. Every piece of text from the check is HTML-escaped.
 */
public final class HtmlReport implements ReportView {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;\
            padding:0 1rem;color:#1f2328;line-height:1.45}
            h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem;margin-top:1.5rem}
            .verdict{display:inline-block;padding:.15rem .6rem;border-radius:.3rem;color:#fff;font-weight:600}
            .PASS{background:#1a7f37}.FAIL{background:#cf222e}
            table{border-collapse:collapse;width:100%;margin:1rem 0}
            th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            .BREAKING{color:#cf222e;font-weight:600}.RISKY{color:#9a6700;font-weight:600}.waived{color:#656d76}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
            pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
            .finding{border-left:4px solid #d0d7de;padding-left:1rem;margin:1.5rem 0}
            .finding.BREAKING{border-color:#cf222e}.finding.RISKY{border-color:#d4a72c}
            footer{margin-top:3rem;color:#656d76;font-size:.85rem}
            """;

    @Override
    public String render(ReportData data) {
        var result = data.result();
        var meta = data.meta();
        var h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Rollback safety: ").append(result.verdict().name()).append(" - ")
                .append(html(meta.project().toString())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Rollback safety <span class=\"verdict ").append(result.verdict().name()).append("\">")
                .append(result.verdict().name()).append("</span></h1>\n");
        h.append("<p>Project <code>").append(html(meta.project().toString())).append("</code>; ");
        if (result.baselines().isEmpty()) {
            h.append("no previous release to check against (first release).</p>\n");
        } else {
            h.append("baseline <code>").append(html(data.baselineLabel())).append("</code>")
                    .append(result.baselines().size() > 1
                            ? " (rollback window: " + html(data.baselineVersions()) + ")" : "")
                    .append(".</p>\n");
        }
        summary(h, data);
        if (!result.findings().isEmpty()) {
            table(h, data);
            h.append("<h2>Details</h2>\n");
            int n = 1;
            for (var f : result.findings()) {
                finding(h, f, n++, data);
            }
        }
        coverage(h, data);
        lists(h, data);
        h.append("<footer>").append(html(meta.toolName())).append(' ').append(html(meta.toolVersion()))
                .append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, ReportData data) {
        var r = data.result();
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n<tbody>\n");
        row(h, "Verdict", r.verdict() == Verdict.FAIL ? "FAIL (fails on " + data.failOn().name() + ")" : "PASS");
        row(h, "New changesets", String.valueOf(r.newChangeSets().size()));
        row(h, "Breaking", String.valueOf(r.count(io.github.rollbacksafety.rules.Severity.BREAKING)));
        row(h, "Risky", String.valueOf(r.count(io.github.rollbacksafety.rules.Severity.RISKY)));
        row(h, "Waived", String.valueOf(r.waivedCount()));
        row(h, "Queries found / understood", r.coverage().found() + " / " + r.coverage().parsed());
        h.append("</tbody>\n</table>\n");
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th scope=\"row\">").append(html(label)).append("</th><td>").append(html(value))
                .append("</td></tr>\n");
    }

    private static void table(StringBuilder h, ReportData data) {
        h.append("<h2>Findings</h2>\n<table class=\"findings\">\n<thead><tr><th>#</th><th>Severity</th>")
                .append("<th>Rule</th><th>Changeset</th><th>Object</th><th>First query</th></tr></thead>\n<tbody>\n");
        int n = 1;
        for (var f : data.result().findings()) {
            h.append("<tr><td><a href=\"#finding-").append(n).append("\">").append(n).append("</a></td>")
                    .append("<td class=\"").append(f.waived() ? "waived" : f.severity().name()).append("\">")
                    .append(f.severity().name()).append(f.waived() ? " (waived)" : "").append("</td>")
                    .append("<td><code>").append(html(f.rule())).append("</code>")
                    .append(html(FindingText.directionNote(f))).append("</td>")
                    .append("<td><code>").append(html(FindingText.changeSetLocation(f))).append("</code></td>")
                    .append("<td><code>").append(html(FindingText.object(f))).append("</code></td>")
                    .append("<td><code>").append(html(FindingText.firstQuerySource(f))).append("</code></td></tr>\n");
            n++;
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void finding(StringBuilder h, Finding f, int n, ReportData data) {
        h.append("<section class=\"finding ").append(f.waived() ? "waived" : f.severity().name())
                .append("\" id=\"finding-").append(n).append("\">\n");
        h.append("<h3>").append(n).append(". ").append(f.severity().name()).append(" <code>").append(html(f.rule()))
                .append("</code> on <code>").append(html(FindingText.object(f))).append("</code>")
                .append(html(FindingText.directionNote(f))).append("</h3>\n");
        h.append("<p>Changeset <code>").append(html(f.changeSet().displayId())).append("</code> at <code>")
                .append(html(FindingText.changeSetLocation(f))).append("</code>");
        if (data.result().baselines().size() > 1 && !f.releases().isEmpty()) {
            h.append("; breaks ").append(html(String.join(", ", f.releases())));
        }
        h.append(".</p>\n<p>").append(html(f.message())).append("</p>\n");
        if (!f.queries().isEmpty()) {
            h.append("<p>").append(FindingText.queryOwner(f)).append(" queries that break:</p>\n");
            for (var q : f.queries()) {
                h.append("<p><code>").append(html(FindingText.source(q))).append("</code></p>\n<pre><code>")
                        .append(html(q.sql().strip())).append("</code></pre>\n");
            }
        }
        if (!f.fix().isBlank()) {
            h.append("<p><strong>Fix:</strong> ").append(html(f.fix())).append("</p>\n");
        }
        if (f.waived()) {
            h.append("<p class=\"waived\">Waived: ").append(html(f.waiverReason().orElse(""))).append("</p>\n");
        } else {
            h.append("<details><summary>Waive this finding</summary>\n<pre><code>")
                    .append(html(Waiver.xmlFor(f))).append("</code></pre>\n</details>\n");
        }
        h.append("</section>\n");
    }

    private static void coverage(StringBuilder h, ReportData data) {
        var c = data.result().coverage();
        h.append("<h2>Coverage</h2>\n<p>").append(html(FindingText.coverage(c))).append(".</p>\n");
        data.result().forwardCoverage().ifPresent(forward -> h.append("<p>")
                .append(html(FindingText.forwardCoverage(forward))).append(".</p>\n"));
        if (!c.unparsed().isEmpty()) {
            h.append("<details><summary>Not understood (").append(c.unparsedCount()).append(")</summary>\n<ul>\n");
            for (var u : c.unparsed()) {
                h.append("<li><code>").append(html(FindingText.source(u.query()))).append("</code>: <code>")
                        .append(html(u.query().shortSql(200))).append("</code> (").append(html(u.reason()))
                        .append(")</li>\n");
            }
            h.append("</ul>\n</details>\n");
        }
        if (!c.warnings().isEmpty()) {
            h.append("<ul>\n");
            c.warnings().forEach(w -> h.append("<li>").append(html(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
    }

    private static void lists(StringBuilder h, ReportData data) {
        var r = data.result();
        if (!r.unusedWaivers().isEmpty()) {
            h.append("<h2>Waivers that matched nothing</h2>\n<ul>\n");
            for (var w : r.unusedWaivers()) {
                h.append("<li><code>").append(html(w.toString())).append("</code>: ").append(html(w.reason()))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            r.notes().forEach(n -> h.append("<li>").append(html(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
    }
}
