package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the rules of the forward direction (new app + old schema) share. Their {@link RuleContext#usage()} holds the
 * current release's queries, which name objects as they are at the end of this release; the context walks the
 * release from the previous schema as for every rule, so these helpers follow a name from the change being checked
 * to the end of the release.
 */
abstract class ForwardRule extends AbstractRule {

    ForwardRule(String id, Severity severity, String summary) {
        super(id, severity, summary);
    }

    @Override
    public final Direction direction() {
        return Direction.FORWARD;
    }

    /** A column's names at the end of the release. */
    record EndColumn(String table, String column) {
        String display() {
            return table + "." + column;
        }
    }

    /**
     * The name that the relation called {@code table} right after {@code change} has at the end of the release:
     * later renames followed; empty when a later change drops it.
     */
    static Optional<String> tableAtReleaseEnd(PlannedChange change, RuleContext context, String table) {
        var name = table;
        for (var later : context.after(change)) {
            var op = later.op();
            if (op instanceof SchemaOp.RenameTable r && r.from().equals(name)) {
                name = r.to();
            } else if (op instanceof SchemaOp.DropTable d && d.table().equals(name)
                    || op instanceof SchemaOp.DropView v && v.view().equals(name)) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    /**
     * The names the column {@code table.column} right after {@code change} has at the end of the release: later
     * renames of it and of its table followed; empty when a later change drops it or its table.
     */
    static Optional<EndColumn> columnAtReleaseEnd(PlannedChange change, RuleContext context, String table,
                                                  String column) {
        var t = table;
        var c = column;
        for (var later : context.after(change)) {
            var op = later.op();
            if (op instanceof SchemaOp.RenameTable r && r.from().equals(t)) {
                t = r.to();
            } else if (op instanceof SchemaOp.RenameColumn r && r.table().equals(t) && r.from().equals(c)) {
                c = r.to();
            } else if (op instanceof SchemaOp.DropColumn d && d.table().equals(t) && d.column().equals(c)
                    || op instanceof SchemaOp.DropTable d2 && d2.table().equals(t)) {
                return Optional.empty();
            }
        }
        return Optional.of(new EndColumn(t, c));
    }

    /** Current-release queries that name the column, plus those that insert into its table positionally. */
    static List<Query> columnUsers(RuleContext context, EndColumn column, boolean writesOnly) {
        var queries = new LinkedHashSet<Query>();
        for (var ref : context.usage().columnRefs(column.table(), column.column())) {
            if (!writesOnly || ref.access() == QueryUsage.Access.WRITE) {
                queries.add(ref.query());
            }
        }
        for (var insert : context.usage().insertsInto(column.table())) {
            if (insert.positional() || insert.columns().contains(column.column())) {
                queries.add(context.usage().queryOf(insert));
            }
        }
        return new ArrayList<>(queries);
    }

    /** {@code changeset shop:2 at db/changelog/db.changelog-master.xml:20}. */
    static String provider(PlannedChange change) {
        return "changeset " + change.changeSet().displayId() + " at " + change.changeSet().location();
    }
}
