package io.github.rollbacksafety.baseline;

import java.nio.file.Path;
import java.util.List;

/**
 * Where published releases are looked up. The Maven adapter implements it with Maven Resolver (the build's
 * repositories, mirrors, proxies, credentials and offline mode); tests implement it over a folder.
 */
public interface ReleaseRepository {

    /** A resolved release file and a description of the repository it came from. */
    record Resolved(Path file, String repository) {
    }

    /**
     * The newest {@code count} final releases below {@code projectVersion}, newest first. Empty means the
     * repositories answered and know no earlier release (a genuine first release).
     *
     * @throws BaselineUnresolvedException when the repositories could not be asked (offline without cached
     *                                     metadata, repository errors): the check cannot tell
     */
    List<String> releasesBelow(ArtifactCoordinates coords, String projectVersion, int count);

    /**
     * One version's file.
     *
     * @throws BaselineUnresolvedException when it cannot be resolved
     */
    Resolved resolve(ArtifactCoordinates coords, String version);

    /**
     * One version's jar and its runtime dependencies, for loading the release's custom change classes. Asked only
     * when its changelog has a custom change. By default only the jar.
     *
     * @throws BaselineUnresolvedException when it cannot be resolved
     */
    default List<Path> runtimeClassPath(ArtifactCoordinates coords, String version) {
        return List.of(resolve(coords, version).file());
    }
}
