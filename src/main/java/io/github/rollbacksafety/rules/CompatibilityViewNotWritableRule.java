package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.ViewWrites;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code compatibility-view-not-writable}: a new changeset renames or drops a table the previous release writes,
 * and the release keeps the old name as a view (the compatibility view that bridges reads), but the previous
 * release's writes cannot go through that view: it is not updatable (joins, DISTINCT, GROUP BY, aggregates, set
 * operations), or a column the previous release inserts or updates is one the view computes ({@code CASE},
 * expressions, functions). Those INSERTs, UPDATEs and DELETEs fail while the previous release runs.
 *
 * <p>Nothing is reported when the view's query could not be analysed, or when it reads another view (whose
 * writability is not known); a trigger created in the same release may be an {@code INSTEAD OF} trigger that makes
 * the view writable, so the finding is RISKY then.
 */
public final class CompatibilityViewNotWritableRule extends AbstractRule {

    public static final String ID = "compatibility-view-not-writable";

    private static final String FIX = "Keep the previous release's writes working until no release in the rollback"
            + " window writes the old name: make the compatibility view a plain projection of one table (no join,"
            + " DISTINCT, GROUP BY or aggregate) that passes the written columns through unchanged, or give it an"
            + " INSTEAD OF trigger that writes the new table; move computed values into the new table and compute"
            + " them in a later release.";

    public CompatibilityViewNotWritableRule() {
        super(ID, Severity.BREAKING, "Keeps a renamed or dropped table's name as a view the previous release's"
                + " writes cannot go through");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        String gone;
        String what;
        if (change.op() instanceof SchemaOp.RenameTable rename) {
            gone = rename.from();
            what = "Renames table " + rename.from() + " to " + rename.to();
        } else if (change.op() instanceof SchemaOp.DropTable drop) {
            gone = drop.table();
            what = "Drops table " + drop.table();
        } else {
            return List.of();
        }
        // only the change that moves the previous name away reports, and only for a table of the previous release
        if (context.before().table(gone).isEmpty() || !context.previousTable(gone).map(gone::equals).orElse(false)
                || context.previous().table(gone).isEmpty()) {
            return List.of();
        }
        var bridge = context.afterRelease().view(gone);
        if (bridge.isEmpty() || bridge.get().viewWrites().isEmpty() || context.usage().writersOf(gone).isEmpty()) {
            return List.of();
        }
        var writes = bridge.get().viewWrites().get();
        if (writes.baseRelation().flatMap(b -> context.afterRelease().view(b)).isPresent()) {
            return List.of(); // a view over a view: whether that one is writable is another question
        }
        var violations = writes.readOnlyBecause().isPresent()
                ? readOnly(context, gone, what, writes.readOnlyBecause().get())
                : computedColumnsWritten(context, gone, what, writes);
        if (triggerInRelease(context)) {
            return violations.stream().map(v -> new Violation(v.object(), v.message() + " The release creates a"
                    + " trigger: if it is an INSTEAD OF trigger on " + gone + ", the writes work.", v.fix(),
                    v.queries()).withSeverity(Severity.RISKY)).toList();
        }
        return violations;
    }

    private static List<Violation> readOnly(RuleContext context, String gone, String what, String because) {
        var writers = context.usage().writersOf(gone);
        return List.of(violation(FindingObject.view(gone), what + " and keeps " + gone + " as a view that no row"
                + " can be written through (it " + because + "); the previous release writes " + gone + " ("
                + evidence(writers) + ") and those writes fail while it still runs and after a rollback.", FIX,
                writers));
    }

    private static List<Violation> computedColumnsWritten(RuleContext context, String gone, String what,
                                                          ViewWrites writes) {
        // column -> the previous-release queries that write it although the view computes it
        var broken = new LinkedHashMap<String, LinkedHashSet<Query>>();
        for (var column : writes.computed().keySet()) {
            for (var ref : context.usage().columnRefs(gone, column)) {
                if (ref.access() == QueryUsage.Access.WRITE) {
                    broken.computeIfAbsent(column, c -> new LinkedHashSet<>()).add(ref.query());
                }
            }
        }
        if (!writes.computed().isEmpty()) {
            // an INSERT without a column list gives a value for every column, the computed ones too
            for (var insert : context.usage().insertsInto(gone)) {
                if (insert.positional()) {
                    var column = writes.computed().keySet().iterator().next();
                    broken.computeIfAbsent(column, c -> new LinkedHashSet<>())
                            .add(context.usage().queryOf(insert));
                }
            }
        }
        var violations = new ArrayList<Violation>();
        broken.forEach((column, queries) -> {
            var list = new ArrayList<>(queries);
            violations.add(violation(FindingObject.column(gone, column), what + " and keeps " + gone + " as a"
                    + " view whose column " + column + " is computed (" + writes.computedHow(column).orElse("")
                    + "), so it cannot be written; the previous release writes " + gone + "." + column + " ("
                    + evidence(list) + ") and those writes fail while it still runs and after a rollback.", FIX,
                    list));
        });
        return violations;
    }

    private static boolean triggerInRelease(RuleContext context) {
        return context.release().stream().map(c -> c.op().describe().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(d -> d.contains("trigger") && !d.startsWith("drop"));
    }
}
