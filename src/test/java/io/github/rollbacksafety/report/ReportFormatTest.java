package io.github.rollbacksafety.report;

import io.github.rollbacksafety.RollbackSafetyException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFormatTest {

    @Test
    void parsesACommaSeparatedListIgnoringCaseAndBlanks() {
        assertThat(ReportFormat.parse(" JSON, sarif ,Markdown,,"))
                .isEqualTo(EnumSet.of(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN));
        assertThat(ReportFormat.parse("junit,html")).containsExactly(ReportFormat.JUNIT, ReportFormat.HTML);
        assertThat(ReportFormat.parse("")).isEmpty();
    }

    @Test
    void unknownNameIsAUserErrorListingTheValidOnes() {
        assertThatThrownBy(() -> ReportFormat.parse("json,xml"))
                .isInstanceOf(RollbackSafetyException.class)
                .hasMessageContaining("'xml'")
                .hasMessageContaining("json, sarif, markdown, junit, html");
    }
}
