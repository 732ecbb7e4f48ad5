package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.SchemaOp;
import io.github.rollbacksafety.schema.TypeChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code needs-new-schema} (forward: new app + old schema): a current-release query uses a table, view, column or
 * sequence that exists only after this release's changesets (created, added or renamed by them), or writes a
 * column whose type a new changeset changes so that the previous type cannot hold every value of the new one.
 * Until the migration has run, those queries fail. The finding goes to the change that gives the object the name
 * the current release uses; a name that a later change of the release renames or drops is left to that change.
 */
public final class NeedsNewSchemaRule extends ForwardRule {

    public static final String ID = "needs-new-schema";

    public NeedsNewSchemaRule() {
        super(ID, Severity.RISKY, "A current-release query uses a table or column that only this release's"
                + " changesets provide (new app + old schema)");
    }

    @Override
    public List<Violation> check(PlannedChange change, RuleContext context) {
        var op = change.op();
        if (op instanceof SchemaOp.CreateTable t) {
            return relation(change, context, t.table(), "Creates table " + t.table(),
                    t.columns().stream().map(c -> c.name()).toList());
        }
        if (op instanceof SchemaOp.CreateView v) {
            return relation(change, context, v.view(), (v.replace() ? "Creates or replaces view " : "Creates view ")
                    + v.view(), v.columns());
        }
        if (op instanceof SchemaOp.RenameTable r) {
            return relation(change, context, r.to(), "Renames table " + r.from() + " to " + r.to(),
                    context.before().relation(r.from()).map(rel -> List.copyOf(rel.columns().keySet()))
                            .orElse(List.of()));
        }
        if (op instanceof SchemaOp.AddColumn a) {
            return column(change, context, a.table(), a.column().name(), "Adds " + a.table() + "."
                    + a.column().name());
        }
        if (op instanceof SchemaOp.RenameColumn r) {
            return column(change, context, r.table(), r.to(), "Renames " + r.table() + "." + r.from() + " to "
                    + r.to());
        }
        if (op instanceof SchemaOp.CreateSequence s) {
            return sequence(change, context, s.sequence(), "Creates sequence " + s.sequence());
        }
        if (op instanceof SchemaOp.RenameSequence s) {
            return sequence(change, context, s.to(), "Renames sequence " + s.from() + " to " + s.to());
        }
        if (op instanceof SchemaOp.AlterType a) {
            return type(change, context, a);
        }
        return List.of();
    }

    /** A relation created or renamed to {@code name}; when the previous schema had one of that name, its new columns. */
    private static List<Violation> relation(PlannedChange change, RuleContext context, String name, String what,
                                            List<String> columns) {
        var end = tableAtReleaseEnd(change, context, name);
        if (end.isEmpty() || !end.get().equals(name)) {
            return List.of(); // dropped later, or a later rename gives the name the current release uses
        }
        var old = context.previous().relation(name);
        if (old.isPresent()) {
            // re-created under a name the previous schema has: only columns it lacks are new
            if (!old.get().columnsKnown()) {
                return List.of();
            }
            var violations = new ArrayList<Violation>();
            for (var column : columns) {
                if (!old.get().hasColumn(column)) {
                    var endColumn = columnAtReleaseEnd(change, context, name, column);
                    if (endColumn.isPresent() && endColumn.get().column().equals(column)) {
                        violations.addAll(columnUsed(change, context, endColumn.get(), what + " with column "
                                + column));
                    }
                }
            }
            return violations;
        }
        var users = distinct(context.usage().usersOf(name), context.usage().writersOf(name),
                context.usage().starReadersOf(name));
        if (users.isEmpty()) {
            return List.of();
        }
        var object = context.before().view(name).isPresent() || change.op() instanceof SchemaOp.CreateView
                ? FindingObject.view(name) : FindingObject.table(name);
        return List.of(violation(object, what + " (" + provider(change) + "); the current release uses " + name
                + " (" + evidence(users, Direction.FORWARD) + ") and those queries fail on the previous schema"
                + " until the migration has run.", fix(name), users));
    }

