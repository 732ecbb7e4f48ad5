package io.github.rollbacksafety.report;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.rules.Finding;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code TEST-rollback-safety.xml}: JUnit XML so CI test views show the check. One test case per new changeset
 * ({@code author:id}, class name = changelog file); a {@code failure} per finding that fails the build, a
 * {@code skipped} when all of a changeset's findings are waived. Changesets that only history rules name (a
 * released changeset modified or removed) get a test case too.
 */
public final class JUnitReport implements ReportView {

    static final String SUITE_NAME = "rollback-safety";

    private record Case(ChangeSetRef changeSet, List<Finding> findings) {
    }

    @Override
    public String render(ReportData data) {
        var cases = cases(data);
        int failures = 0;
        int skipped = 0;
        for (var c : cases) {
            if (c.findings().stream().anyMatch(data::fails)) {
                failures++;
            } else if (isSkipped(c)) {
                skipped++;
            }
        }
        var out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE_NAME);
            xml.writeAttribute("tests", String.valueOf(cases.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeAttribute("time", "0");
            newline(xml, 1);
            xml.writeStartElement("properties");
            property(xml, "verdict", data.result().verdict().name());
            property(xml, "baseline", data.baselineLabel());
            property(xml, "failOn", data.failOn().name());
            newline(xml, 1);
            xml.writeEndElement();
            for (var c : cases) {
                testCase(xml, c, data);
            }
            newline(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // writing to a StringWriter cannot fail for I/O reasons; anything else is a bug
            throw new IllegalStateException("Could not write the JUnit report", e);
        }
        return out + "\n";
    }

    private static List<Case> cases(ReportData data) {
        var byKey = new LinkedHashMap<String, Case>();
        for (var cs : data.result().newChangeSets()) {
            byKey.putIfAbsent(cs.key(), new Case(cs, new ArrayList<>()));
        }
        for (var f : data.result().findings()) {
            byKey.computeIfAbsent(f.changeSet().key(), k -> new Case(f.changeSet(), new ArrayList<>()))
                    .findings().add(f);
        }
        return new ArrayList<>(byKey.values());
    }

    private static boolean isSkipped(Case c) {
        return !c.findings().isEmpty() && c.findings().stream().allMatch(Finding::waived);
    }

    private static void testCase(XMLStreamWriter xml, Case c, ReportData data) throws XMLStreamException {
        newline(xml, 1);
        var cs = c.changeSet();
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", text(cs.displayId()));
        xml.writeAttribute("classname", text(cs.filePath()));
        xml.writeAttribute("time", "0");
        var failing = c.findings().stream().filter(data::fails).toList();
        for (var f : failing) {
            newline(xml, 2);
            xml.writeStartElement("failure");
            xml.writeAttribute("type", f.rule());
            xml.writeAttribute("message", text(headline(f)));
            xml.writeCharacters(text(details(f)));
            xml.writeEndElement();
        }
        boolean skippedCase = failing.isEmpty() && isSkipped(c);
        if (skippedCase) {
            newline(xml, 2);
            xml.writeEmptyElement("skipped");
            var reasons = new StringBuilder();
            for (var f : c.findings()) {
                if (reasons.length() > 0) {
                    reasons.append("; ");
                }
                reasons.append("waived ").append(f.rule()).append(' ').append(FindingText.object(f)).append(": ")
                        .append(f.waiverReason().orElse(""));
            }
            xml.writeAttribute("message", text(reasons.toString()));
        }
        // findings that neither fail nor are waived (RISKY under failOn=BREAKING) stay visible in the output
        var other = skippedCase ? List.<Finding>of() : c.findings().stream().filter(f -> !data.fails(f)).toList();
        if (!other.isEmpty()) {
            newline(xml, 2);
            xml.writeStartElement("system-out");
            var sb = new StringBuilder();
            for (var f : other) {
                sb.append(f.waived() ? "waived (" + f.waiverReason().orElse("") + "): " : "")
                        .append(details(f));
            }
            xml.writeCharacters(text(sb.toString()));
            xml.writeEndElement();
        }
        if (!c.findings().isEmpty()) {
            newline(xml, 1);
        }
        xml.writeEndElement();
    }

    private static String headline(Finding f) {
        return "[" + f.severity().name() + "] " + f.rule() + " " + FindingText.object(f) + FindingText.directionNote(f)
                + ": " + f.message();
    }

    private static String details(Finding f) {
        var sb = new StringBuilder();
        sb.append(headline(f)).append('\n');
        sb.append("changeset ").append(f.changeSet().displayId()).append(" (")
                .append(FindingText.changeSetLocation(f)).append(")\n");
        for (var q : f.queries()) {
            sb.append("query ").append(FindingText.source(q)).append(": ").append(q.shortSql(500)).append('\n');
        }
        if (!f.fix().isBlank()) {
            sb.append("fix: ").append(f.fix()).append('\n');
        }
        return sb.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        newline(xml, 2);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", text(value));
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String text(String s) {
        return Escaping.xmlChars(s);
    }
}
