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
}
