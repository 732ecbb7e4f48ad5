package io.github.rollbacksafety.baseline;

/**
 * A previous release found in git: a release tag (or the ref the user named) and the commit it points at.
 *
 * @param ref      the ref as a user would type it, e.g. {@code v1.2.0}, {@code origin/main} or {@code 3f2a9c1}
 * @param commitId the full commit id it resolves to
 * @param version  the version it stands for (from the tag name), or the ref itself for an explicit ref
 * @param reason   one line saying why this ref was chosen, for the build log
 */
public record GitBaseline(String ref, String commitId, String version, String reason) {

    /** The commit id abbreviated to 12 hex digits, as used for cache directories and messages. */
    public String shortCommitId() {
        return commitId.substring(0, Math.min(12, commitId.length()));
    }
}
