package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Where previous releases come from. */
public enum BaselineSource {
    /** The Maven repositories first; git tags when they know no release and git tracks the module. */
    AUTO,
    /** Only the Maven repositories. */
    REPOSITORY,
    /** Only git (release tags or an explicit ref). */
    GIT;

    /** Parses the {@code baselineSource} parameter; an explicit git ref always means {@link #GIT}. */
    public static BaselineSource parse(String value, Optional<String> gitRef) {
        if (gitRef.isPresent()) {
            return GIT;
        }
        try {
            return valueOf((value == null ? "auto" : value).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RollbackSafetyException("baselineSource must be auto, repository or git, not '" + value + "'.");
        }
    }

    /** Whether the Maven repositories are asked. */
    public boolean asksRepository() {
        return this != GIT;
    }

    /** Whether git is asked when the repositories found no release; {@code tracksModule} is asked only for auto. */
    public boolean asksGit(BooleanSupplier gitTracksModule) {
        return this == GIT || (this == AUTO && gitTracksModule.getAsBoolean());
    }
}
