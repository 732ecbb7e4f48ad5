package io.github.rollbacksafety.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rollbacksafety.database.DatabaseSummary;
import io.github.rollbacksafety.database.QueryVerdict;
import io.github.rollbacksafety.engine.Coverage;
import io.github.rollbacksafety.engine.Waiver;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Severity;

import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: the machine-readable report. The fields of DESIGN §6 are a stable contract (names,
 * nesting, order); fields after them ({@code releases}, {@code direction}, {@code coverage},
 * {@code unusedWaivers}, {@code notes}, {@code forwardCoverage}, {@code database}) are additions and never replace a stable one.
 */
public final class JsonReport implements JsonView {

    @Override
    public ObjectNode tree(ReportData data) {
        var meta = data.meta();
        var result = data.result();
        var root = JsonOutput.object();
        var tool = root.putObject("tool");
        tool.put("name", meta.toolName());
        tool.put("version", meta.toolVersion());
        coordinates(root.putObject("project"), meta.project());
        if (meta.baseline().isPresent()) {
            coordinates(root.putObject("baseline"), meta.baseline().get());
        } else {
            root.putNull("baseline");
        }
        root.put("verdict", result.verdict().name());
        var summary = root.putObject("summary");
        summary.put("newChangeSets", result.newChangeSets().size());
        summary.put("queries", result.coverage().found());
        summary.put("unparsedQueries", result.coverage().unparsedCount());
        summary.put("breaking", result.count(Severity.BREAKING));
        summary.put("risky", result.count(Severity.RISKY));
        summary.put("waived", result.waivedCount());
        var findings = root.putArray("findings");
        result.findings().forEach(f -> finding(findings.addObject(), f));
        coverage(root.putObject("coverage"), result.coverage());
        var unused = root.putArray("unusedWaivers");
        result.unusedWaivers().forEach(w -> waiver(unused.addObject(), w));
        var notes = root.putArray("notes");
        result.notes().forEach(notes::add);
        if (result.forwardCoverage().isPresent()) {
            coverage(root.putObject("forwardCoverage"), result.forwardCoverage().get());
        } else {
            root.putNull("forwardCoverage");
        }
        result.database().ifPresent(d -> database(root.putObject("database"), d));
        return root;
    }

    /** The database check: counts, then every statement with the static and the dynamic verdict. */
    private static void database(ObjectNode node, DatabaseSummary d) {
        node.put("database", d.database());
        node.put("release", d.release());
        var counts = node.putObject("summary");
        counts.put("statements", d.queries().size());
        for (var v : QueryVerdict.Verdict.values()) {
            counts.put(v.name().toLowerCase(java.util.Locale.ROOT).replace("_c", "C"), d.count(v));
        }
        counts.put("verifiedOnlyDynamically", d.verifiedOnlyDynamically());
        counts.put("disagreements", d.disagreements().size());
        var queries = node.putArray("queries");
        for (var q : d.queries()) {
            var qn = queries.addObject();
            qn.put("source", FindingText.source(q.query()));
            qn.put("sql", q.query().shortSql(300));
            qn.put("static", q.staticVerdict().name());
            qn.put("dynamic", q.dynamic().verdict().name());
            if (!q.dynamic().sqlState().isEmpty()) {
                qn.put("sqlState", q.dynamic().sqlState());
            }
            if (!q.dynamic().message().isEmpty()) {
                qn.put("message", q.dynamic().message());
            }
            q.disagreement().ifPresent(text -> qn.put("disagreement", text));
        }
    }

    private static void coordinates(ObjectNode node, ReportMeta.Coordinates c) {
        node.put("groupId", c.groupId());
        node.put("artifactId", c.artifactId());
        node.put("version", c.version());
    }

    private static void finding(ObjectNode node, Finding f) {
        node.put("rule", f.rule());
        node.put("severity", f.severity().name());
        node.put("waived", f.waived());
        node.put("waiverReason", f.waiverReason().orElse(null));
        var cs = node.putObject("changeSet");
        cs.put("id", f.changeSet().id());
        cs.put("author", f.changeSet().author());
        cs.put("file", f.changeSet().filePath());
        cs.put("line", f.changeSet().line());
        var object = node.putObject("object");
        object.put("type", f.object().type());
        object.put("table", f.object().table());
        object.put("column", f.object().column().orElse(null));
        node.put("message", f.message());
        node.put("fix", f.fix());
        var queries = node.putArray("queries");
        for (var q : f.queries()) {
            var qn = queries.addObject();
            qn.put("sql", q.sql());
            qn.put("source", FindingText.source(q));
        }
        var releases = node.putArray("releases");
        f.releases().forEach(releases::add);
        node.put("direction", f.direction().id());
    }

    private static void coverage(ObjectNode node, Coverage c) {
        node.put("found", c.found());
        node.put("parsed", c.parsed());
        node.put("unparsed", c.unparsedCount());
        var perSource = node.putArray("sources");
        c.perKind().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            var s = perSource.addObject();
            s.put("kind", e.getKey().name());
            s.put("label", e.getKey().label());
            s.put("found", e.getValue().found());
            s.put("parsed", e.getValue().parsed());
            s.put("unparsed", e.getValue().unparsed());
            var reasons = s.putArray("reasons");
            c.reasons().getOrDefault(e.getKey(), List.of()).forEach(r -> reasons.addObject()
                    .put("reason", r.reason()).put("count", r.count()));
        });
        var tables = node.putObject("tables");
        c.tables().forEach(tables::put);
        var excluded = node.putArray("excluded");
        c.excluded().forEach(x -> excluded.addObject().put("file", x.file()).put("category", x.category())
                .put("statements", x.statements()));
        ArrayNode listed = node.putArray("unparsedQueries");
        for (QueryCollector.Unparsed u : c.unparsed()) {
            var un = listed.addObject();
            un.put("sql", u.query().sql());
            un.put("source", FindingText.source(u.query()));
            un.put("kind", u.query().kind().name());
            un.put("reason", u.reason());
        }
        node.put("unparsedListedMax", Coverage.MAX_LISTED);
        var warnings = node.putArray("warnings");
        c.warnings().forEach(warnings::add);
    }

    private static void waiver(ObjectNode node, Waiver w) {
        node.put("rule", w.rule());
        node.put("changeSet", w.changeSet().orElse(null));
        node.put("object", w.object().orElse(null));
        node.put("reason", w.reason());
    }
}
