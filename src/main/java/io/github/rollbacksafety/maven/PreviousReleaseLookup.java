package io.github.rollbacksafety.maven;

import io.github.rollbacksafety.baseline.ArtifactCoordinates;
import io.github.rollbacksafety.baseline.BaselineUnresolvedException;
import io.github.rollbacksafety.baseline.ReleaseRepository;
import io.github.rollbacksafety.baseline.FinalReleases;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.transfer.MetadataNotFoundException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds previous releases of an artifact through Maven's own resolver, honouring the build's repositories,
 * mirrors, proxies, authentication and offline mode.
 */
final class PreviousReleaseLookup implements ReleaseRepository {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PreviousReleaseLookup(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public List<String> releasesBelow(ArtifactCoordinates coords, String projectVersion, int count) {
        var artifact = new DefaultArtifact(coords.groupId(), coords.artifactId(), coords.classifier(),
                coords.extension(), "[0," + projectVersion + ")");
        var request = new VersionRangeRequest(artifact, repositories, "rollback-safety");
        try {
            var result = system.resolveVersionRange(session, request);
            var problems = result.getExceptions().stream()
                    .filter(e -> !(e instanceof MetadataNotFoundException))
                    .toList();
            var versions = result.getVersions().stream().map(Object::toString).toList();
            var releases = FinalReleases.below(versions, projectVersion);
            if (releases.isEmpty() && !problems.isEmpty()) {
                throw unresolved(coords, problems.get(0).getMessage());
            }
            if (releases.isEmpty() && session.isOffline()) {
                throw unresolved(coords, "Maven is offline and the local repository has no metadata listing its versions");
            }
            return releases.subList(0, Math.min(count, releases.size()));
        } catch (VersionRangeResolutionException e) {
            throw unresolved(coords, e.getMessage());
        }
    }

        @Override
    public Resolved resolve(ArtifactCoordinates coords, String version) {
        var artifact = new DefaultArtifact(coords.groupId(), coords.artifactId(), coords.classifier(),
                coords.extension(), version);
        try {
            var result = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, "rollback-safety"));
            var repo = Optional.ofNullable(result.getRepository()).map(PreviousReleaseLookup::describe).orElse("?");
            return new Resolved(result.getArtifact().getFile().toPath(), repo);
        } catch (ArtifactResolutionException e) {
            throw unresolved(coords, "version " + version + " is listed but its " + coords.extension()
                    + " could not be resolved: " + e.getMessage());
        }
    }

    @Override
    public List<Path> runtimeClassPath(ArtifactCoordinates coords, String version) {
        var artifact = new DefaultArtifact(coords.groupId(), coords.artifactId(), coords.classifier(),
                coords.extension(), version);
        var collect = new CollectRequest(new Dependency(artifact, "runtime"), repositories);
        collect.setRequestContext("rollback-safety");
        // compile and runtime scopes are what the released application ran with
        DependencyFilter runtime = (node, parents) -> node.getDependency() == null
                || List.of("compile", "runtime", "").contains(node.getDependency().getScope());
        try {
            var result = system.resolveDependencies(session, new DependencyRequest(collect, runtime));
            var files = new java.util.ArrayList<Path>();
            for (var r : result.getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getFile() != null) {
                    files.add(r.getArtifact().getFile().toPath());
                }
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw new BaselineUnresolvedException("the runtime dependencies of " + coords.ga() + ":" + version
                    + " could not be resolved (" + e.getMessage() + ").");
        }
    }

    private static String describe(ArtifactRepository repository) {
        if (repository instanceof RemoteRepository remote) {
            return remote.getId() + " (" + remote.getUrl() + ")";
        }
        return "local repository";
    }

    private static BaselineUnresolvedException unresolved(ArtifactCoordinates coords, String why) {
        return new BaselineUnresolvedException("Could not look up the previous release of " + coords.ga() + ": " + why
                + ". The rollback check cannot tell whether the new changesets are safe. Run online (or with a local"
                + " repository that has the release), set <baselineVersion> explicitly, or set"
                + " <allowUnresolvedBaseline>true</allowUnresolvedBaseline> (-DrollbackSafety.allowUnresolvedBaseline=true)"
                + " to pass without checking.");
    }
}
