package io.github.rollbacksafety.report;

import io.github.rollbacksafety.Sha256;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.rules.Direction;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Rule;
import io.github.rollbacksafety.rules.Severity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * {@code report.sarif}: SARIF 2.1.0 for code-scanning UIs. Each result points at the changeset's file and line
 * (repository-relative, under {@code %SRCROOT%} when the repository root is known); the previous release's
 * queries are related locations; waived findings are kept as {@code note}s with an accepted suppression.
 */
public final class SarifReport implements JsonView {

    static final String SCHEMA_URI = 
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    /** Key of the fingerprint in {@code partialFingerprints}; bump the suffix if what it hashes ever changes. */
    static final String FINGERPRINT_KEY = "rollbackSafetyFinding/v1";
    static final String HELP_URI_BASE =
            "https://github.com/rollbacksafety/rollback-safety-maven-plugin/blob/main/docs/rules/";

    @Override
    public ObjectNode tree(ReportData data) {
        var meta = data.meta();
        var root = JsonOutput.object();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        var run = root.putArray("runs").addObject();
        var driver = run.putObject("tool").putObject("driver");
        driver.put("name", meta.toolName());
        driver.put("version", meta.toolVersion());
        driver.put("informationUri", ReportMeta.INFORMATION_URI);

        var descriptors = descriptors(data);
        var rulesNode = driver.putArray("rules");
        var ruleIndex = new HashMap<String, Integer>();
        for (var d : descriptors) {
            ruleIndex.put(d.id(), ruleIndex.size());
            rule(rulesNode.addObject(), d);
        }

        meta.repositoryRoot().ifPresent(root1 -> run.putObject("originalUriBaseIds").putObject(SRCROOT)
                .put("uri", directoryUri(root1.toAbsolutePath().normalize().toUri())));

        var results = run.putArray("results");
        for (var f : data.result().findings()) {
            result(results.addObject(), f, ruleIndex.get(f.rule()), data);
        }
        run.put("columnKind", "utf16CodeUnits");
        var props = run.putObject("properties");
        props.put("verdict", data.result().verdict().name());
        props.put("baseline", meta.baseline().map(ReportMeta.Coordinates::toString).orElse(null));
        return root;
    }

    /** A rule as SARIF describes it; rules that fired but are not in the catalogue are appended. */
    private record Descriptor(String id, Severity severity, String summary, Direction direction) {
    }

    private static List<Descriptor> descriptors(ReportData data) {
        var list = new ArrayList<Descriptor>();
        var known = new HashMap<String, Boolean>();
        for (Rule r : data.rules()) {
            if (known.putIfAbsent(r.id(), true) == null) {
                list.add(new Descriptor(r.id(), r.severity(), r.summary(), r.direction()));
            }
        }
        for (var f : data.result().findings()) {
            if (known.putIfAbsent(f.rule(), true) == null) {
                list.add(new Descriptor(f.rule(), f.severity(), f.rule(), f.direction()));
            }
        }
        return list;
    }

    private static void rule(ObjectNode node, Descriptor d) {
        node.put("id", d.id());
        node.put("name", d.id());
        node.putObject("shortDescription").put("text", d.summary());
        node.putObject("fullDescription").put("text", d.summary());
        node.putObject("defaultConfiguration").put("level", level(d.severity()));
        node.put("helpUri", HELP_URI_BASE + d.id() + ".md");
        var props = node.putObject("properties");
        props.put("severity", d.severity().name());
        props.put("direction", d.direction().id());
        props.putArray("tags").add("rollback-safety").add(d.severity().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String level(Severity severity) {
        return severity == Severity.BREAKING ? "error" : "warning";
    }

    private static void result(ObjectNode node, Finding f, int ruleIndex, ReportData data) {
        node.put("ruleId", f.rule());
        node.put("ruleIndex", ruleIndex);
        node.put("level", f.waived() ? "note" : level(f.severity()));
        node.putObject("message").put("text", (f.direction() == Direction.FORWARD ? "[" + f.direction().pairing()
                + "] " : "") + f.message() + (f.fix().isBlank() ? "" : "\nFix: " + f.fix()));

        var physical = node.putArray("locations").addObject().putObject("physicalLocation");
        var artifact = physical.putObject("artifactLocation");
        artifact.put("uri", uriReference(data.meta().changelogPath(f.changeSet().filePath())));
        if (data.meta().repositoryRoot().isPresent()) {
            artifact.put("uriBaseId", SRCROOT);
        }
        if (f.changeSet().line() > 0) {
            physical.putObject("region").put("startLine", f.changeSet().line());
        }

        if (!f.queries().isEmpty()) {
            var related = node.putArray("relatedLocations");
            int id = 0;
            for (Query q : f.queries()) {
                related(related.addObject(), q, id++, FindingText.queryOwner(f));
            }
        }

        node.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f));
        if (f.waived()) {
            var suppression = node.putArray("suppressions").addObject();
            suppression.put("kind", "external");
            suppression.put("status", "accepted");
            suppression.put("justification", f.waiverReason().orElse(""));
        }
        var props = node.putObject("properties");
        props.put("severity", f.severity().name());
        props.put("changeSet", f.changeSet().displayId());
        props.put("objectType", f.object().type());
        props.put("object", f.object().display());
        props.put("fix", f.fix());
        var releases = props.putArray("releases");
        f.releases().forEach(releases::add);
        props.put("direction", f.direction().id());
    }

    private static void related(ObjectNode node, Query q, int id, String owner) {
        node.put("id", id);
        var loc = q.location();
        if (!loc.file().isBlank()) {
            var physical = node.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uriReference(loc.file()));
            if (loc.line() > 0) {
                physical.putObject("region").put("startLine", loc.line());
            }
        }
        if (!loc.member().isEmpty()) {
            node.putArray("logicalLocations").addObject().put("fullyQualifiedName", loc.member());
        }
        node.putObject("message").put("text", owner + " query (" + FindingText.source(q) + "): "
                + q.shortSql(200));
    }

    /**
     * Identity of a finding across runs: rule, changeset identity and object. Line numbers and messages are left
     * out on purpose, so editing the changelog above a changeset or rewording a message keeps the alert the same.
     */
    static String fingerprint(Finding f) {
        var identity = f.rule() + "\u0000" + f.changeSet().key() + "\u0000" + f.object().type() + "\u0000"
                + f.object().display();
        return Sha256.hex(identity);
    }

    /** A '/'-separated relative path as a URI reference, percent-encoding what a URI cannot hold. */
    static String uriReference(String path) {
        var p = path.replace('\\', '/');
        try {
            var encoded = new URI(null, null, p, null).toASCIIString();
            // a ':' in the first segment would read as a scheme; "./" keeps the reference relative
            var firstSegment = encoded.contains("/") ? encoded.substring(0, encoded.indexOf('/')) : encoded;
            return firstSegment.contains(":") ? "./" + encoded : encoded;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a usable path for SARIF: " + path, e);
        }
    }

    private static String directoryUri(URI uri) {
        var s = uri.toString();
        return s.endsWith("/") ? s : s + "/";
    }
}
