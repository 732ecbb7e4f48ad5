package io.github.rollbacksafety.maven;

import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The report goal run on its own, outside the site: a plain XHTML page of report.json. */
class ReportMojoTest {

    private static ReportMojo mojo(Path reportDirectory, Path outputDirectory, String packaging) throws Exception {
        var model = new Model();
        model.setPackaging(packaging);
        var mojo = new ReportMojo();
        set(mojo, "reportDirectory", reportDirectory.toFile());
        set(mojo, "outputDirectory", outputDirectory.toFile());
        set(mojo, "project", new MavenProject(model));
        return mojo;
    }

    private static void set(Object target, String field, Object value) throws Exception {
        var f = ReportMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void writesThePageOfReportJsonAsAWholeXhtmlDocument(@TempDir Path dir) throws Exception {
        var site = dir.resolve("site");

        mojo(Path.of("src/test/resources/site"), site, "jar").execute();

        var page = Files.readString(site.resolve("rollback-safety.html"));
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>Rollback safety</title>")
                .contains("<h1>Rollback safety</h1>").contains("Verdict: FAIL").contains("<td>column-dropped</td>")
                .endsWith("</html>\n");
    }

    @Test
    void writesNothingForAPomModule(@TempDir Path dir) throws Exception {
        var site = dir.resolve("site");

        mojo(Path.of("src/test/resources/site"), site, "pom").execute();

        assertThat(site).doesNotExist();
    }
}
