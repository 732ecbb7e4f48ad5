package io.github.rollbacksafety.changelog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeSetLinesTest {

    @Test
    void xmlChangeSetsInCommentsAreSkippedAndAttributesMaySpanLines() {
        var lines = ChangeSetLines.scan("a.xml", """
                <databaseChangeLog>
                  <!-- <changeSet id="1" author="a"> old -->
                  <changeSet
                      author="a" id="1">
                  </changeSet>
                  <lb:changeSet id="2" author='b'/>
                </databaseChangeLog>
                """);

        assertThat(lines.lineOf("1", "a")).isEqualTo(3);
        assertThat(lines.lineOf("2", "b")).isEqualTo(6);
    }

    @Test
    void appendingAChangeSetKeepsTheFingerprintOfTheOneBeforeButAnEditDoesNot() {
        var released = """
                <databaseChangeLog>
                  <changeSet id="1" author="a">
                    <dropColumn tableName="t" columnName="c"/>
                  </changeSet>
                </databaseChangeLog>
                """;
        var appended = released.replace("</databaseChangeLog>", """
                  <!-- next release -->
                  <lb:changeSet id="2" author="a"><dropTable tableName="u"/></lb:changeSet>
                </databaseChangeLog>""");
        var edited = released.replace("columnName=\"c\"", "columnName=\"d\"");

        var before = ChangeSetLines.scan("a.xml", released).fingerprintOf("1", "a");
        assertThat(before).isPresent();
        assertThat(ChangeSetLines.scan("a.xml", appended).fingerprintOf("1", "a")).isEqualTo(before);
        assertThat(ChangeSetLines.scan("a.xml", edited).fingerprintOf("1", "a")).isPresent().isNotEqualTo(before);
    }

    @Test
    void unmatchedIdsFallBackToDeclarationOrder() {
        var lines = ChangeSetLines.scan("a.sql", """
                --liquibase formatted sql
                --changeset a:${prefix}-1
                select 1;
                --changeset "b c":2 runOnChange:true
                select 2;
                """);

        assertThat(lines.lineOf("v-1", "a")).isEqualTo(2);
        assertThat(lines.lineOf("2", "b c")).isEqualTo(4);
    }

    @Test
    void yamlIgnoresIdsOfNestedPreconditions() {
        var lines = ChangeSetLines.scan("a.yaml", """
                databaseChangeLog:
                  - changeSet:
                      preConditions:
                        - changeSetExecuted:
                            id: 0
                            author: z
                      author: a
                      id: 1
                """);

        assertThat(lines.lineOf("1", "a")).isEqualTo(8);
    }

    @Test
    void unreadableTextGivesNoLines() {
        assertThat(ChangeSetLines.scan("a.yaml", "a: [").lineOf("1", "a")).isZero();
    }

    @Test
    void xmlFingerprintFollowsTheChangeSetTextAndSkipsParametersAndEntities() {
        var before = ChangeSetLines.scan("a.xml", """
                <databaseChangeLog>
                  <changeSet id="1" author="a"><dropTable tableName="t"/></changeSet>
                  <changeSet id="2" author="a"><dropTable tableName="u"/></changeSet>
                  <changeSet id="3" author="a"><dropTable tableName="${t}"/></changeSet>
                  <changeSet id="4" author="a"><dropTable tableName="&name;"/></changeSet>
                  <changeSet id="5" author="a"><sql>select 1 &lt; 2</sql></changeSet>
                </databaseChangeLog>
                """);
        var after = ChangeSetLines.scan("a.xml", """
                <databaseChangeLog>
                  <changeSet id="1" author="a"><dropTable tableName="t"/></changeSet>
                  <changeSet id="2" author="a"><dropTable tableName="v"/></changeSet>
                </databaseChangeLog>
                """);

        assertThat(before.fingerprintOf("1", "a")).isNotEmpty().isEqualTo(after.fingerprintOf("1", "a"));
        assertThat(before.fingerprintOf("2", "a")).isNotEmpty().isNotEqualTo(after.fingerprintOf("2", "a"));
        assertThat(before.fingerprintOf("3", "a")).as("a parameter's value is defined elsewhere").isEmpty();
        assertThat(before.fingerprintOf("4", "a")).as("an entity is defined elsewhere").isEmpty();
        assertThat(before.fingerprintOf("5", "a")).as("predefined entities are text").isNotEmpty();
        assertThat(before.size()).isEqualTo(5);
    }

    @Test
    void yamlFingerprintSkipsChangeSetsWithAliasesAndDuplicateIds() {
        var lines = ChangeSetLines.scan("a.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - dropTable: &drop
                            tableName: t
                  - changeSet:
                      id: 2
                      author: a
                      changes:
                        - dropTable: *drop
                  - changeSet:
                      id: 3
                      author: a
                      changes: []
                  - changeSet:
                      id: 3
                      author: a
                      changes: []
                """);

        assertThat(lines.fingerprintOf("1", "a")).isNotEmpty();
        assertThat(lines.fingerprintOf("2", "a")).isEmpty();
        assertThat(lines.fingerprintOf("3", "a")).isEmpty();
        assertThat(lines.lineOf("1", "a")).isEqualTo(3);
        assertThat(lines.lineOf("2", "a")).isEqualTo(9);
    }

    @Test
    void yamlWithLoneCarriageReturnsGetsNoFingerprints() {
        var lines = ChangeSetLines.scan("a.yaml",
                "databaseChangeLog:\r  - changeSet:\r      id: 1\r      author: a\r      changes: []\r");

        assertThat(lines.lineOf("1", "a")).isEqualTo(3);
        assertThat(lines.fingerprintOf("1", "a")).isEmpty();
    }

    /** The declarations as a regular expression over the whole text finds them (what the scan did before). */
    private static java.util.List<String> byRegex(String text) {
        var result = new java.util.ArrayList<String>();
        var m = java.util.regex.Pattern.compile("<(?:[\\w.-]+:)?changeSet\\b([^>]*)>").matcher(text);
        var attribute = java.util.regex.Pattern.compile("\\bid\\s*=\\s*\"([^\"]*)\"");
        while (m.find()) {
            var a = attribute.matcher(m.group(1));
            result.add(a.find() ? a.group(1) : "");
        }
        return result;
    }

    @Test
    void xmlDeclarationsAreFoundWhereverAPatternOverTheWholeTextFindsThem() {
        var text = """
                <databaseChangeLog xmlns:lb="x">
                  <changeSet id="1" author="a"><sql>SELECT 'changeSet' FROM changeSets</sql></changeSet>
                  <lb:changeSet id="2" author="a"/>
                  <x.y-z_1:changeSet id="3" author="a" comment="a <changeSet id=9> inside"></x.y-z_1:changeSet>
                  <changeSets id="no"/> < changeSet id="no"/> <:changeSet id="no"/> <a:b:changeSet id="no"/>
                  <changeSet
                      id="4" author="a">${p} &custom; &amp;</changeSet>
                  changeSet <changeSet id="5" author="a">&lt;</changeSet>
                </databaseChangeLog>
                <changeSet id="6" author=\"a""";
        var lines = ChangeSetLines.scan("a.xml", text);

        assertThat(lines.declarations()).extracting(ChangeSetLines.Declaration::id)
                .containsExactlyElementsOf(byRegex(text)).containsExactly("1", "2", "3", "4", "5");
        // ${...} and a custom entity in 4 leave it without a fingerprint; the predefined entity in 5 does not
        assertThat(lines.fingerprintOf("4", "a")).isEmpty();
        assertThat(lines.fingerprintOf("5", "a")).isPresent();
        assertThat(lines.fingerprintOf("3", "a")).isPresent();
        assertThat(lines.lineOf("4", "a")).isEqualTo(6);
    }
}
