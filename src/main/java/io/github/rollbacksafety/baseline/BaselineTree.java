package io.github.rollbacksafety.baseline;

import java.nio.file.Path;
import java.util.List;

/**
 * A module's files at a previous release, written out of git's object database into a directory under the
 * build's target folder, so that readers that expect directories (changelog roots, source roots) can read it.
 *
 * @param baseline   the release they come from
 * @param moduleRoot the module's directory at that release; sub-paths keep their layout below it
 * @param files      how many files it holds
 * @param reused     true when an earlier build had already written it for the same commit
 * @param skipped    files left out, each with why (too large, symbolic link, unsafe path)
 */
public record BaselineTree(GitBaseline baseline, Path moduleRoot, int files, boolean reused, List<String> skipped) {

    public BaselineTree {
        skipped = List.copyOf(skipped);
    }

    /** {@code src/main/resources} of the module at that release (may not exist). */
    public Path resources() {
        return moduleRoot.resolve("src/main/resources");
    }

    /** {@code src/main/java} of the module at that release (may not exist). */
    public Path javaSources() {
        return moduleRoot.resolve("src/main/java");
    }
}
