package io.github.rollbacksafety.maven;

import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.reporting.MavenReport;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Puts the rollback safety findings into the Maven site. It shows the {@code report.json} that
 * {@code rollback-safety:check} wrote (so {@code mvn verify site} shows what the build decided, without running the
 * check a second time); without that file the page says to run the check first.
 *
 * <p>A {@link MavenReport} of its own rather than maven-reporting-impl's {@code AbstractMavenReport}: that library
 * and the site renderer it brings would be resolved and loaded on every build that runs {@code check} (one class
 * path serves all goals of a plugin). Run on its own ({@code mvn rollback-safety:report}) the goal writes the page
 * as plain XHTML, without the site's skin.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMojo implements MavenReport {

    /** Where {@code rollback-safety:check} wrote its reports; the page reads {@code report.json} from there. */
    @Parameter(property = "rollbackSafety.reportDirectory", defaultValue = "${project.build.directory}/rollback-safety")
    private File reportDirectory;

    /** Leave the page out of the site. */
    @Parameter(property = "rollbackSafety.skip", defaultValue = "false")
    private boolean skip;

    /** Where the page is written when the goal runs on its own (the site plugin sets its own). */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Run on its own: the page as a plain XHTML file in the site's output directory. */
    @Override
    public void execute() throws MojoExecutionException {
        if (!canGenerateReport()) {
            getLog().info("Rollback safety report skipped.");
            return;
        }
        var body = new StringWriter();
        render(new Xhtml5BaseSink(body));
        var page = outputDirectory.toPath().resolve(getOutputName() + ".html");
        try {
            Files.createDirectories(page.getParent());
            Files.writeString(page, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\"/>\n<title>"
                    + getName(Locale.ROOT) + "</title>\n</head>\n<body>\n" + body + "\n</body>\n</html>\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + page + ": " + e.getMessage(), e);
        }
        getLog().info("Rollback safety report: " + page);
    }

    /** Called by the site plugin with the sink of the site's page. */
    @Override
    public void generate(Sink sink, Locale locale) {
        render(sink);
    }

    private void render(Sink sink) {
        new SiteReportRenderer(sink, reportDirectory.toPath().resolve("report.json")).render();
    }

    @Override
    public String getOutputName() {
        return "rollback-safety";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Rollback safety";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Whether the previous release's SQL keeps working against this version's database schema.";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        this.outputDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return outputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    @Override
    public boolean canGenerateReport() {
        // a pom module has no changelog, so check never writes a report there
        return !skip && !"pom".equals(project.getPackaging());
    }
}
