package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.CheckLog;
import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.baseline.ArtifactCoordinates;
import io.github.rollbacksafety.baseline.PreviousReleases;
import io.github.rollbacksafety.baseline.ReleaseRepository;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.javasource.JavaSourceQuerySource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the current release's queries are, for the forward direction (new app + old schema): the module's own
 * build output ({@code target/classes}: compiled classes, mapper XML, SQL resources, JPA mappings) read by the same
 * query sources as a previous release's jar, plus the current version of every {@code queryArtifact} that the
 * repositories (or the reactor) can provide.
 *
 * <p>Without a build output (the goal run before {@code compile}), the resource directories and
 * {@code src/main/java} are read instead, as for a git baseline.
 */
final class CurrentQueries {

    private CurrentQueries() {
    }

    static List<QuerySource> of(CheckSettings settings, String master, ReleaseRepository repository, CheckLog log) {
        var project = settings.project();
        var dependencies = settings.queries().dependencies();
        var sources = new ArrayList<QuerySource>();
        if (Files.isDirectory(project.outputDir())) {
            sources.addAll(PreviousReleases.archiveSources(project.outputDir(), master, dependencies));
        } else {
            log.warn("Forward check: no build output at " + project.outputDir() + "; reading the current release's"
                    + " queries from its resources and Java sources instead (run the check after compile).");
            for (var root : project.resourceRoots()) {
                sources.addAll(PreviousReleases.archiveSources(root, master, dependencies));
            }
            var javaSources = project.moduleDir().resolve("src/main/java");
            if (Files.isDirectory(javaSources)) {
                sources.add(new JavaSourceQuerySource(javaSources, project.version())
                        .withLocationPrefix("src/main/java/"));
            }
        }
        for (var spec : settings.queries().artifacts()) {
            var parts = spec.strip().split(":");
            if (parts.length < 2) {
                continue; // malformed specs are reported by the backward direction
            }
            var coords = ArtifactCoordinates.parse(parts[0] + ":" + parts[1], "jar");
            try {
                var resolved = repository.resolve(coords, project.version());
                sources.addAll(PreviousReleases.archiveSources(resolved.file(), master, dependencies));
            } catch (RollbackSafetyException e) {
                log.warn("Forward check: the current version " + project.version() + " of query artifact "
                        + coords.ga() + " is not available (" + e.getMessage() + "); its queries are not checked"
                        + " against the previous schema. Build it before this module to include them.");
            }
        }
        return sources;
    }
}
