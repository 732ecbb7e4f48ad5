package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Liquibase changeset as the check sees it: identity, location, checksum and the schema operations it
 * performs. Free of Liquibase types and of Liquibase work: a changeset read by {@link ChangelogReader} may not know
 * its checksum yet, and only {@link ChangeSetDiff} (which runs before the rules) computes the ones it needs, when
 * the changeset's source text differs between both versions. Rules get those checksums as plain values with the
 * diff; {@link #checksum()} never reads a changelog. Immutable apart from that one-time computation.
 */
public final class ChangeSetRef {

    private final String id;
    private final String author;
    private final String filePath;
    private final int line;
    private final ChangeSetChecksum checksum;
    private final boolean runOnChange;
    private final boolean runAlways;
    private final Set<String> validCheckSums;
    private final Optional<Precondition.Guard> guard;
    private final List<SchemaOp> ops;
    private final List<String> notes;
    private final String variant;

    /**
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
    public ChangeSetRef(String id, String author, String filePath, int line, String checksum, boolean runOnChange,
                        boolean runAlways, Set<String> validCheckSums, Optional<Precondition.Guard> guard,
                        List<SchemaOp> ops, List<String> notes) {
        this(id, author, filePath, line, ChangeSetChecksum.known(Objects.requireNonNull(checksum, "checksum")),
                runOnChange, runAlways, validCheckSums, guard, ops, notes, "");
    }

    ChangeSetRef(String id, String author, String filePath, int line, ChangeSetChecksum checksum,
                 boolean runOnChange, boolean runAlways, Set<String> validCheckSums,
                 Optional<Precondition.Guard> guard, List<SchemaOp> ops, List<String> notes, String variant) {
        this.id = Objects.requireNonNull(id, "id");
        this.author = Objects.requireNonNull(author, "author");
        this.filePath = Objects.requireNonNull(filePath, "filePath");
        this.line = line;
        this.checksum = checksum;
        this.runOnChange = runOnChange;
        this.runAlways = runAlways;
        this.validCheckSums = Set.copyOf(validCheckSums);
        this.guard = Objects.requireNonNull(guard, "guard");
        this.ops = List.copyOf(ops);
        this.notes = List.copyOf(notes);
        this.variant = Objects.requireNonNull(variant, "variant");
    }

    public String id() {
        return id;
    }

    public String author() {
        return author;
    }

    public String filePath() {
        return filePath;
    }

    public int line() {
        return line;
    }

    /**
     * Liquibase checksum ({@code 9:...}) when known: given, computed while reading, or computed by
     * {@link ChangeSetDiff}. Empty when nobody needed it; never reads the changelog.
     */
    public Optional<String> checksum() {
        return checksum.isKnown() ? Optional.of(checksum.value()) : Optional.empty();
    }

    /** Liquibase checksum, computed now (by reading the changelog again) if not known yet. */
    String computedChecksum() {
        return checksum.value();
    }

    public boolean runOnChange() {
        return runOnChange;
    }

    public boolean runAlways() {
        return runAlways;
    }

    public Set<String> validCheckSums() {
        return validCheckSums;
    }

    public Optional<Precondition.Guard> guard() {
        return guard;
    }

    public List<SchemaOp> ops() {
        return ops;
    }

    public List<String> notes() {
        return notes;
    }

    /** Full identity: id, author and logical file path. */
    public String key() {
        return filePath + "::" + id + "::" + author;
    }

    /**
     * What tells apart twins: changesets of one file with the same id and author written once per database,
     * context or label ({@code dbms}, {@code context}, {@code labels}); empty for a changeset without those.
     */
    public String variant() {
        return variant;
    }

    /** {@link #key()} plus {@link #variant()}: unique among the changesets one read returns. */
    public String twinKey() {
        return variant.isEmpty() ? key() : key() + "::" + variant;
    }

    /** Why this changeset's checksum cannot be computed (custom change class not loadable, missing file). */
    public Optional<String> checksumUnknownBecause() {
        return checksum.unknownBecause();
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

    /** True when Liquibase accepts {@code releasedChecksum} for this changeset although its own differs. */
    boolean acceptsChecksum(String releasedChecksum) {
        return acceptsEveryChecksum() || validCheckSums.contains(releasedChecksum);
    }

    /** True when Liquibase accepts any change of this changeset (runOnChange, runAlways, validCheckSum ANY). */
    public boolean acceptsEveryChecksum() {
        return runOnChange || runAlways
                || validCheckSums.stream().anyMatch(v -> v.equalsIgnoreCase("ANY") || v.equalsIgnoreCase("1:any"));
    }

    /**
     * Whether this changeset and {@code other} certainly have the same checksum ({@code true}) or certainly not
     * ({@code false}), decided without computing a checksum; empty when only {@link #checksum()} can tell.
     */
    public Optional<Boolean> sameChecksumWithoutComputing(ChangeSetRef other) {
        return checksum.sameWithoutComputing(other.checksum);
    }

    /** The checksum's state, for {@link StoredChangeSet}. */
    ChangeSetChecksum checksumState() {
        return checksum;
    }

    /** Whether the checksum is known without computing it (tests observe laziness through this). */
    boolean checksumComputed() {
        return checksum.isKnown();
    }

    /** Computes the checksums of all {@code changeSets} that are not known yet, reading each changelog once. */
    static void computeChecksums(Collection<ChangeSetRef> changeSets) {
        var checksums = new ArrayList<ChangeSetChecksum>(changeSets.size());
        changeSets.forEach(cs -> checksums.add(cs.checksum));
        ChangeSetChecksum.resolveAll(checksums);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ChangeSetRef other
                && id.equals(other.id) && author.equals(other.author) && filePath.equals(other.filePath)
                && line == other.line && checksum.equals(other.checksum) && runOnChange == other.runOnChange
                && runAlways == other.runAlways && validCheckSums.equals(other.validCheckSums)
                && guard.equals(other.guard) && ops.equals(other.ops) && notes.equals(other.notes)
                && variant.equals(other.variant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, author, filePath, line, checksum, runOnChange, runAlways, validCheckSums, guard, ops,
                notes, variant);
    }

    @Override
    public String toString() {
        return "ChangeSetRef[id=" + id + ", author=" + author + ", filePath=" + filePath + ", line=" + line
                + ", checksum=" + checksum + ", runOnChange=" + runOnChange + ", runAlways=" + runAlways
                + ", validCheckSums=" + validCheckSums + ", guard=" + guard + ", ops=" + ops + ", notes=" + notes + (variant.isEmpty() ? "" : ", variant=" + variant) + "]";
    }
}