    private static List<Violation> column(PlannedChange change, RuleContext context, String table, String column,
                                          String what) {
        var end = columnAtReleaseEnd(change, context, table, column);
        if (end.isEmpty() || !end.get().column().equals(column)) {
            return List.of(); // dropped later, or a later rename gives the name the current release uses
        }
        var previousTable = context.previousTable(table);
        if (previousTable.isEmpty()) {
            return List.of(); // the table itself is new: its own finding covers the columns
        }
        if (context.previous().column(previousTable.get(), column).isPresent()) {
            return List.of(); // the previous schema has a column of that name (dropped and added back)
        }
        return columnUsed(change, context, end.get(), what);
    }

    private static List<Violation> columnUsed(PlannedChange change, RuleContext context, EndColumn end,
                                              String what) {
        var users = columnUsers(context, end, false);
        if (users.isEmpty()) {
            return List.of();
        }
        return List.of(violation(FindingObject.column(end.table(), end.column()), what + " (" + provider(change)
                + "); the current release " + accessVerbOf(context, end) + " " + end.display() + " ("
                + evidence(users, Direction.FORWARD) + ") and those queries fail on the previous schema, which"
                + " lacks the column, until the migration has run.", fix(end.display()), users));
    }

    private static String accessVerbOf(RuleContext context, EndColumn column) {
        var refs = context.usage().columnRefs(column.table(), column.column());
        return refs.isEmpty() ? "inserts into " + column.table() + " positionally, giving a value for"
                : accessVerb(refs);
    }

    private static List<Violation> sequence(PlannedChange change, RuleContext context, String name, String what) {
        if (context.previous().hasSequence(name) || laterTouchesSequence(change, context, name)) {
            return List.of();
        }
        var users = context.usage().usersOfSequence(name);
        if (users.isEmpty()) {
            return List.of();
        }
        return List.of(violation(FindingObject.sequence(name), what + " (" + provider(change) + "); the current"
                + " release uses it (" + evidence(users, Direction.FORWARD) + ") and those queries fail on the"
                + " previous schema until the migration has run.", fix(name), users));
    }

    private static boolean laterTouchesSequence(PlannedChange change, RuleContext context, String name) {
        return context.after(change).stream().anyMatch(c -> c.op() instanceof SchemaOp.DropSequence d
                && d.sequence().equals(name) || c.op() instanceof SchemaOp.RenameSequence r && r.from().equals(name));
    }

    /**
     * A type change after which values the current release writes may not fit the previous type: going back from
     * the new type to the previous one would narrow it or change its family. Only the last type change of the
     * column in the release counts, compared with the previous schema's type.
     */
    private static List<Violation> type(PlannedChange change, RuleContext context, SchemaOp.AlterType alter) {
        var previous = previousColumn(context, alter.table(), alter.column());
        if (previous.isEmpty() || context.after(change).stream().anyMatch(c -> c.op() instanceof SchemaOp.AlterType
                a && a.table().equals(alter.table()) && a.column().equals(alter.column()))) {
            return List.of();
        }
        Optional<ColumnType> oldType = context.previous().column(previous.get().table(), previous.get().column())
                .flatMap(c -> c.type());
        if (oldType.isEmpty()) {
            return List.of();
        }
        var forward = TypeChange.between(oldType.get(), alter.newType());
        var back = TypeChange.between(alter.newType(), oldType.get());
        if (forward.compatibility() == TypeChange.Compatibility.UNKNOWN
                || back.compatibility() != TypeChange.Compatibility.BREAKING) {
            return List.of();
        }
        var end = columnAtReleaseEnd(change, context, alter.table(), alter.column());
        if (end.isEmpty()) {
            return List.of();
        }
        List<Query> writers = columnUsers(context, end.get(), true);
        if (writers.isEmpty()) {
            return List.of();
        }
        var old = previous.get();
        return List.of(violation(FindingObject.column(end.get().table(), end.get().column()), "Changes the type of "
                + old.display() + " from " + oldType.get().raw() + " to " + alter.newType().raw() + " ("
                + provider(change) + "); the current release writes " + end.get().display() + " ("
                + evidence(writers, Direction.FORWARD) + "), and a value that needs the new type is rejected or"
                + " truncated by the previous schema until the migration has run.", fix(old.display()), writers));
    }

    private static String fix(String object) {
        return "Run the migration before the new code starts (a separate migration step or job that completes"
                + " before the rollout, not the start-up of the first new instance), or make the code tolerate the"
                + " absence of " + object + " (behind a feature flag switched on once the migration has run).";
    }
}
