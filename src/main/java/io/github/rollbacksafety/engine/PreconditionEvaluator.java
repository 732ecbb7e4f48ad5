package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.Precondition;
import io.github.rollbacksafety.schema.Schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates changeset preconditions statically, against the schema a database would have at that point
 * (the previous release's schema plus the new changes before it) and the changesets that ran. What needs a
 * live database ({@code sqlCheck}, row counts, custom preconditions) is {@link Outcome#UNKNOWN}.
 */
final class PreconditionEvaluator {

    enum Outcome { HOLDS, FAILS, UNKNOWN }

    private final Optional<String> dbms;

    PreconditionEvaluator(Optional<String> dbms) {
        this.dbms = dbms.map(d -> d.toLowerCase(Locale.ROOT));
    }

    Outcome evaluate(Precondition p, Schema schema, Collection<ChangeSetRef> executed) {
        if (p instanceof Precondition.TableExists t) {
            return of(schema.table(t.table()).isPresent());
        } else if (p instanceof Precondition.ViewExists v) {
            return of(schema.view(v.view()).isPresent());
        } else if (p instanceof Precondition.ColumnExists c) {
            return of(schema.column(c.table(), c.column()).isPresent());
        } else if (p instanceof Precondition.SequenceExists s) {
            return of(schema.hasSequence(s.sequence()));
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
