package io.github.rollbacksafety.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.engine.FailOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesEveryChosenFormatIntoANewDirectory() throws IOException {
        var dir = tmp.resolve("target/rollback-safety");

        var written = new ReportWriter().write(EnumSet.allOf(ReportFormat.class), dir, ReportFixtures.meta(),
                ReportFixtures.result(), ReportFixtures.RULES, FailOn.BREAKING);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.json",
                "report.sarif", "report.md", "TEST-rollback-safety.xml", "report.html");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("report.json", "report.sarif", "report.md",
                            "TEST-rollback-safety.xml", "report.html");
        }
        var json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.at("/verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void writesOnlyTheChosenFormatsAndReplacesOldFiles() throws IOException {
        Files.writeString(tmp.resolve("report.md"), "stale");

        var written = new ReportWriter().write(Set.of(ReportFormat.MARKDOWN), tmp, ReportFixtures.meta(),
                ReportFixtures.result(), ReportFixtures.RULES, FailOn.BREAKING);

        assertThat(written).containsExactly(tmp.resolve("report.md"));
        assertThat(Files.readString(tmp.resolve("report.md"))).startsWith("### Rollback safety: FAIL");
        assertThat(tmp.resolve("report.json")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsAFileIsAUserError() throws IOException {
        var file = Files.writeString(tmp.resolve("blocker"), "x");

        assertThatThrownBy(() -> new ReportWriter().write(Set.of(ReportFormat.JSON), file.resolve("reports"),
                ReportFixtures.meta(), ReportFixtures.result(), ReportFixtures.RULES, FailOn.BREAKING))
                .isInstanceOf(RollbackSafetyException.class)
                .hasMessageContaining("report directory");
    }
}
