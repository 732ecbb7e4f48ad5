package io.github.rollbacksafety.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.util.Locale;

/**
 * Puts the rollback safety findings into the Maven site. It shows the {@code report.json} that
 * {@code rollback-safety:check} wrote (so {@code mvn verify site} shows what the build decided, without running the
 * check a second time); without that file the page says to run the check first.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMavenReport {

    /** Where {@code rollback-safety:check} wrote its reports; the page reads {@code report.json} from there. */
    @Parameter(property = "rollbackSafety.reportDirectory", defaultValue = "${project.build.directory}/rollback-safety")
    private File reportDirectory;

    /** Leave the page out of the site. */
    @Parameter(property = "rollbackSafety.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public String getOutputName() {
        return "rollback-safety";
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
    public boolean canGenerateReport() {
        // a pom module has no changelog, so check never writes a report there
        return !skip && !"pom".equals(getProject().getPackaging());
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        new SiteReportRenderer(getSink(), reportDirectory.toPath().resolve("report.json")).render();
    }
}
