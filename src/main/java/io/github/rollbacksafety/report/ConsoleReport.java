package io.github.rollbacksafety.report;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.engine.Waiver;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The build log view: findings grouped by changeset, each with its queries, the fix and the waiver to paste; then
 * coverage, unused waivers, notes and a one-line verdict. Colour is optional (the mojo decides from Maven's
 * {@code MessageUtils}); without it the lines are plain text.
 */
public final class ConsoleReport {

    private static final String RED = "\u001B[1;31m";
    private static final String YELLOW = "\u001B[1;33m";
    private static final String GREEN = "\u001B[1;32m";
    private static final String FAINT = "\u001B[2m";
    private static final String BOLD = "\u001B[1m";
    private static final String RESET = "\u001B[0m";

    private final boolean colour;

    public ConsoleReport(boolean colour) {
        this.colour = colour;
    }

    public List<ConsoleLine> render(ReportData data) {
        var result = data.result();
        var lines = new ArrayList<ConsoleLine>();
        var byChangeSet = new LinkedHashMap<String, List<Finding>>();
        var changeSets = new LinkedHashMap<String, ChangeSetRef>();
        for (var f : result.findings()) {
            byChangeSet.computeIfAbsent(f.changeSet().key(), k -> new ArrayList<>()).add(f);
            changeSets.putIfAbsent(f.changeSet().key(), f.changeSet());
        }
        for (var entry : byChangeSet.entrySet()) {
            var cs = changeSets.get(entry.getKey());
            var findings = entry.getValue();
            var groupLevel = findings.stream().map(f -> level(f, data)).max(Enum::compareTo)
                    .orElse(ConsoleLine.Level.INFO);
            lines.add(new ConsoleLine(groupLevel,
                    paint(BOLD, "changeset " + cs.displayId()) + " (" + cs.location() + ")"));
            for (var f : findings) {
                finding(lines, f, data);
            }
        }
        var coverage = result.coverage();
        lines.add(ConsoleLine.info(FindingText.coverage(coverage)));
        result.database().ifPresent(d -> {
            lines.add(ConsoleLine.info(FindingText.database(d)));
            for (var q : d.disagreements()) {
                lines.add(ConsoleLine.warn("  disagreement at " + FindingText.source(q.query()) + ": "
                        + q.disagreement().orElse("")));
            }
        });
        for (var w : coverage.warnings()) {
            lines.add(ConsoleLine.warn("  " + w));
        }
        result.forwardCoverage().ifPresent(forward -> {
            lines.add(ConsoleLine.info(FindingText.forwardCoverage(forward)));
            forward.warnings().forEach(w -> lines.add(ConsoleLine.warn("  " + w)));
        });
        for (var w : result.unusedWaivers()) {
            lines.add(ConsoleLine.warn("Unused " + w + ": it matches no finding; remove it or fix its rule, "
                    + "changeSet or object"));
        }
        for (var n : result.notes()) {
            lines.add(ConsoleLine.info("note: " + n));
        }
        var verdict = result.verdict();
        var text = paint(verdict == Verdict.FAIL ? RED : GREEN, "Rollback safety: " + verdict.name()) + " - "
                + FindingText.counts(data) + "; " + FindingText.scope(data);
        lines.add(verdict == Verdict.FAIL ? ConsoleLine.error(text) : ConsoleLine.info(text));
        return lines;
    }

    private void finding(List<ConsoleLine> lines, Finding f, ReportData data) {
        var level = level(f, data);
        var tag = f.waived() ? "[WAIVED " + f.severity().name() + "]" : "[" + f.severity().name() + "]";
        var tagColour = f.waived() ? FAINT : f.severity() == Severity.BREAKING ? RED : YELLOW;
        lines.add(new ConsoleLine(level, "  " + paint(tagColour, tag) + " " + f.rule() + " "
                + FindingText.object(f) + FindingText.directionNote(f) + ": " + f.message()));
        var queries = f.queries();
        int shown = Math.min(queries.size(), FindingText.MAX_QUERIES_SHOWN);
        for (int i = 0; i < shown; i++) {
            var q = queries.get(i);
            lines.add(new ConsoleLine(level, "    query " + FindingText.source(q) + ": " + q.shortSql(160)));
        }
        if (queries.size() > shown) {
            lines.add(new ConsoleLine(level, "    ... and " + (queries.size() - shown) + " more queries"));
        }
        if (!f.fix().isBlank()) {
            lines.add(new ConsoleLine(level, "    fix: " + f.fix()));
        }
        if (f.waived()) {
            lines.add(new ConsoleLine(level, "    waived: " + f.waiverReason().orElse("")));
        } else {
            lines.add(new ConsoleLine(level, "    waive with: " + Waiver.xmlFor(f)));
        }
    }

    private static ConsoleLine.Level level(Finding f, ReportData data) {
        if (data.fails(f)) {
            return ConsoleLine.Level.ERROR;
        }
        return f.waived() ? ConsoleLine.Level.INFO : ConsoleLine.Level.WARN;
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
