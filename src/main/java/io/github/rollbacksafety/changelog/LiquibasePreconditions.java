package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.Identifiers;

import liquibase.precondition.PreconditionLogic;
import liquibase.precondition.core.AndPrecondition;
import liquibase.precondition.core.ChangeSetExecutedPrecondition;
import liquibase.precondition.core.ColumnExistsPrecondition;
import liquibase.precondition.core.DBMSPrecondition;
import liquibase.precondition.core.NotPrecondition;
import liquibase.precondition.core.OrPrecondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.SequenceExistsPrecondition;
import liquibase.precondition.core.TableExistsPrecondition;
import liquibase.precondition.core.ViewExistsPrecondition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Translates a changeset's Liquibase preconditions into a {@link Precondition.Guard}. */
final class LiquibasePreconditions {

    private LiquibasePreconditions() {
    }

    static Optional<Precondition.Guard> guard(PreconditionContainer container) {
        if (container == null || container.getNestedPreconditions().isEmpty()) {
            return Optional.empty();
        }
        var nested = container.getNestedPreconditions();
        // the container itself is an implicit AND
        Precondition condition = nested.size() == 1 ? translate(nested.get(0)) : new Precondition.And(translateAll(container));
        return Optional.of(new Precondition.Guard(condition, onFail(container.getOnFail())));
    }

    /** True when some part of the condition cannot be decided without a database. */
    static boolean hasUnknown(Precondition p) {
        if (p instanceof Precondition.Unknown) {
            return true;
        }
        if (p instanceof Precondition.And a) {
            return a.conditions().stream().anyMatch(LiquibasePreconditions::hasUnknown);
        }
        if (p instanceof Precondition.Or o) {
            return o.conditions().stream().anyMatch(LiquibasePreconditions::hasUnknown);
        }
        if (p instanceof Precondition.Not n) {
            return n.conditions().stream().anyMatch(LiquibasePreconditions::hasUnknown);
        }
        return false;
    }

    private static Precondition.OnFail onFail(PreconditionContainer.FailOption option) {
        if (option == null) {
            return Precondition.OnFail.HALT; // Liquibase's default
        }
        return switch (option) {
            case CONTINUE -> Precondition.OnFail.CONTINUE;
            case MARK_RAN -> Precondition.OnFail.MARK_RAN;
            case WARN -> Precondition.OnFail.WARN;
            default -> Precondition.OnFail.HALT;
        };
    }

    private static List<Precondition> translateAll(PreconditionLogic logic) {
        return logic.getNestedPreconditions().stream().map(LiquibasePreconditions::translate).toList();
    }

    private static Precondition translate(liquibase.precondition.Precondition p) {
        if (p instanceof TableExistsPrecondition t) {
            return new Precondition.TableExists(Identifiers.qualify(t.getSchemaName(), t.getTableName()));
        }
        if (p instanceof ColumnExistsPrecondition c) {
            return new Precondition.ColumnExists(Identifiers.qualify(c.getSchemaName(), c.getTableName()),
                    c.getColumnName());
        }
        if (p instanceof ViewExistsPrecondition v) {
            return new Precondition.ViewExists(Identifiers.qualify(v.getSchemaName(), v.getViewName()));
        }
        if (p instanceof SequenceExistsPrecondition s) {
            return new Precondition.SequenceExists(Identifiers.qualify(s.getSchemaName(), s.getSequenceName()));
        }
        if (p instanceof ChangeSetExecutedPrecondition c) {
            return new Precondition.ChangeSetExecuted(c.getId(), c.getAuthor(),
                    c.getChangeLogFile() == null ? "" : c.getChangeLogFile());
        }
        if (p instanceof DBMSPrecondition d) {
            var types = d.getType() == null ? List.<String>of()
                    : Arrays.stream(d.getType().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new Precondition.DbmsIs(types);
        }
        if (p instanceof NotPrecondition n) {
            return new Precondition.Not(translateAll(n));
        }
        if (p instanceof OrPrecondition o) {
            return new Precondition.Or(translateAll(o));
        }
        if (p instanceof AndPrecondition a) {
            return new Precondition.And(translateAll(a));
        }
        return new Precondition.Unknown(describe(p));
    }

    private static String describe(liquibase.precondition.Precondition p) {
        try {
            return p.getName();
        } catch (RuntimeException e) {
            return p.getClass().getSimpleName();
        }
    }
}
