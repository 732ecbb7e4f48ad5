package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Liquibase changeset as the check sees it: identity, location, checksum and the schema operations it
 * performs. Free of Liquibase types.
 *
 * @param id             changeset id
 * @param author         changeset author
 * @param filePath       logical file path (Liquibase's, or {@code logicalFilePath} when set), '/'-separated
 * @param line           1-based line of the changeset declaration in its file, 0 when unknown
 * @param checksum       Liquibase checksum as stored in DATABASECHANGELOG ({@code 9:...})
 * @param runOnChange    re-run when modified: a changed checksum is expected
 * @param runAlways      re-run on every update
 * @param validCheckSums checksums declared valid with {@code validCheckSum} ({@code ANY} accepts every change)
 * @param guard          the changeset's preconditions, when it has any
 * @param ops            schema operations, in order
 * @param notes          remarks for the report (e.g. a precondition that could not be decided statically)
 */
public record ChangeSetRef(String id, String author, String filePath, int line, String checksum,
                           boolean runOnChange, boolean runAlways, Set<String> validCheckSums,
                           Optional<Precondition.Guard> guard, List<SchemaOp> ops, List<String> notes) {

    public ChangeSetRef {
        validCheckSums = Set.copyOf(validCheckSums);
        ops = List.copyOf(ops);
        notes = List.copyOf(notes);
    }

    /** Full identity: id, author and logical file path. */
    public String key() {
        return filePath + "::" + id + "::" + author;
    }

    /** Identity without the file, used when a changeset moved between files. */
    public String idAndAuthor() {
        return id + "::" + author;
    }

    /** {@code author:id}, as users write it in waivers. */
    public String displayId() {
        return author + ":" + id;
    }

    /** {@code file:line}. */
    public String location() {
        return line > 0 ? filePath + ":" + line : filePath;
    }

    /** True when {@code checksum} differs from this changeset's but Liquibase would accept it. */
    public boolean acceptsChecksumOf(ChangeSetRef released) {
        if (runOnChange || runAlways) {
            return true;
        }
        if (validCheckSums.stream().anyMatch(v -> v.equalsIgnoreCase("ANY") || v.equalsIgnoreCase("1:any"))) {
            return true;
        }
        return validCheckSums.contains(released.checksum());
    }
}
