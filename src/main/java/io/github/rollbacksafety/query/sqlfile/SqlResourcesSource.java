package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.ArchiveLayout;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.sql.SqlScriptSplitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code *.sql} resources of the previous release that are not part of its changelog: from a resource
 * directory, a plain jar, a Spring Boot jar ({@code BOOT-INF/classes/}) or a WAR ({@code WEB-INF/classes/}).
 * Archives are read in place with {@link ZipFile}, nothing is extracted; nested jars are not opened. Entries with
 * unsafe names or larger than {@value #MAX_ENTRY_BYTES} bytes (a zip bomb guard) are skipped with a warning.
 * Each statement is located as {@code classpath/path.sql:line}. Files that are not runtime queries (DDL and
 * migration scripts, data dumps: {@link ScriptKind}) are reported as excluded instead, unless an include glob says
 * otherwise ({@link #withSelection}).
 */
public final class SqlResourcesSource implements QuerySource {

    /** Largest resource read. */
    static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;


    private final Path root;
    private final Set<String> changelogFiles;
    private final Predicate<String> changelogPath;
    /** The skipped folder, when the source was built with one: with it, the source's settings are known text. */
    private final Optional<String> changelogFolder;
    private final List<String> includes;
    private final List<String> excludes;
    private final List<Pattern> includePatterns;
    private final List<Pattern> excludePatterns;

    /**
     * @param root           a resource directory or a jar/war file
     * @param changelogFiles classpath paths of the changelog's files (master and includes), which are skipped
     * @param changelogPath  further classpath paths to skip, e.g. everything under {@code db/changelog/}
     */
    public SqlResourcesSource(Path root, Collection<String> changelogFiles, Predicate<String> changelogPath) {
        this(root, changelogFiles, changelogPath, Optional.empty());
    }

    private SqlResourcesSource(Path root, Collection<String> changelogFiles, Predicate<String> changelogPath,
                               Optional<String> changelogFolder) {
        this(root, changelogFiles, changelogPath, changelogFolder, List.of(), List.of());
    }

    private SqlResourcesSource(Path root, Collection<String> changelogFiles, Predicate<String> changelogPath,
                               Optional<String> changelogFolder, List<String> includes, List<String> excludes) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.includePatterns = includes.stream().map(ScriptKind::glob).toList();
        this.excludePatterns = excludes.stream().map(ScriptKind::glob).toList();
        this.root = root;
        this.changelogFolder = changelogFolder;
        this.changelogFiles = changelogFiles.stream().map(SqlResourcesSource::classpathPath)
                .collect(Collectors.toUnmodifiableSet());
        this.changelogPath = changelogPath;
    }

    /** Skips the changelog files and everything under {@code changelogFolder} (e.g. {@code db/changelog/}). */
    public SqlResourcesSource(Path root, Collection<String> changelogFiles, String changelogFolder) {
        this(root, changelogFiles, startsWith(classpathPath(changelogFolder)),
                Optional.of(classpathPath(changelogFolder)));
    }

    /**
     * The same source with classpath globs that decide for themselves: a file matching an exclude is left out, a
     * file matching an include counts as queries even when it looks like a DDL script or a data dump.
     */
    public SqlResourcesSource withSelection(List<String> includeGlobs, List<String> excludeGlobs) {
        return new SqlResourcesSource(root, changelogFiles, changelogPath, changelogFolder, includeGlobs, excludeGlobs);
    }

    /** For an archive built with a changelog folder: its SHA-256 and the skipped paths. */
    @Override
    public Optional<String> cacheKey() {
        if (changelogFolder.isEmpty() || !Files.isRegularFile(root)) {
            return Optional.empty();
        }
        try {
            return Optional.of("sql-resources|" + Sha256.ofFile(root) + "|"
                    + new java.util.TreeSet<>(changelogFiles) + "|" + changelogFolder.get() + "|" + includes + "|"
                    + excludes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Predicate<String> startsWith(String folder) {
        var prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        return path -> !prefix.isEmpty() && path.startsWith(prefix);
    }

    private static String classpathPath(String path) {
        var p = path.replace('\\', '/');
        p = p.startsWith("classpath:") ? p.substring("classpath:".length()) : p;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    @Override
    public String describe() {
        return "SQL resources of " + root.getFileName();
    }

    @Override
    public void collect(QueryCollector collector) {
        if (Files.isDirectory(root)) {
            collectDirectory(collector);
        } else if (Files.isRegularFile(root)) {
            collectArchive(collector);
        } else {
            collector.warning(root + ": does not exist, no SQL resources read");
        }
    }

    private void collectDirectory(QueryCollector collector) {
        try (var files = Files.walk(root)) {
            var sqlFiles = files.filter(Files::isRegularFile).filter(f -> isSql(f.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            for (var file : sqlFiles) {
                var path = root.relativize(file).toString().replace('\\', '/');
                if (skipped(path)) {
                    continue;
                }
                if (Files.size(file) > MAX_ENTRY_BYTES) {
                    collector.warning(path + ": larger than " + MAX_ENTRY_BYTES + " bytes, not read");
                    continue;
                }
                report(path, Files.readAllBytes(file), collector);
            }
        } catch (IOException e) {
            collector.warning(root + ": cannot read SQL resources (" + e.getMessage() + ")");
        }
    }

    private void collectArchive(QueryCollector collector) {
        try (var zip = new ZipFile(root.toFile())) {
            var names = zip.stream().map(ZipEntry::getName).toList();
            String classes = ArchiveLayout.NESTED_CLASS_ROOTS.stream()
                    .filter(root -> names.stream().anyMatch(n -> n.startsWith(root))).findFirst().orElse("");
            var entries = zip.stream().filter(e -> !e.isDirectory() && isSql(e.getName()))
                    .sorted(Comparator.comparing(ZipEntry::getName)).toList();
            for (var entry : entries) {
                var name = entry.getName();
                if (!safeName(name)) {
                    collector.warning(root.getFileName() + "!" + name + ": unsafe entry name, skipped");
                    continue;
                }
                if (!name.startsWith(classes)) {
                    continue; // outside the class path, e.g. web content of a WAR
                }
                var path = name.substring(classes.length());
                if (skipped(path)) {
                    continue;
                }
                readEntry(zip, entry, path, collector);
            }
        } catch (IOException | RuntimeException e) {
            collector.warning(root + ": cannot read archive (" + e.getMessage() + ")");
        }
    }

    private void readEntry(ZipFile zip, ZipEntry entry, String path, QueryCollector collector) {
        var tooLarge = path + ": larger than " + MAX_ENTRY_BYTES + " bytes, not read";
        if (entry.getSize() > MAX_ENTRY_BYTES) {
            collector.warning(tooLarge);
            return;
        }
        try (var in = zip.getInputStream(entry)) {
            // the declared size may lie: never inflate more than the cap
            var bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
            if (bytes.length > MAX_ENTRY_BYTES) {
                collector.warning(tooLarge);
                return;
            }
            report(path, bytes, collector);
        } catch (IOException e) {
            collector.warning(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static boolean safeName(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains(":")) {
            return false;
        }
        for (var part : name.split("/")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSql(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    private boolean skipped(String path) {
        return changelogFiles.contains(path) || changelogPath.test(path);
    }

    private void report(String path, byte[] bytes, QueryCollector collector) {
        SqlScripts.decode(bytes, path, collector)
                .filter(text -> !SqlScripts.isFormattedChangelog(text))
                .ifPresent(text -> {
                    var statements = SqlScriptSplitter.split(text);
                    var configured = ScriptKind.configured(path, includePatterns, excludePatterns);
                    var kind = configured.isPresent() ? ScriptKind.QUERIES : ScriptKind.of(path, statements);
                    if (configured.isPresent() && !configured.get()) {
                        collector.excluded(new QueryCollector.Excluded(path, "file excluded by configuration",
                                statements.size()));
                    } else if (kind != ScriptKind.QUERIES) {
                        collector.excluded(new QueryCollector.Excluded(path, kind.label(), statements.size()));
                    } else {
                        SqlScripts.reportStatements(statements, path, QuerySourceKind.SQL_RESOURCE, collector);
                    }
                });
    }
}
