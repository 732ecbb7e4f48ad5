package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The {@code queryFiles} of the POM: files or glob patterns (relative to the project directory) holding the
 * previous release's SQL. {@code .sql} files are scripts split at {@code ;}; anything else is read as a captured
 * query log ({@link QueryLog}). A pattern that matches nothing is a warning, as is a file too large or not text.
 */
public final class QueryFilesSource implements QuerySource {

    private final Path baseDir;
    private final List<String> patterns;

    /**
     * @param baseDir  what relative patterns are resolved against (the project directory)
     * @param patterns file paths or globs such as {@code src/test/resources/captured/*.log} or {@code sql/**.sql}
     */
    public QueryFilesSource(Path baseDir, List<String> patterns) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.patterns = List.copyOf(patterns);
    }

    @Override
    public String describe() {
        return "query files " + String.join(", ", patterns);
    }

    @Override
    public void collect(QueryCollector collector) {
        var files = new LinkedHashSet<Path>();
        for (var pattern : patterns) {
            var matched = matches(pattern, collector);
            if (matched.isEmpty()) {
                collector.warning("queryFiles: '" + pattern + "' matches no file");
            }
            files.addAll(matched);
        }
        files.forEach(file -> read(file, collector));
    }

    private List<Path> matches(String pattern, QueryCollector collector) {
        var p = pattern.strip().replace('\\', '/');
        if (p.isEmpty()) {
            return List.of();
        }
        int glob = indexOfGlob(p);
        if (glob < 0) {
            var file = baseDir.resolve(p).normalize();
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        // walk only from the deepest folder without wildcards
        int slash = p.lastIndexOf('/', glob);
        var start = baseDir.resolve(slash < 0 ? "" : p.substring(0, slash)).normalize();
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        var absolutePattern = start.toString().replace('\\', '/') + "/" + p.substring(slash + 1);
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolutePattern);
        try (var walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            collector.warning("queryFiles: cannot list '" + pattern + "' (" + e.getMessage() + ")");
            return new ArrayList<>();
        }
    }

    private static int indexOfGlob(String p) {
        for (int i = 0; i < p.length(); i++) {
            if ("*?[{".indexOf(p.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private void read(Path file, QueryCollector collector) {
        var name = file.startsWith(baseDir) ? baseDir.relativize(file).toString().replace('\\', '/') : file.toString();
        try {
            if (Files.size(file) > SqlResourcesSource.MAX_ENTRY_BYTES) {
                collector.warning(name + ": larger than " + SqlResourcesSource.MAX_ENTRY_BYTES + " bytes, not read");
                return;
            }
            var text = SqlScripts.decode(Files.readAllBytes(file), name, collector);
            if (text.isEmpty()) {
                return;
            }
            if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                SqlScripts.reportScript(text.get(), name, QuerySourceKind.QUERY_FILE, collector);
            } else {
                for (var statement : QueryLog.statements(text.get())) {
                    collector.sql(new Query(statement.sql(), SourceLocation.of(name, statement.line()),
                            QuerySourceKind.QUERY_FILE));
                }
            }
        } catch (IOException e) {
            collector.warning(name + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
