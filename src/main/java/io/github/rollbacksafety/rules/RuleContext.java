package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.query.UsageIndex;
import io.github.rollbacksafety.schema.Schema;
import io.github.rollbacksafety.schema.SchemaBuilder;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule may ask while the engine walks the new changes in order: the previous release's schema and
 * usage, the schema just before the current change, and the lineage of names (what a table or column that
 * exists now was called in the previous release, or that it is new in this release).
 *
 * <p>The engine moves the context forward with {@link #advance(PlannedChange)} after every change; rules
 * must not keep it. Not thread-safe: one context per check.
 */
public final class RuleContext {

    /** A released changeset whose checksum differs now, with both checksums (computed before the rules run). */
    public record ModifiedChangeSet(ChangeSetRef released, ChangeSetRef current, String releasedChecksum,
                                    String currentChecksum) {
    }

    private final Schema previous;
    private final UsageIndex usage;
    private final List<PlannedChange> release;
    private final List<ChangeSetRef> removed;
    private final List<ModifiedChangeSet> modified;
    private final SchemaBuilder current;
    // follows `current`: copying the schema for every change would make the walk cost changes x tables
    private final Schema currentView;
    // current table name -> its name in the previous release; a null value marks a table new in this release
    private final Map<String, String> tableLineage = new HashMap<>();
    // previous table name -> (current column name -> previous column name, or null when new)
    private final Map<String, Map<String, String>> columnLineage = new HashMap<>();
    // current sequence name -> its name in the previous release; a null value marks a sequence new in this release
    private final Map<String, String> sequenceLineage = new HashMap<>();
    private Schema releaseEnd;

    public RuleContext(Schema previous, UsageIndex usage, List<PlannedChange> release, List<ChangeSetRef> removed,
                       List<ModifiedChangeSet> modified) {
        this.previous = previous;
        this.usage = usage;
        this.release = List.copyOf(release);
        this.removed = List.copyOf(removed);
        this.modified = List.copyOf(modified);
        this.current = new SchemaBuilder(previous);
        this.currentView = current.liveView();
    }

    /** The schema the previous release runs against. */
    public Schema previous() {
        return previous;
    }

    /** The previous release's queries, indexed. */
    public UsageIndex usage() {
        return usage;
    }

    /** Every new change of this release, in order. */
    public List<PlannedChange> release() {
        return release;
    }

    /** New changes after the given one (the rest of the release). */
    public List<PlannedChange> after(PlannedChange change) {
        return release.subList(Math.min(change.index() + 1, release.size()), release.size());
    }

    /** Released changesets that are gone from the current changelog. */
    public List<ChangeSetRef> removedChangeSets() {
        return removed;
    }

    /** Released changesets whose checksum changed. */
    public List<ModifiedChangeSet> modifiedChangeSets() {
        return modified;
    }

    /** The schema just before the current change: the previous schema plus the new changes before it. */
    public Schema before() {
        return currentView;
    }

    /**
     * The previous release's name of the table or view called {@code table} just before the current change;
     * empty when it was created (or re-created) in this release, so the previous release never saw it.
     */
    public Optional<String> previousTable(String table) {
        if (tableLineage.containsKey(table)) {
            return Optional.ofNullable(tableLineage.get(table));
        }
        return Optional.of(table);
    }

    /** The previous release's name of a column, or empty when the column or its table is new in this release. */
    public Optional<String> previousColumn(String table, String column) {
        var prevTable = previousTable(table);
        if (prevTable.isEmpty()) {
            return Optional.empty();
        }
        var columns = columnLineage.get(prevTable.get());
        if (columns != null && columns.containsKey(column)) {
            return Optional.ofNullable(columns.get(column));
        }
        return Optional.of(column);
    }

    /** The previous release's name of a sequence, or empty when it was created in this release. */
    public Optional<String> previousSequence(String sequence) {
        if (sequenceLineage.containsKey(sequence)) {
            return Optional.ofNullable(sequenceLineage.get(sequence));
        }
        return Optional.of(sequence);
    }

    /**
     * The schema at the end of the release: the previous schema plus every new change. A name of the previous
     * release that resolves here (a view under an old table name, a column added back under its old name) is a
     * bridge the previous release keeps working with.
     */
    public Schema afterRelease() {
        if (releaseEnd == null) {
            var builder = new SchemaBuilder(previous);
            release.forEach(c -> builder.apply(c.op()));
            releaseEnd = builder.snapshot();
        }
        return releaseEnd;
    }

    /** The ops after {@code change} in the same changeset, which Liquibase runs together with it. */
    public List<SchemaOp> restOfChangeSet(PlannedChange change) {
        var rest = new ArrayList<SchemaOp>();
        for (var later : after(change)) {
            if (!later.changeSet().key().equals(change.changeSet().key())) {
                break;
            }
            rest.add(later.op());
        }
        return rest;
    }

    /** Moves past a change: replays it on the current schema and the lineage. Called by the engine. */
    public void advance(PlannedChange change) {
        var op = change.op();
        if (op instanceof SchemaOp.CreateTable t) {
            tableLineage.put(t.table(), null);
        } else if (op instanceof SchemaOp.CreateView v) {
            if (!v.replace() || !before().relation(v.view()).isPresent()) {
                tableLineage.put(v.view(), null);
            }
        } else if (op instanceof SchemaOp.DropTable t) {
            tableLineage.put(t.table(), null);
        } else if (op instanceof SchemaOp.DropView v) {
            tableLineage.put(v.view(), null);
        } else if (op instanceof SchemaOp.RenameTable r) {
            var origin = previousTable(r.from()).orElse(null);
            tableLineage.put(r.from(), null);
            tableLineage.put(r.to(), origin);
        } else if (op instanceof SchemaOp.AddColumn a) {
            previousTable(a.table()).ifPresent(t -> columns(t).put(a.column().name(), null));
        } else if (op instanceof SchemaOp.DropColumn d) {
            previousTable(d.table()).ifPresent(t -> columns(t).put(d.column(), null));
        } else if (op instanceof SchemaOp.CreateSequence s) {
            sequenceLineage.put(s.sequence(), null);
        } else if (op instanceof SchemaOp.DropSequence s) {
            sequenceLineage.put(s.sequence(), null);
        } else if (op instanceof SchemaOp.RenameSequence r) {
            var origin = previousSequence(r.from()).orElse(null);
            sequenceLineage.put(r.from(), null);
            sequenceLineage.put(r.to(), origin);
        } else if (op instanceof SchemaOp.RenameColumn r) {
            var origin = previousColumn(r.table(), r.from()).orElse(null);
            previousTable(r.table()).ifPresent(t -> {
                columns(t).put(r.from(), null);
                columns(t).put(r.to(), origin);
            });
        }
        current.apply(op);
    }

    private Map<String, String> columns(String previousTable) {
        return columnLineage.computeIfAbsent(previousTable, k -> new HashMap<>());
    }
}
