package io.github.rollbacksafety.changelog;

/**
 * Reads a changelog with Liquibase core, with no database and no network, into {@link ChangeSetRef}s whose
 * changes are translated to {@link io.github.rollbacksafety.schema.SchemaOp}s.
 */
public final class ChangelogReader {

    /**
     * Parses the master changelog and everything it includes.
     *
     * @throws io.github.rollbacksafety.RollbackSafetyException when a changelog is missing or malformed, naming
     *                                                          the file and, where known, the line
     */
    public Changelog read(ChangelogSource source, ChangelogOptions options) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
