package io.github.rollbacksafety;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheContentCreatesTheDirectoryAndLeavesNoTemporaryFile() throws Exception {
        var target = dir.resolve("a/b/report.json");
        AtomicFile.write(target, "old".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
