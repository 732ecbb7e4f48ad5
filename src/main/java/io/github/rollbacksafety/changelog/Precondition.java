package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.Identifiers;

import java.util.List;

/**
 * A changeset precondition in the check's own terms, so that it can be evaluated against a replayed schema.
 * Anything that needs a live database (SQL checks, row counts, custom preconditions) is {@link Unknown}.
 */
public sealed interface Precondition {

    /** What Liquibase does when the precondition fails. */
    enum OnFail { HALT, CONTINUE, MARK_RAN, WARN }

    record TableExists(String table) implements Precondition {
        public TableExists {
            table = Identifiers.qualifiedName(table);
        }
    }

    record ViewExists(String view) implements Precondition {
        public ViewExists {
            view = Identifiers.qualifiedName(view);
        }
    }

    record ColumnExists(String table, String column) implements Precondition {
        public ColumnExists {
            table = Identifiers.qualifiedName(table);
            column = Identifiers.normalize(column);
        }
    }

    record SequenceExists(String sequence) implements Precondition {
        public SequenceExists {
            sequence = Identifiers.qualifiedName(sequence);
        }
    }

    /** {@code changeSetExecuted}; a null/blank file matches any file. */
    record ChangeSetExecuted(String id, String author, String file) implements Precondition {
    }

    /** The dbms precondition: holds when the checked dbms is one of these (or when no dbms is chosen). */
    record DbmsIs(List<String> dbms) implements Precondition {
    }

    record Not(List<Precondition> conditions) implements Precondition {
    }

    record And(List<Precondition> conditions) implements Precondition {
    }

    record Or(List<Precondition> conditions) implements Precondition {
    }

    /** Cannot be decided without a database. */
    record Unknown(String description) implements Precondition {
    }

    /** The preconditions of one changeset. */
    record Guard(Precondition condition, OnFail onFail) {
    }
}
