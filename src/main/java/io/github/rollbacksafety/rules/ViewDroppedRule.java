package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code view-dropped}: a new changeset drops a view the previous release uses, renames it, or replaces it with a
 * definition that no longer has a column the previous release reads from it. Dropping and re-creating a view with
 * every used column (the usual way to redefine one) is fine.
 */
public final class ViewDroppedRule extends AbstractRule {

    public static final String ID = "view-dropped";

    private static final String FIX = "Expand/contract: keep the view, with every column the previous release"
            + " reads, until no release in the rollback window uses it; add new columns at the end of the view and"
            + " put new shapes in a new view. Drop or narrow the old view in a later release.";

    public ViewDroppedRule() {
        super(ID, Severity.BREAKING, "Drops, renames or replaces away a view the previous release uses");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        var op = change.op();
        if (op instanceof SchemaOp.DropView drop) {
            return context.previousTable(drop.view()).map(view -> relationGone(context, view,
                    FindingObject.view(view), "Drops view " + view + nowCalled(view, drop.view()), FIX))
                    .orElse(List.of());
        }
        if (op instanceof SchemaOp.RenameTable rename && context.before().view(rename.from()).isPresent()) {
            return context.previousTable(rename.from()).map(view -> relationGone(context, view,
                    FindingObject.view(view), "Renames view " + view + " to " + rename.to(), FIX))
                    .orElse(List.of());
        }
        if (op instanceof SchemaOp.CreateView create && create.replace() && !create.columns().isEmpty()
                && context.before().view(create.view()).isPresent()) {
            return context.previousTable(create.view()).map(view -> replaced(context, create, view))
                    .orElse(List.of());
        }
        return List.of();
    }

    private static List<Violation> replaced(RuleContext context, SchemaOp.CreateView create, String view) {
        // the previous schema may not know the view's columns (unanalysed SQL); the replayed one may
        var candidates = new LinkedHashSet<String>();
        context.previous().relation(view).ifPresent(r -> candidates.addAll(r.columns().keySet()));
        context.before().relation(create.view()).ifPresent(r -> candidates.addAll(r.columns().keySet()));
        // a later redefinition that brings the column back bridges this one
        var atEnd = context.afterRelease().relation(view);
        var missing = new ArrayList<String>();
        for (var column : candidates) {
            var back = atEnd.map(r -> !r.columnsKnown() || r.hasColumn(column)).orElse(false);
            if (!create.columns().contains(column) && !back && !context.usage().columnRefs(view, column).isEmpty()) {
                missing.add(column);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        var broken = usersOfColumns(context, view, missing);
        return List.of(violation(FindingObject.view(view), "Replaces view " + view + " with a definition without"
                + " columns " + missing + ", which the previous release reads from it (" + evidence(broken) + ").",
                FIX, broken));
    }
}
