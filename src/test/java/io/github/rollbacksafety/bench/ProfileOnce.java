package io.github.rollbacksafety.bench;

import java.nio.file.Path;

/** Generates a 1x project and runs the check a few times (for a profiler such as JFR). Args: dir [runs]. */
public final class ProfileOnce {
    private ProfileOnce() {
    }

    public static void main(String[] args) throws Exception {
        var dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var project = java.nio.file.Files.exists(dir.resolve("previous-xml.jar"))
                ? SyntheticProject.reopen(dir, 1.0, SyntheticProject.Format.XML)
                : SyntheticProject.generate(dir, 1.0, SyntheticProject.Format.XML);
        for (int i = 0; i < runs; i++) {
            var run = CheckBenchmark.runCheck(project, false);
            System.out.println(run.wallNanos() / 1_000_000 + " ms " + run.phases());
        }
    }
}
