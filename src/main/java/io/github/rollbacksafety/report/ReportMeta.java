package io.github.rollbacksafety.report;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What reports say about the run beyond the check's result: which tool, which project, which baseline artifact,
 * and where the changelogs live in the repository (so SARIF can point code-scanning UIs at the right file).
 *
 * @param toolName       e.g. {@code rollback-safety-maven-plugin}
 * @param toolVersion    the plugin's version
 * @param project        the project being built
 * @param baseline       the previous release checked against; empty for a first release
 * @param repositoryRoot the root of the source repository, when known (SARIF {@code %SRCROOT%})
 * @param changelogRoot  '/'-separated path, relative to the repository root, of the directory changelog paths are
 *                       relative to (e.g. {@code src/main/resources/}); empty when changelog paths are already
 *                       repository-relative
 */
public record ReportMeta(String toolName, String toolVersion, Coordinates project, Optional<Coordinates> baseline,
                         Optional<Path> repositoryRoot, String changelogRoot) {

    /** The plugin's name as reports show it. */
    public static final String TOOL_NAME = "rollback-safety-maven-plugin";

    /** Where users read about the tool. */
    public static final String INFORMATION_URI = "https://github.com/rollbacksafety/rollback-safety-maven-plugin";

    public ReportMeta {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        changelogRoot = normalizePrefix(changelogRoot == null ? "" : changelogRoot);
    }

    /** Maven coordinates of an artifact. */
    public record Coordinates(String groupId, String artifactId, String version) {

        public Coordinates {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(artifactId, "artifactId");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /**
     * The {@code changelogRoot} for a resource directory inside a repository, e.g. {@code /repo} and
     * {@code /repo/app/src/main/resources} give {@code app/src/main/resources/}. A directory outside the repository
     * gives an empty prefix, because no repository-relative path exists for it.
     */
    public static String changelogRootOf(Path repositoryRoot, Path resourceDirectory) {
        var root = repositoryRoot.toAbsolutePath().normalize();
        var dir = resourceDirectory.toAbsolutePath().normalize();
        if (!dir.startsWith(root)) {
            return "";
        }
        return normalizePrefix(root.relativize(dir).toString().replace('\\', '/'));
    }

    /** The repository-relative path of a changelog file given by its logical (classpath) path. */
    public String changelogPath(String logicalPath) {
        var path = logicalPath.replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.startsWith("classpath:")) {
            path = path.substring("classpath:".length());
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
        }
        return changelogRoot + path;
    }

    private static String normalizePrefix(String prefix) {
        var p = prefix.replace('\\', '/').strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty() || p.equals(".")) {
            return "";
        }
        return p.endsWith("/") ? p : p + "/";
    }
}
