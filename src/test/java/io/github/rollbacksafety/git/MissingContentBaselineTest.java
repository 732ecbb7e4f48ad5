package io.github.rollbacksafety.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Trees of a partial clone or a mirror without large files: what git does not have is skipped and named. */
class MissingContentBaselineTest {

    @TempDir
    Path dir;

    private static void deleteBlob(Path repoDir, String content) throws Exception {
        var id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)).name();
        Files.delete(repoDir.resolve(".git/objects").resolve(id.substring(0, 2)).resolve(id.substring(2)));
    }

    @Test
    void filesWhoseContentIsMissingOrAnLfsPointerAreSkippedWithAReason() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("src/main/resources/db/changelog.xml", "<databaseChangeLog/>")
                    .write("src/main/resources/data/big.csv", "a;b\n1;2\n")
                    .write("src/main/resources/data/lfs.bin", "version https://git-lfs.github.com/spec/v1\n"
                            + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n")
                    .release("v1.0.0");
            deleteBlob(repoDir, "a;b\n1;2\n");

            try (var git = GitBaselines.open(repoDir)) {
                var release = git.releaseTagsBelow("2.0.0", "shop", Optional.empty(), 1).get(0);
                var tree = git.materialize(release, git.modulePath(), GitBaselines.MODULE_SOURCES,
                        dir.resolve("cache"));

                assertThat(tree.resources().resolve("db/changelog.xml")).hasContent("<databaseChangeLog/>");
                assertThat(tree.resources().resolve("data/big.csv")).doesNotExist();
                assertThat(tree.resources().resolve("data/lfs.bin")).doesNotExist();
                assertThat(tree.skipped()).anyMatch(s -> s.startsWith("src/main/resources/data/big.csv: content missing"))
                        .anyMatch(s -> s.startsWith("src/main/resources/data/lfs.bin: a Git LFS pointer"));
            }
        }
    }
}
