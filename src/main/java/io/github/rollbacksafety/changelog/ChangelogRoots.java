package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.ArchiveLayout;
import io.github.rollbacksafety.RollbackSafetyException;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.resource.ZipResourceAccessor;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Liquibase resource accessor over a changelog's roots. Every root is exposed with the classpath as its base,
 * so that a changeset's file path is the same whether it is read from {@code src/main/resources}, a plain jar,
 * a Spring Boot jar ({@code BOOT-INF/classes}) or a WAR ({@code WEB-INF/classes}).
 */
public final class ChangelogRoots implements AutoCloseable {

    private final List<AutoCloseable> toClose;
    private final ResourceAccessor accessor;

    private ChangelogRoots(List<AutoCloseable> toClose, ResourceAccessor accessor) {
        this.toClose = toClose;
        this.accessor = accessor;
    }

    /**
     * Opens {@code roots}; a file not found in them is looked up in {@code classPath} (jars and folders of the
     * class path the application runs with), as Liquibase would find a file another module's jar ships. Listing
     * folders ({@code includeAll}) stays within the roots.
     */
    public static ChangelogRoots open(List<Path> roots, java.util.function.Supplier<List<Path>> classPath) {
        var opened = open(roots);
        var fallback = new ClassPathFallback(opened.accessor, roots, classPath);
        var toClose = new ArrayList<AutoCloseable>(opened.toClose);
        toClose.add(fallback);
        return new ChangelogRoots(toClose, fallback);
    }

    /** The roots first; the class path for single files the roots do not have, opened on first need. */
    private static final class ClassPathFallback extends liquibase.resource.AbstractResourceAccessor {
        private final ResourceAccessor roots;
        private final List<Path> rootPaths;
        private final java.util.function.Supplier<List<Path>> classPath;
        private ChangelogRoots opened;

        ClassPathFallback(ResourceAccessor roots, List<Path> rootPaths, java.util.function.Supplier<List<Path>> classPath) {
            this.roots = roots;
            this.rootPaths = rootPaths;
            this.classPath = classPath;
        }

        @Override
        public List<liquibase.resource.Resource> search(String path, boolean recursive) throws IOException {
            return roots.search(path, recursive);
        }

        @Override
        public List<liquibase.resource.Resource> search(String path, SearchOptions options) throws IOException {
            return roots.search(path, options);
        }

        @Override
        public List<liquibase.resource.Resource> getAll(String path) throws IOException {
            var found = roots.getAll(path);
            if (found != null && !found.isEmpty()) {
                return found;
            }
            var fallback = classPathAccessor();
            return fallback == null ? found : fallback.getAll(path);
        }

        private ResourceAccessor classPathAccessor() {
            if (opened == null) {
                List<Path> entries;
                try {
                    entries = classPath.get().stream().filter(p -> !rootPaths.contains(p))
                            .filter(p -> Files.isDirectory(p) || Files.isRegularFile(p)).toList();
                } catch (RuntimeException e) {
                    entries = List.of(); // no class path: the file is reported missing as before
                }
                opened = entries.isEmpty() ? new ChangelogRoots(List.of(), null) : open(entries);
            }
            return opened.accessor;
        }

        @Override
        public List<String> describeLocations() {
            return roots.describeLocations();
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }

    public static ChangelogRoots open(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new RollbackSafetyException("no changelog root given (a resource directory or a jar)");
        }
        var toClose = new ArrayList<AutoCloseable>();
        var accessors = new ArrayList<ResourceAccessor>();
        try {
            for (var root : roots) {
                var accessor = accessorFor(root, toClose);
                toClose.add(accessor);
                accessors.add(accessor);
            }
        } catch (RuntimeException e) {
            closeAll(toClose);
            throw e;
        }
        var accessor = accessors.size() == 1 ? accessors.get(0) : new CompositeResourceAccessor(accessors);
        return new ChangelogRoots(toClose, accessor);
    }

    /**
     * The file the accessor over {@code roots} would give for {@code location}, found without Liquibase: when every
     * root is a directory and the location is a plain relative path, the first root that has it as a regular file
     * (as the accessor, whose first root wins). Empty when that cannot be told so simply (archives, a location Liquibase
     * would rewrite, a file only the class path has): ask the accessor.
     */
    static java.util.Optional<Path> plainFile(List<Path> roots, String location) {
        if (!PLAIN_LOCATION.matcher(location).matches() || location.contains("..") || location.contains("//")
                || location.startsWith("./") || location.contains("/./")) {
            return java.util.Optional.empty();
        }
        for (var root : roots) {
            if (!Files.isDirectory(root)) {
                return java.util.Optional.empty();
            }
        }
        for (var root : roots) {
            var file = root.resolve(location);
            if (Files.isRegularFile(file)) {
                return java.util.Optional.of(file);
            }
            if (Files.exists(file)) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    private static final java.util.regex.Pattern PLAIN_LOCATION = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*");

    public ResourceAccessor accessor() {
        return accessor;
    }

    @Override
    public void close() {
        closeAll(toClose);
    }

    private static ResourceAccessor accessorFor(Path root, List<AutoCloseable> toClose) {
        try {
            if (Files.isDirectory(root)) {
                return new DirectoryResourceAccessor(root);
            }
            if (!Files.isRegularFile(root)) {
                throw new RollbackSafetyException("changelog root does not exist: " + root, root.toString(), 0, null);
            }
            FileSystem zip = FileSystems.newFileSystem(root, (ClassLoader) null);
            for (var nested : ArchiveLayout.NESTED_CLASS_ROOTS) {
                var classes = zip.getPath("/" + nested.substring(0, nested.length() - 1));
                if (Files.isDirectory(classes)) {
                    // Liquibase's class-loader accessor fails on includeAll inside a Boot jar; a directory
                    // accessor over the zip file system does not, and yields classpath-relative paths
                    toClose.add(zip);
                    return new DirectoryResourceAccessor(classes);
                }
            }
            zip.close();
            return new ZipResourceAccessor(root);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RollbackSafetyException r) {
                throw r;
            }
            throw new RollbackSafetyException("cannot open changelog root " + root + ": " + ChangelogErrors.firstLine(
                    String.valueOf(e.getMessage())) + " (expected a directory, jar or war)", root.toString(), 0, null);
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing a read-only accessor cannot lose data
            }
        }
    }
}
