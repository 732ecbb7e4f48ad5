package io.github.rollbacksafety.maven;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.baseline.FinalReleases;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
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
public final class PreviousReleaseLookup {

    /** A resolved previous release. */
    public record Resolved(String groupId, String artifactId, String version, Path file, String repository) {
    }

    /** The coordinates to look up: {@code groupId:artifactId[:extension[:classifier]]}. */
    public record Coordinates(String groupId, String artifactId, String extension, String classifier) {

        public static Coordinates parse(String spec, String defaultExtension) {
            var parts = spec.strip().split(":");
            if (parts.length < 2 || parts.length > 4 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new RollbackSafetyException("'" + spec + "' is not groupId:artifactId[:extension[:classifier]]");
            }
            return new Coordinates(parts[0], parts[1], parts.length > 2 ? parts[2] : defaultExtension,
                    parts.length > 3 ? parts[3] : "");
        }

        public String ga() {
            return groupId + ":" + artifactId;
        }
    }

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PreviousReleaseLookup(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /**
     * The newest {@code count} final releases below {@code projectVersion}, newest first. Empty means the
     * repositories answered and know no earlier release (a genuine first release).
     *
     * @throws RollbackSafetyException when the repositories could not be asked (offline without cached
     *                                 metadata, repository errors): the check cannot tell
     */
    List<String> releasesBelow(Coordinates coords, String projectVersion, int count) {
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

    /** Downloads (or finds in the local repository) one version's file. */
    public Resolved resolve(Coordinates coords, String version) {
        var artifact = new DefaultArtifact(coords.groupId(), coords.artifactId(), coords.classifier(),
                coords.extension(), version);
        try {
            var result = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, "rollback-safety"));
            var repo = Optional.ofNullable(result.getRepository()).map(PreviousReleaseLookup::describe).orElse("?");
            return new Resolved(coords.groupId(), coords.artifactId(), version, result.getArtifact().getFile().toPath(),
                    repo);
        } catch (ArtifactResolutionException e) {
            throw unresolved(coords, "version " + version + " is listed but its " + coords.extension()
                    + " could not be resolved: " + e.getMessage());
        }
    }

    private static String describe(ArtifactRepository repository) {
        if (repository instanceof RemoteRepository remote) {
            return remote.getId() + " (" + remote.getUrl() + ")";
        }
        return "local repository";
    }

    private static BaselineUnresolvedException unresolved(Coordinates coords, String why) {
        return new BaselineUnresolvedException("Could not look up the previous release of " + coords.ga() + ": " + why
                + ". The rollback check cannot tell whether the new changesets are safe. Run online (or with a local"
                + " repository that has the release), set <baselineVersion> explicitly, or set"
                + " <allowUnresolvedBaseline>true</allowUnresolvedBaseline> (-DrollbackSafety.allowUnresolvedBaseline=true)"
                + " to pass without checking.");
    }
}
