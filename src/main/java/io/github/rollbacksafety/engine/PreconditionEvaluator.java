package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.Precondition;
import io.github.rollbacksafety.query.UsageIndex;
import io.github.rollbacksafety.schema.Identifiers;
import io.github.rollbacksafety.schema.Schema;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates changeset preconditions statically, against the schema a database would have at that point
 * (the previous release's schema plus the new changes before it) and the changesets that ran. What needs a
 * live database ({@code sqlCheck}, row counts, custom preconditions) is {@link Outcome#UNKNOWN}.
 *
 * <p>Real histories often do not start from an empty database: a base schema comes from a snapshot changelog, a
 * script or another module, and changesets are guarded with {@code tableExists}/{@code columnExists}. So an object
 * the replayed history does not know is UNKNOWN (Liquibase runs the changeset against the real database), unless
 * the previous release's queries use it (then it exists) or the history dropped it (then it does not). A column of
 * a table the history created and knows is decided by that table.
 */
final class PreconditionEvaluator {

    enum Outcome { HOLDS, FAILS, UNKNOWN }

    private final Optional<String> dbms;
    private final UsageIndex usage;
    private final Set<String> goneTables = new HashSet<>();
    private final Set<String> goneColumns = new HashSet<>();
    private final Set<String> goneSequences = new HashSet<>();

    PreconditionEvaluator(Optional<String> dbms) {
        this(dbms, UsageIndex.empty());
    }

    /**
     * @param usage the previous release's queries: a table, column or sequence they use exists on its database
     */
    PreconditionEvaluator(Optional<String> dbms, UsageIndex usage) {
        this.dbms = dbms.map(d -> d.toLowerCase(Locale.ROOT));
        this.usage = usage;
    }

    /** Records what a changeset that ran dropped (known to be absent afterwards) or created again. */
    void ran(ChangeSetRef changeSet) {
        for (var op : changeSet.ops()) {
            if (op instanceof SchemaOp.DropTable d) {
                goneTables.add(table(d.table()));
            } else if (op instanceof SchemaOp.DropView d) {
                goneTables.add(table(d.view()));
            } else if (op instanceof SchemaOp.RenameTable r) {
                goneTables.add(table(r.from()));
                goneTables.remove(table(r.to()));
            } else if (op instanceof SchemaOp.CreateTable c) {
                goneTables.remove(table(c.table()));
            } else if (op instanceof SchemaOp.CreateView c) {
                goneTables.remove(table(c.view()));
            } else if (op instanceof SchemaOp.DropColumn d) {
                goneColumns.add(column(d.table(), d.column()));
            } else if (op instanceof SchemaOp.RenameColumn r) {
                goneColumns.add(column(r.table(), r.from()));
                goneColumns.remove(column(r.table(), r.to()));
            } else if (op instanceof SchemaOp.AddColumn a) {
                goneColumns.remove(column(a.table(), a.column().name()));
            } else if (op instanceof SchemaOp.DropSequence d) {
                goneSequences.add(table(d.sequence()));
            } else if (op instanceof SchemaOp.RenameSequence r) {
                goneSequences.add(table(r.from()));
                goneSequences.remove(table(r.to()));
            } else if (op instanceof SchemaOp.CreateSequence c) {
                goneSequences.remove(table(c.sequence()));
            }
        }
    }

    /** The schema's name for a precondition's (possibly schema-qualified) relation name. */
    private static String relationKey(Schema schema, String name) {
        var keys = schema.names().resolveRelation(name, schema).keys();
        return keys.size() == 1 ? keys.get(0) : schema.names().canonical(name);
    }

    private static String table(String name) {
        return Identifiers.bareName(name);
    }

    private static String column(String table, String column) {
        return Identifiers.bareName(table) + "." + Identifiers.normalize(column);
    }

    private Outcome tableExists(String name, Optional<?> inSchema) {
        if (inSchema.isPresent()) {
            return Outcome.HOLDS;
        }
        if (goneTables.contains(table(name))) {
            return Outcome.FAILS;
        }
        return usage.usersOf(name).isEmpty() ? Outcome.UNKNOWN : Outcome.HOLDS;
    }

    private Outcome columnExists(Schema schema, String tableName, String columnName) {
        if (schema.column(tableName, columnName).isPresent() || !usage.usersOfColumn(tableName, columnName).isEmpty()) {
            return Outcome.HOLDS;
        }
        if (goneColumns.contains(column(tableName, columnName)) || goneTables.contains(table(tableName))) {
            return Outcome.FAILS;
        }
        // a table the history knows has the columns the history gave it; of an unknown table nothing is known
        return schema.relation(tableName).isPresent() ? Outcome.FAILS : Outcome.UNKNOWN;
    }

    private Outcome sequenceExists(Schema schema, String name) {
        if (schema.hasSequence(name) || !usage.usersOfSequence(name).isEmpty()) {
            return Outcome.HOLDS;
        }
        return goneSequences.contains(table(name)) ? Outcome.FAILS : Outcome.UNKNOWN;
    }

    Outcome evaluate(Precondition p, Schema schema, Collection<ChangeSetRef> executed) {
        if (p instanceof Precondition.TableExists t) {
            var table = relationKey(schema, t.table());
            return tableExists(table, schema.table(table));
        } else if (p instanceof Precondition.ViewExists v) {
            var view = relationKey(schema, v.view());
            return tableExists(view, schema.view(view));
        } else if (p instanceof Precondition.ColumnExists c) {
            return columnExists(schema, relationKey(schema, c.table()), c.column());
        } else if (p instanceof Precondition.SequenceExists s) {
            var keys = schema.names().resolveSequence(s.sequence(), schema).keys();
            return sequenceExists(schema, keys.size() == 1 ? keys.get(0) : schema.names().canonical(s.sequence()));
        } else if (p instanceof Precondition.ChangeSetExecuted e) {
            return of(executed.stream().anyMatch(cs -> cs.id().equals(e.id()) && cs.author().equals(e.author())
                    && (e.file() == null || e.file().isBlank() || cs.filePath().endsWith(e.file())
                    || e.file().endsWith(cs.filePath()))));
        } else if (p instanceof Precondition.DbmsIs d) {
            if (dbms.isEmpty()) {
                return Outcome.HOLDS;
            }
            return of(d.dbms().stream().map(x -> x.strip().toLowerCase(Locale.ROOT))
                    .anyMatch(x -> x.equals(dbms.get()) || x.equals("all")));
        } else if (p instanceof Precondition.Not n) {
            // Liquibase's <not> negates each nested precondition and requires all of them to hold
            var result = Outcome.HOLDS;
            for (var c : n.conditions()) {
                result = and(result, negate(evaluate(c, schema, executed)));
            }
            return result;
        } else if (p instanceof Precondition.And a) {
            var result = Outcome.HOLDS;
            for (var c : a.conditions()) {
                result = and(result, evaluate(c, schema, executed));
            }
            return result;
        } else if (p instanceof Precondition.Or o) {
            var result = Outcome.FAILS;
            for (var c : o.conditions()) {
                result = or(result, evaluate(c, schema, executed));
            }
            return result;
        }
        return Outcome.UNKNOWN;
    }

    private static Outcome of(boolean holds) {
        return holds ? Outcome.HOLDS : Outcome.FAILS;
    }

    private static Outcome negate(Outcome o) {
        return o == Outcome.HOLDS ? Outcome.FAILS : o == Outcome.FAILS ? Outcome.HOLDS : Outcome.UNKNOWN;
    }

    private static Outcome and(Outcome a, Outcome b) {
        if (a == Outcome.FAILS || b == Outcome.FAILS) {
            return Outcome.FAILS;
        }
        return a == Outcome.UNKNOWN || b == Outcome.UNKNOWN ? Outcome.UNKNOWN : Outcome.HOLDS;
    }

    private static Outcome or(Outcome a, Outcome b) {
        if (a == Outcome.HOLDS || b == Outcome.HOLDS) {
            return Outcome.HOLDS;
        }
        return a == Outcome.UNKNOWN || b == Outcome.UNKNOWN ? Outcome.UNKNOWN : Outcome.FAILS;
    }
}
