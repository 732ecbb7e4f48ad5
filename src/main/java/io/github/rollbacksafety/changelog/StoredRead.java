package io.github.rollbacksafety.changelog;

import java.util.List;

/**
 * A whole read of a changelog as {@link ChangelogReader} keeps it between builds ({@link ParsedFileStore#loadRead}):
 * every file the read opened, with a SHA-256 of its bytes, and the changesets it yielded. Kept only when those
 * bytes (and the read's key: master, roots, options) decide the result alone: each file was either a stored
 * self-contained file ({@link ParsedFile}) or one that only includes others by name. A later read whose files all
 * have the same bytes takes the changesets without calling Liquibase.
 *
 * @param inputs     the files opened, in the order Liquibase opened them
 * @param changeSets the changesets, as the read returned them
 */
public record StoredRead(List<Input> inputs, List<StoredChangeSet> changeSets) {

    public StoredRead {
        inputs = List.copyOf(inputs);
        changeSets = List.copyOf(changeSets);
    }

    /** One file: its location as Liquibase looked it up, and the SHA-256 of its bytes (hex). */
    public record Input(String location, String sha256) {
    }
}
