package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.schema.Identifiers;

import java.util.Optional;

/**
 * An accepted finding: the team knows and decided it is fine (for example the column was unused in practice).
 *
 * @param rule      rule id (required)
 * @param changeSet changeset id or {@code author:id}; empty matches any
 * @param object    {@code table} or {@code table.column}; empty matches any
 * @param reason    why (required; shown in reports)
 */
public record Waiver(String rule, Optional<String> changeSet, Optional<String> object, String reason) {

    public Waiver {
        rule = rule == null ? "" : rule.strip();
        changeSet = changeSet.map(String::strip).filter(s -> !s.isEmpty());
        object = object.map(String::strip).filter(s -> !s.isEmpty());
        reason = reason == null ? "" : reason.strip();
    }

    public boolean matches(Finding finding) {
        if (!rule.equals(finding.rule())) {
            return false;
        }
        if (changeSet.isPresent()) {
            var cs = finding.changeSet();
            var wanted = changeSet.get();
            if (!wanted.equals(cs.id()) && !wanted.equals(cs.author() + ":" + cs.id())) {
                return false;
            }
        }
        if (object.isPresent()) {
            var wanted = object.get();
            var o = finding.object();
            if (wanted.equals(o.table()) || wanted.equals(o.display())) {
                return true;
            }
            // table, schema.table, table.column or schema.table.column
            var dot = wanted.lastIndexOf('.');
            if (dot < 0 || tableMatches(wanted, o.table())) {
                return tableMatches(wanted, o.table());
            }
            var column = wanted.substring(dot + 1);
            return tableMatches(wanted.substring(0, dot), o.table())
                    && o.column().map(c -> Identifiers.normalize(column).equals(c)).orElse(false);
        }
        return true;
    }

    /**
     * Whether a waiver's table names the finding's: the same name, or a bare name for a table in any schema; a
     * schema the waiver gives must be the finding's (when the finding names one: the default schema is left out).
     */
    private static boolean tableMatches(String wanted, String findingTable) {
        var want = Identifiers.qualifiedName(wanted);
        var have = Identifiers.qualifiedName(findingTable);
        if (!Identifiers.bareName(want).equals(Identifiers.bareName(have))) {
            return false;
        }
        return !Identifiers.isQualified(want) || !Identifiers.isQualified(have) || want.equals(have);
    }

    /** The XML to paste into the plugin configuration to accept a finding. */
    public static String xmlFor(Finding finding) {
        return "<waiver><rule>" + finding.rule() + "</rule><changeSet>" + escape(finding.changeSet().author() + ":"
                + finding.changeSet().id()) + "</changeSet><object>" + escape(finding.object().display())
                + "</object><reason>TODO: why this is safe</reason></waiver>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "waiver(rule=" + rule + changeSet.map(c -> ", changeSet=" + c).orElse("")
                + object.map(o -> ", object=" + o).orElse("") + ")";
    }
}
