package io.github.rollbacksafety.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One empty database that a single check may fill: it applies changelogs and describes queries there, then
 * {@link #close()} throws it away (drops it, shuts it down, or empties the user's throwaway database again).
 */
public interface ThrowawayDatabase extends AutoCloseable {

    /** A new connection; the caller closes it. */
    Connection connect() throws SQLException;

    Dialect dialect();

    /** How reports name it, e.g. {@code postgresql 14.22}. */
    String label();

    /**
     * A new database with the same content, when the server can make one cheaply (PostgreSQL's
     * {@code CREATE DATABASE ... TEMPLATE}); every connection to this one must be closed first.
     */
    default java.util.Optional<ThrowawayDatabase> copy() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
