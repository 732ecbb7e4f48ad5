package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.UsageIndex;
import io.github.rollbacksafety.schema.Schema;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code upsert-key-dropped}: a new changeset drops a unique constraint or unique index that a previous-release
 * upsert depends on: {@code INSERT ... ON CONFLICT (cols)} (or {@code ON CONSTRAINT name}) with exactly its
 * columns, {@code MERGE ... ON} those columns, or {@code INSERT ... ON DUPLICATE KEY UPDATE} on its table. Without a
 * matching unique index PostgreSQL rejects the statement on every call ("there is no unique or exclusion
 * constraint matching the ON CONFLICT specification"); MySQL and MERGE silently insert duplicates instead of
 * updating. A unique key with the same columns created again in the release (an index replaced) is fine.
 */
public final class UpsertKeyDroppedRule extends AbstractRule {

    public static final String ID = "upsert-key-dropped";

    public UpsertKeyDroppedRule() {
        super(ID, Severity.BREAKING, "Drops a unique constraint or index that a previous-release upsert depends on");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        if (!(change.op() instanceof SchemaOp.DropUnique drop)) {
            return List.of();
        }
        var key = keyOf(drop, context.before());
        if (key.isEmpty()) {
            return List.of(); // an index that is not unique, or one the replayed changelogs do not know
        }
        var table = context.previousTable(key.get().table());
        if (table.isEmpty() || recreated(key.get(), context.afterRelease())) {
            return List.of();
        }
        var columns = new HashSet<>(key.get().columns());
        var dependent = context.usage().upsertsInto(table.get()).stream()
                .filter(u -> dependsOn(u, drop.name(), columns))
                .map(UsageIndex.UpsertRef::query).distinct().toList();
        if (dependent.isEmpty()) {
            return List.of();
        }
        var clause = context.usage().upsertsInto(table.get()).stream()
                .filter(u -> dependent.contains(u.query())).map(u -> u.upsert().clause()).findFirst().orElse("");
        var message = "Drops unique key " + drop.name() + " " + key.get().columns() + " of " + table.get()
                + "; the previous release upserts with " + clause + " on it (" + evidence(dependent)
                + "), which fails or inserts duplicates without it.";
        var fix = "Expand/contract: keep the unique key until no release in the rollback window upserts on it: first"
                + " release an application that no longer relies on it (or create the replacing unique index first),"
                + " then drop it in a later release.";
        return List.of(violation(FindingObject.table(table.get()), message, fix, cap(dependent)));
    }

    private static Optional<Schema.UniqueKey> keyOf(SchemaOp.DropUnique drop, Schema before) {
        var known = before.unique(drop.name());
        if (known.isPresent()) {
            return known;
        }
        return drop.table().filter(t -> !drop.columns().isEmpty())
                .map(t -> new Schema.UniqueKey(t, drop.columns()));
    }

    private static boolean recreated(Schema.UniqueKey key, Schema after) {
        var columns = new HashSet<>(key.columns());
        return after.uniques().values().stream()
                .anyMatch(k -> k.table().equals(key.table()) && new HashSet<>(k.columns()).equals(columns));
    }

    private static boolean dependsOn(UsageIndex.UpsertRef ref, String name, java.util.Set<String> columns) {
        var upsert = ref.upsert();
        if (!upsert.constraint().isEmpty()) {
            return upsert.constraint().equals(name);
        }
        if (upsert.conflictColumns().isEmpty()) {
            return upsert.clause().startsWith("ON DUPLICATE KEY"); // any unique key of the table may be the one hit
        }
        return new HashSet<>(upsert.conflictColumns()).equals(columns);
    }
}
