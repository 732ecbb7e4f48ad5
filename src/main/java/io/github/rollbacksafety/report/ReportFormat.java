package io.github.rollbacksafety.report;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report files the plugin can write, with their file names. */
public enum ReportFormat {
    JSON("report.json", new JsonReport()),
    SARIF("report.sarif", new SarifReport()),
    MARKDOWN("report.md", new MarkdownReport()),
    JUNIT("TEST-rollback-safety.xml", new JUnitReport()),
    HTML("report.html", new HtmlReport());

    private final String fileName;
    private final ReportView view;

    ReportFormat(String fileName, ReportView view) {
        this.fileName = fileName;
        this.view = view;
    }

    public String fileName() {
        return fileName;
    }

    public ReportView view() {
        return view;
    }

    /**
     * Formats from a comma-separated list such as {@code json,sarif,markdown} (case-insensitive, blanks ignored).
     *
     * @throws RollbackSafetyException naming the unknown format and the valid ones
     */
    public static Set<ReportFormat> parse(String list) {
        var formats = EnumSet.noneOf(ReportFormat.class);
        if (list == null) {
            return formats;
        }
        for (var raw : list.split(",")) {
            var name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                formats.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new RollbackSafetyException("Unknown report format '" + name + "' in reportFormats; valid "
                        + "formats are: " + validNames() + ".");
            }
        }
        return formats;
    }

    /** {@code json, sarif, markdown, junit, html}. */
    public static String validNames() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
