package io.github.rollbacksafety.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode render(ReportData data) throws Exception {
        return MAPPER.readTree(new JsonReport().render(data));
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void hasTheStableFieldsOfDesignSection6InOrder() throws Exception {
        var json = render(ReportFixtures.data());

        assertThat(fieldNames(json)).startsWith("tool", "project", "baseline", "verdict", "summary", "findings");
        assertThat(fieldNames(json.at("/tool"))).containsExactly("name", "version");
        assertThat(fieldNames(json.at("/project"))).containsExactly("groupId", "artifactId", "version");
        assertThat(fieldNames(json.at("/baseline"))).containsExactly("groupId", "artifactId", "version");
        assertThat(fieldNames(json.at("/summary")))
                .containsExactly("newChangeSets", "queries", "unparsedQueries", "breaking", "risky", "waived");
        var finding = json.at("/findings/0");
        assertThat(fieldNames(finding)).startsWith("rule", "severity", "waived", "waiverReason", "changeSet", "object",
                "message", "fix", "queries");
        assertThat(fieldNames(finding.at("/changeSet"))).containsExactly("id", "author", "file", "line");
        assertThat(fieldNames(finding.at("/object"))).containsExactly("type", "table", "column");
        assertThat(fieldNames(finding.at("/queries/0"))).containsExactly("sql", "source");
    }

    @Test
    void carriesTheValuesOfTheCheckResult() throws Exception {
        var json = render(ReportFixtures.data());

        assertThat(json.at("/tool/name").asText()).isEqualTo("rollback-safety-maven-plugin");
        assertThat(json.at("/baseline/version").asText()).isEqualTo("1.0.0");
        assertThat(json.at("/verdict").asText()).isEqualTo("FAIL");
        assertThat(json.at("/summary/newChangeSets").asInt()).isEqualTo(3);
        assertThat(json.at("/summary/queries").asInt()).isEqualTo(9);
        assertThat(json.at("/summary/unparsedQueries").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/breaking").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/risky").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/waived").asInt()).isEqualTo(1);

        var first = json.at("/findings/0");
        assertThat(first.at("/rule").asText()).isEqualTo("column-dropped");
        assertThat(first.at("/waived").isBoolean()).isTrue();
        assertThat(first.at("/waiverReason").isNull()).isTrue();
        assertThat(first.at("/changeSet/line").isInt()).isTrue();
        assertThat(first.at("/changeSet/line").asInt()).isEqualTo(42);
        assertThat(first.at("/object/column").asText()).isEqualTo("legacy_status");
        assertThat(first.at("/queries/0/source").asText()).isEqualTo("sql/queries.sql:1");
        assertThat(first.at("/releases/0").asText()).isEqualTo("1.0.0");

        var table = json.at("/findings/1/object");
        assertThat(table.at("/column").isNull()).isTrue();

        var waived = json.at("/findings/2");
        assertThat(waived.at("/waived").asBoolean()).isTrue();
        assertThat(waived.at("/waiverReason").asText()).isEqualTo("audit_log is written only by the retired nightly job");
    }

    @Test
    void addsCoverageUnusedWaiversAndNotesAfterTheStableFields() throws Exception {
        var json = render(ReportFixtures.data());

        assertThat(fieldNames(json)).endsWith("coverage", "unusedWaivers", "notes", "forwardCoverage");
        assertThat(json.at("/coverage/sources")).hasSize(3);
        assertThat(json.at("/coverage/sources/1/kind").asText()).isEqualTo("MYBATIS_XML");
        assertThat(json.at("/coverage/sources/1/unparsed").asInt()).isEqualTo(1);
        assertThat(json.at("/coverage/unparsedQueries/0/reason").asText()).startsWith("dynamic SQL");
        assertThat(json.at("/unusedWaivers/0/rule").asText()).isEqualTo("column-renamed");
        assertThat(json.at("/notes/0").asText()).contains("precondition");
    }

    @Test
    void everyFindingSaysItsDirectionAndForwardCoverageIsReportedWhenChecked() throws Exception {
        var backwardOnly = render(ReportFixtures.data());
        assertThat(backwardOnly.at("/findings/0/direction").asText()).isEqualTo("backward");
        assertThat(backwardOnly.at("/forwardCoverage").isNull()).isTrue();

        var both = render(ReportFixtures.forward());
        assertThat(both.at("/findings").findValuesAsText("direction"))
                .containsExactly("backward", "forward", "forward");
        assertThat(both.at("/findings/2/rule").asText()).isEqualTo("needs-new-schema");
        assertThat(both.at("/findings/2/waived").asBoolean()).isTrue();
        assertThat(both.at("/forwardCoverage/found").asInt()).isEqualTo(3);
    }

    @Test
    void firstReleaseHasNullBaselineAndZeroCounts() throws Exception {
        var json = render(ReportFixtures.firstRelease());

        assertThat(json.has("baseline")).isTrue();
        assertThat(json.at("/baseline").isNull()).isTrue();
        assertThat(json.at("/verdict").asText()).isEqualTo("PASS");
        assertThat(json.at("/summary/newChangeSets").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/breaking").asInt()).isZero();
        assertThat(json.at("/findings")).isEmpty();
    }

    @Test
    void keepsHostileTextExactlyAsItIs() throws Exception {
        var data = ReportFixtures.hostile();
        var json = render(data);

        var sql = data.result().findings().get(0).queries().get(0).sql();
        assertThat(json.at("/findings/0/queries/0/sql").asText()).isEqualTo(sql);
        assertThat(json.at("/findings/0/changeSet/file").asText()).isEqualTo("db/changelog/we ird|<file>.xml");
    }

    @Test
    void usesUnixLineEndsAndEndsWithANewline() {
        var text = new JsonReport().render(ReportFixtures.data());

        assertThat(text).doesNotContain("\r").endsWith("}\n").contains("\"verdict\": \"FAIL\"");
    }
}
