package io.github.rollbacksafety.changelog;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a changelog lives: one or more roots (resource directories or a jar/war file, searched in order) and
 * the master changelog's path relative to them, as on the classpath (e.g. {@code db/changelog/db.changelog-master.xml}).
 *
 * @param roots     resource directories, or a single jar, war or Spring Boot jar
 * @param master    the master changelog's classpath path, without {@code classpath:}
 * @param label     how reports name this side, e.g. {@code 1.0.0} or {@code current}
 * @param classPath where Liquibase finds custom change classes ({@code <customChange class="...">}): the module's
 *                  classes and runtime dependencies, or a release's jar and its dependencies. Asked only when a
 *                  changelog has a custom change, since finding a release's dependencies may cost a download.
 */
public record ChangelogSource(List<Path> roots, String master, String label, Supplier<List<Path>> classPath) {

    /** No class path: custom change classes are never loaded (stand-ins are used). */
    public static final Supplier<List<Path>> NO_CLASSES = List::of;

    public ChangelogSource {
        roots = List.copyOf(roots);
        master = master.startsWith("classpath:") ? master.substring("classpath:".length()) : master;
        while (master.startsWith("/")) {
            master = master.substring(1);
        }
    }

    public ChangelogSource(List<Path> roots, String master, String label) {
        this(roots, master, label, NO_CLASSES);
    }

    public static ChangelogSource of(Path root, String master, String label) {
        return new ChangelogSource(List.of(root), master, label);
    }

    /** The same changelog, with custom change classes looked up in {@code entries}. */
    public ChangelogSource withClassPath(Supplier<List<Path>> entries) {
        return new ChangelogSource(roots, master, label, entries);
    }
}
