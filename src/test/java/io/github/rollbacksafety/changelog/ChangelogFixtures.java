package io.github.rollbacksafety.changelog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Locates fixtures under {@code src/test/resources/changelog} and packs them into jars like a build would. */
final class ChangelogFixtures {

    private ChangelogFixtures() {
    }

    static Path dir(String name) {
        try {
            return Path.of(ChangelogFixtures.class.getResource("/changelog/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes every file under {@code root} into a new jar, below {@code prefix} (e.g. {@code BOOT-INF/classes/}). */
    static Path jar(Path root, Path jar, String prefix) {
        try (var out = new ZipOutputStream(Files.newOutputStream(jar)); var files = Files.walk(root)) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\n".getBytes());
            out.closeEntry();
            for (var file : files.sorted().toList()) {
                var relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    out.putNextEntry(new ZipEntry(prefix + relative + "/"));
                } else {
                    out.putNextEntry(new ZipEntry(prefix + relative));
                    out.write(Files.readAllBytes(file));
                }
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
