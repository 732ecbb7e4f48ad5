package io.github.rollbacksafety.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A private in-memory H2 database in PostgreSQL mode. Not {@code DATABASE_TO_LOWER}: with it a second Liquibase
 * update on the same database fails ({@code databasechangelog already exists}).
 */
final class H2Database implements ThrowawayDatabase {

    private final String url = "jdbc:h2:mem:rollback-safety-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Override
    public Connection connect() throws SQLException {
        return JdbcDrivers.connect(url, "sa", "");
    }

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    public String label() {
        return "h2 (PostgreSQL mode)";
    }

    @Override
    public void close() {
        try (var c = connect(); var s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // an in-memory database that will not shut down is freed with the JVM
        }
    }
}
