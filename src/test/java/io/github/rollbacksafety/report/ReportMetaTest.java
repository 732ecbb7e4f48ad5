package io.github.rollbacksafety.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMetaTest {

    @Test
    void changelogRootIsTheResourceDirectoryRelativeToTheRepository() {
        var repo = Path.of("/home/ci/shop");

        assertThat(ReportMeta.changelogRootOf(repo, repo.resolve("app/src/main/resources")))
                .isEqualTo("app/src/main/resources/");
        assertThat(ReportMeta.changelogRootOf(repo, repo)).isEmpty();
        assertThat(ReportMeta.changelogRootOf(repo, Path.of("/elsewhere/resources"))).isEmpty();
    }

    @Test
    void changelogPathPrefixesTheLogicalPath() {
        var meta = new ReportMeta(ReportMeta.TOOL_NAME, "1", ReportFixtures.PROJECT, Optional.empty(),
                Optional.empty(), "./src\\main\\resources");

        assertThat(meta.changelogRoot()).isEqualTo("src/main/resources/");
        assertThat(meta.changelogPath("db/changelog/master.xml")).isEqualTo("src/main/resources/db/changelog/master.xml");
        assertThat(meta.changelogPath("classpath:/db/x.yaml")).isEqualTo("src/main/resources/db/x.yaml");
    }
}
