package io.github.rollbacksafety.changelog;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a changelog lives: one or more roots (resource directories or a jar/war file, searched in order) and
 * the master changelog's path relative to them, as on the classpath (e.g. {@code db/changelog/db.changelog-master.xml}).
 *
 * @param roots  resource directories, or a single jar, war or Spring Boot jar
 * @param master the master changelog's classpath path, without {@code classpath:}
 * @param label  how reports name this side, e.g. {@code 1.0.0} or {@code current}
 */
public record ChangelogSource(List<Path> roots, String master, String label) {

    public ChangelogSource {
        roots = List.copyOf(roots);
        master = master.startsWith("classpath:") ? master.substring("classpath:".length()) : master;
        while (master.startsWith("/")) {
            master = master.substring(1);
        }
    }

    public static ChangelogSource of(Path root, String master, String label) {
        return new ChangelogSource(List.of(root), master, label);
    }
}
