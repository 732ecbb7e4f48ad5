package io.github.rollbacksafety.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.maven.doxia.sink.Sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@code report.json} as a site page through Doxia: verdict, summary, findings and what the check could
 * see. It reads the JSON report rather than the engine's objects because the site runs after {@code check}, in its
 * own mojo, and the JSON file is the stable record of what that check decided.
 *
 * <p>Written against Doxia's {@link Sink} alone (not maven-reporting-impl's renderer base class): that library
 * brings the site renderer, Velocity and archivers, some thirty artifacts Maven resolves and scans on every build
 * that runs {@code check}, since a plugin has one class path for all its goals.
 */
final class SiteReportRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Sink sink;
    private final Path reportJson;
    private int section;

    SiteReportRenderer(Sink sink, Path reportJson) {
        this.sink = sink;
        this.reportJson = reportJson;
    }

    String getTitle() {
        return "Rollback safety";
    }

    /** The whole page: head with title, body, then flushes and closes the sink. */
    void render() {
        sink.head();
        sink.title();
        text(getTitle());
        sink.title_();
        sink.head_();
        sink.body();
        renderBody();
        sink.body_();
        sink.flush();
        sink.close();
    }

    private void renderBody() {
        startSection(getTitle());
        if (!Files.isRegularFile(reportJson)) {
            paragraph("No rollback safety report at " + reportJson + ": run rollback-safety:check first (mvn verify"
                    + " runs it), with json among its reportFormats.");
            endSection();
            return;
        }
        JsonNode report;
        try {
            report = MAPPER.readTree(reportJson.toFile());
        } catch (IOException e) {
            paragraph("The rollback safety report " + reportJson + " cannot be read (" + e.getMessage()
                    + "): run rollback-safety:check again.");
            endSection();
            return;
        }
        overview(report);
        summary(report);
        findings(report.path("findings"));
        coverage(report.path("coverage"));
        list("Waivers that matched nothing", report.path("unusedWaivers"), SiteReportRenderer::waiver);
        list("Notes", report.path("notes"), JsonNode::asText);
        paragraph("From " + reportJson.getFileName() + ", written by " + text(report.path("tool"), "name") + " "
                + text(report.path("tool"), "version") + ".");
        endSection();
    }

    private void overview(JsonNode report) {
        var baseline = report.path("baseline");
        var project = coordinates(report.path("project"));
        paragraph("Verdict: " + text(report, "verdict") + ". Project " + project + (baseline.isObject()
                ? ", checked against the previous release " + coordinates(baseline) + "."
                : ": no previous release to check against (first release)."));
    }

    private void summary(JsonNode report) {
        var s = report.path("summary");
        startSection("Summary");
        startTable();
        row("Verdict", text(report, "verdict"));
        row("New changesets", text(s, "newChangeSets"));
        row("Breaking", text(s, "breaking"));
        row("Risky", text(s, "risky"));
        row("Waived", text(s, "waived"));
        row("Queries found / not understood", text(s, "queries") + " / " + text(s, "unparsedQueries"));
        endTable();
        endSection();
    }

    private void findings(JsonNode findings) {
        if (findings.isEmpty()) {
            return;
        }
        startSection("Findings");
        startTable();
        tableHeader(new String[] {"#", "Severity", "Rule", "Changeset", "Object", "Message", "Fix", "Queries"});
        int n = 1;
        for (var f : findings) {
            sink.tableRow();
            cell(String.valueOf(n++));
            cell(text(f, "severity") + (f.path("waived").asBoolean() ? " (waived: " + text(f, "waiverReason") + ")"
                    : ""));
            cell(text(f, "rule") + forwardNote(f));
            cell(changeSet(f.path("changeSet")));
            cell(object(f.path("object")));
            cell(text(f, "message"));
            cell(text(f, "fix"));
            var sources = new ArrayList<String>();
            f.path("queries").forEach(q -> sources.add(text(q, "source")));
            cell(String.join(", ", sources));
            sink.tableRow_();
        }
        endTable();
        queries(findings);
        endSection();
    }

    /** {@code " (new app + old schema)"} for a finding of the forward direction ({@code checkForward}). */
    private static String forwardNote(JsonNode f) {
        return "forward".equals(f.path("direction").asText()) ? " (new app + old schema)" : "";
    }

    /** The SQL of the queries that break, under the table, where a long statement does not stretch a cell. */
    private void queries(JsonNode findings) {
        var any = false;
        int n = 1;
        for (var f : findings) {
            var queries = f.path("queries");
            if (!queries.isEmpty()) {
                if (!any) {
                    startSection("Queries that break");
                    any = true;
                }
                paragraph(n + ". " + text(f, "rule") + " on " + object(f.path("object")) + forwardNote(f) + ", "
                        + ("forward".equals(f.path("direction").asText()) ? "current" : "previous")
                        + "-release queries:");
                for (var q : queries) {
                    paragraph(text(q, "source"));
                    verbatimText(text(q, "sql").strip());
                }
            }
            n++;
        }
        if (any) {
            endSection();
        }
    }

    private void coverage(JsonNode c) {
        startSection("Coverage");
        paragraph("Queries of the previous release: " + text(c, "found") + " found, " + text(c, "parsed")
                + " understood, " + text(c, "unparsed") + " not understood.");
        var unparsed = c.path("unparsedQueries");
        if (!unparsed.isEmpty()) {
            startTable();
            tableHeader(new String[] {"Not understood", "SQL", "Reason"});
            for (var u : unparsed) {
                sink.tableRow();
                cell(text(u, "source"));
                cell(text(u, "sql").strip());
                cell(text(u, "reason"));
                sink.tableRow_();
            }
            endTable();
        }
        bullets(c.path("warnings"), JsonNode::asText);
        endSection();
    }

    private void list(String title, JsonNode items, java.util.function.Function<JsonNode, String> line) {
        if (items.isEmpty()) {
            return;
        }
        startSection(title);
        bullets(items, line);
        endSection();
    }

    private void bullets(JsonNode items, java.util.function.Function<JsonNode, String> line) {
        if (items.isEmpty()) {
            return;
        }
        sink.list();
        for (var item : items) {
            sink.listItem();
            sink.text(line.apply(item));
            sink.listItem_();
        }
        sink.list_();
    }

    private void row(String label, String value) {
        sink.tableRow();
        tableHeaderCell(label);
        cell(value);
        sink.tableRow_();
    }

    /**
     * A plain-text cell: braces in SQL and messages stay text (maven-reporting's {@code tableCell} read
     * {@code {text, url}} as a link pattern).
     */
    private void cell(String value) {
        sink.tableCell();
        sink.text(value);
        sink.tableCell_();
    }

    /** {@code shop:2 at db/changelog/db.changelog-master.xml:12}. */
    private static String changeSet(JsonNode cs) {
        var line = cs.path("line").asInt(0);
        return text(cs, "author") + ":" + text(cs, "id") + " at " + text(cs, "file") + (line > 0 ? ":" + line : "");
    }

    /** {@code table} or {@code table.column}, as findings and waivers name objects. */
    private static String object(JsonNode o) {
        var column = text(o, "column");
        return column.isEmpty() ? text(o, "table") : text(o, "table") + "." + column;
    }

    private static String coordinates(JsonNode c) {
        return String.join(":", List.of(text(c, "groupId"), text(c, "artifactId"), text(c, "version")));
    }

    private static String waiver(JsonNode w) {
        var scope = new ArrayList<String>();
        scope.add(text(w, "rule"));
        if (!text(w, "changeSet").isEmpty()) {
            scope.add("changeSet " + text(w, "changeSet"));
        }
        if (!text(w, "object").isEmpty()) {
            scope.add("object " + text(w, "object"));
        }
        return String.join(", ", scope) + ": " + text(w, "reason");
    }

    private void startSection(String name) {
        section++;
        sink.section(section, null);
        sink.anchor(name);
        sink.anchor_();
        sink.sectionTitle(section, null);
        text(name);
        sink.sectionTitle_(section);
    }

    private void endSection() {
        sink.section_(section);
        section--;
    }

    private void startTable() {
        sink.table();
        sink.tableRows(null, false);
    }

    private void endTable() {
        sink.tableRows_();
        sink.table_();
    }

    private void tableHeader(String[] labels) {
        sink.tableRow();
        for (var label : labels) {
            tableHeaderCell(label);
        }
        sink.tableRow_();
    }

    private void tableHeaderCell(String label) {
        sink.tableHeaderCell();
        text(label);
        sink.tableHeaderCell_();
    }

    private void paragraph(String paragraph) {
        sink.paragraph();
        text(paragraph);
        sink.paragraph_();
    }

    private void verbatimText(String text) {
        sink.verbatim();
        text(text);
        sink.verbatim_();
    }

    /** Text as the site shows it: an empty value as {@code -}. */
    private void text(String text) {
        sink.text(text == null || text.isEmpty() ? "-" : text);
    }

    /** A field as text; empty when absent or null (Jackson would print {@code null}). */
    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
