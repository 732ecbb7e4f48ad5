package io.github.rollbacksafety.report;

import io.github.rollbacksafety.AtomicFile;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.engine.CheckResult;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.rules.Rule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the chosen report files into a directory. Each file is written to a temporary file next to it and then
 * moved into place, so a reader (a CI step, an IDE) never sees half a report.
 */
public final class ReportWriter {

    /**
     * Writes one file per format, in {@link ReportFormat} order, creating the directory.
     *
     * @return the files written
     * @throws RollbackSafetyException when the directory or a file cannot be written
     */
    public List<Path> write(Set<ReportFormat> formats, Path directory, ReportMeta meta, CheckResult result,
                            List<Rule> rules, FailOn failOn) {
        var data = new ReportData(meta, result, rules, failOn);
        var ordered = formats.isEmpty() ? EnumSet.noneOf(ReportFormat.class) : EnumSet.copyOf(formats);
        var written = new ArrayList<Path>(ordered.size());
        if (ordered.isEmpty()) {
            return written;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot create the report directory " + directory + ": " + e
                    + ". Check reportDirectory.", directory.toString(), 0, e);
        }
        for (var format : ordered) {
            var target = directory.resolve(format.fileName());
            writeAtomically(target, format.view().render(data));
            written.add(target);
        }
        return written;
    }

    private static void writeAtomically(Path target, String content) {
        try {
            AtomicFile.write(target, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot write the report " + target + ": " + e,
                    target.toString(), 0, e);
        }
    }
}
