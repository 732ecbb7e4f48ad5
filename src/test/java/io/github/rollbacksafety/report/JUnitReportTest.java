package io.github.rollbacksafety.report;

import io.github.rollbacksafety.engine.FailOn;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JUnitReportTest {

    private static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testCase(Document doc, int index) {
        return (Element) doc.getElementsByTagName("testcase").item(index);
    }

    @Test
    void oneTestCasePerNewChangesetWithCounts() throws Exception {
        var doc = parse(new JUnitReport().render(ReportFixtures.data()));
        var suite = doc.getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(testCase(doc, 0).getAttribute("name")).isEqualTo("shop:5");
        assertThat(testCase(doc, 0).getAttribute("classname")).isEqualTo("db/changelog/db.changelog-master.xml");
    }

    @Test
    void unwaivedBreakingFailsWaivedIsSkippedRiskyOnlyReported() throws Exception {
        var doc = parse(new JUnitReport().render(ReportFixtures.data()));

        assertThat(testCase(doc, 0).getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) testCase(doc, 0).getElementsByTagName("failure").item(0)).getAttribute("type"))
                .isEqualTo("column-dropped");
        assertThat(testCase(doc, 1).getElementsByTagName("failure").getLength()).isZero();
        assertThat(testCase(doc, 1).getElementsByTagName("system-out").item(0).getTextContent())
                .contains("unique-constraint-added");
        assertThat(testCase(doc, 2).getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(testCase(doc, 2).getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void failOnRiskyMakesRiskyFindingsFailures() throws Exception {
        var f = ReportFixtures.data();
        var data = new ReportData(f.meta(), f.result(), f.rules(), FailOn.RISKY);
        var doc = parse(new JUnitReport().render(data));

        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        assertThat(testCase(doc, 1).getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void escapesMarkupAndDropsCharactersXmlCannotHold() throws Exception {
        var data = ReportFixtures.hostile();
        var doc = parse(new JUnitReport().render(data));

        var testCase = testCase(doc, 0);
        assertThat(testCase.getAttribute("name")).isEqualTo("a|b:x<&>|`1");
        assertThat(testCase.getAttribute("classname")).isEqualTo("db/changelog/we ird|<file>.xml");
        var failure = (Element) testCase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("Drops <b>c</b> & breaks");
        assertThat(failure.getTextContent()).contains("x < 5 AND y & 1 = 1").contains("<script>")
                .doesNotContain("\u0007");
    }

    @Test
    void firstReleasePassesEveryChangeset() throws Exception {
        var doc = parse(new JUnitReport().render(ReportFixtures.firstRelease()));

        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }
}
