package io.github.rollbacksafety.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.FindingObject;
import io.github.rollbacksafety.rules.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** SARIF output, validated against the official OASIS SARIF 2.1.0 JSON schema shipped in test resources. */
class SarifReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (var in = SarifReportTest.class.getResourceAsStream("/report/sarif-schema-2.1.0.json")) {
            assertThat(in).as("SARIF schema in test resources").isNotNull();
            var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(MAPPER.readTree(in), config);
        }
    }

    private static Set<ValidationMessage> validate(JsonNode sarif) {
        return schema.validate(sarif);
    }

    private static JsonNode render(ReportData data) throws IOException {
        return MAPPER.readTree(new SarifReport().render(data));
    }

    @Test
    void fixtureReportIsValidSarif210() throws IOException {
        assertThat(validate(render(ReportFixtures.data()))).isEmpty();
    }

    @Test
    void firstReleaseAndHostileReportsAreValidSarif() throws IOException {
        assertThat(validate(render(ReportFixtures.firstRelease()))).isEmpty();
        assertThat(validate(render(ReportFixtures.hostile()))).isEmpty();
    }

    @Test
    void schemaRejectsWhatSarifForbids() throws IOException {
        var sarif = (ObjectNode) render(ReportFixtures.data());
        ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");

        assertThat(validate(sarif)).isNotEmpty();
    }

    @Test
    void listsEveryRuleOfTheCatalogueWithLevelAndHelp() throws IOException {
        var rules = render(ReportFixtures.data()).at("/runs/0/tool/driver/rules");

        assertThat(rules).hasSize(ReportFixtures.RULES.size());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = ReportFixtures.RULES.get(i);
            var node = rules.get(i);
            assertThat(node.at("/id").asText()).isEqualTo(rule.id());
            assertThat(node.at("/shortDescription/text").asText()).isEqualTo(rule.summary());
            assertThat(node.at("/defaultConfiguration/level").asText())
                    .isEqualTo(rule.severity().name().equals("BREAKING") ? "error" : "warning");
            assertThat(node.at("/helpUri").asText()).isEqualTo(
                    "https://github.com/rollbacksafety/rollback-safety-maven-plugin/blob/main/docs/rules/"
                            + rule.id() + ".md");
        }
    }

    @Test
    void resultPointsAtTheChangesetRelativeToTheRepositoryRoot() throws IOException {
        var sarif = render(ReportFixtures.data());
        var result = sarif.at("/runs/0/results/0");

        assertThat(result.at("/ruleId").asText()).isEqualTo("column-dropped");
        var ruleIndex = result.at("/ruleIndex").asInt();
        assertThat(sarif.at("/runs/0/tool/driver/rules/" + ruleIndex + "/id").asText()).isEqualTo("column-dropped");
        assertThat(result.at("/level").asText()).isEqualTo("error");
        var location = result.at("/locations/0/physicalLocation");
        assertThat(location.at("/artifactLocation/uri").asText())
                .isEqualTo("src/main/resources/db/changelog/db.changelog-master.xml");
        assertThat(location.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.at("/region/startLine").asInt()).isEqualTo(42);
        assertThat(sarif.at("/runs/0/originalUriBaseIds/%SRCROOT%/uri").asText()).isEqualTo("file:///home/ci/shop/");
    }

    @Test
    void previousReleaseQueriesAreRelatedLocations() throws IOException {
        var related = render(ReportFixtures.data()).at("/runs/0/results/0/relatedLocations");

        assertThat(related).hasSize(2);
        assertThat(related.at("/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("sql/queries.sql");
        assertThat(related.at("/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        assertThat(related.at("/1/physicalLocation/region").isMissingNode()).as("no line known").isTrue();
        assertThat(related.at("/1/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("com.acme.shop.OrderRepository#findStatus");
    }

    @Test
    void waivedFindingIsANoteWithAnAcceptedSuppression() throws IOException {
        var result = render(ReportFixtures.data()).at("/runs/0/results/2");

        assertThat(result.at("/level").asText()).isEqualTo("note");
        assertThat(result.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(result.at("/suppressions/0/status").asText()).isEqualTo("accepted");
        assertThat(result.at("/suppressions/0/justification").asText())
                .isEqualTo("audit_log is written only by the retired nightly job");
        assertThat(render(ReportFixtures.data()).at("/runs/0/results/0/suppressions").isMissingNode()).isTrue();
    }

    @Test
    void fingerprintIgnoresLineAndMessageButNotIdentity() {
        Finding f = ReportFixtures.COLUMN_DROPPED;
        var moved = new Finding(f.rule(), f.severity(),
                ReportFixtures.changeSet("5", "shop", "db/changelog/db.changelog-master.xml", 97), f.object(),
                "reworded", "other fix", List.of(), Optional.empty(), f.releases());
        var otherColumn = new Finding(f.rule(), f.severity(), f.changeSet(), FindingObject.column("orders", "note"),
                f.message(), f.fix(), f.queries(), Optional.empty(), f.releases());
        var otherChangeSet = new Finding(f.rule(), f.severity(),
                ReportFixtures.changeSet("5b", "shop", "db/changelog/db.changelog-master.xml", 42), f.object(),
                f.message(), f.fix(), f.queries(), Optional.empty(), f.releases());

        assertThat(SarifReport.fingerprint(moved)).isEqualTo(SarifReport.fingerprint(f));
        assertThat(SarifReport.fingerprint(otherColumn)).isNotEqualTo(SarifReport.fingerprint(f));
        assertThat(SarifReport.fingerprint(otherChangeSet)).isNotEqualTo(SarifReport.fingerprint(f));
        assertThat(SarifReport.fingerprint(f)).matches("[0-9a-f]{64}");
    }

    @Test
    void withoutRepositoryRootLocationsHaveNoBaseId() throws IOException {
        var meta = ReportFixtures.meta();
        var noRoot = new ReportMeta(meta.toolName(), meta.toolVersion(), meta.project(), meta.baseline(),
                Optional.empty(), "src/main/resources");
        var sarif = render(new ReportData(noRoot, ReportFixtures.result(), ReportFixtures.RULES, FailOn.BREAKING));

        var artifact = sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        assertThat(artifact.at("/uri").asText()).isEqualTo("src/main/resources/db/changelog/db.changelog-master.xml");
        assertThat(artifact.has("uriBaseId")).isFalse();
        assertThat(sarif.at("/runs/0/originalUriBaseIds").isMissingNode()).isTrue();
        assertThat(validate(sarif)).isEmpty();
    }

    @Test
    void encodesPathsThatAreNotValidUris() {
        assertThat(SarifReport.uriReference("db/we ird|<file>.xml")).isEqualTo("db/we%20ird%7C%3Cfile%3E.xml");
        assertThat(SarifReport.uriReference("c:/x.sql")).isEqualTo("./c:/x.sql");
    }
}
