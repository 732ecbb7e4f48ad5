package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.RollbackSafetyException;

/** The coordinates of an artifact whose releases are looked up: {@code groupId:artifactId[:extension[:classifier]]}. */
public record ArtifactCoordinates(String groupId, String artifactId, String extension, String classifier) {

    public static ArtifactCoordinates parse(String spec, String defaultExtension) {
        var parts = spec.strip().split(":");
        if (parts.length < 2 || parts.length > 4 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new RollbackSafetyException("'" + spec + "' is not groupId:artifactId[:extension[:classifier]]");
        }
        return new ArtifactCoordinates(parts[0], parts[1], parts.length > 2 ? parts[2] : defaultExtension,
                parts.length > 3 ? parts[3] : "");
    }

    public String ga() {
        return groupId + ":" + artifactId;
    }
}
