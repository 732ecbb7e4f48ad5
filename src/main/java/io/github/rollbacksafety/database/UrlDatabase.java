package io.github.rollbacksafety.database;

import io.github.rollbacksafety.RollbackSafetyException;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The user's throwaway database, reached by URL. It must be empty when a check starts (the check never runs DDL on a
 * database that might matter); closing empties it again, so that the next check of the build (another module,
 * another release of the rollback window) finds it empty too. Checks on the same URL take turns.
 */
final class UrlDatabase implements ThrowawayDatabase {

    private static final Map<String, ReentrantLock> IN_USE = new ConcurrentHashMap<>();

    private final DatabaseTarget.Url target;
    private final ReentrantLock lock;
    private final Dialect dialect;

    private UrlDatabase(DatabaseTarget.Url target, ReentrantLock lock, Dialect dialect) {
        this.target = target;
        this.lock = lock;
        this.dialect = dialect;
    }

    /** Opens the database after making sure it holds no table, view or sequence. */
    static UrlDatabase open(DatabaseTarget.Url target) {
        var lock = IN_USE.computeIfAbsent(target.url(), u -> new ReentrantLock());
        lock.lock();
        try (var c = JdbcDrivers.connect(target.url(), target.username(), target.password())) {
            var existing = userObjects(c);
            if (!existing.isEmpty()) {
                throw new RollbackSafetyException("database=" + target.label() + " is not empty: it holds "
                        + existing.size() + " object(s), e.g. " + existing.subList(0, Math.min(5, existing.size()))
                        + ". The database check applies both changelogs to the database it is given, so it only"
                        + " accepts an empty throwaway database or schema; point it at a fresh one, or use"
                        + " database=postgresql or database=h2.");
            }
            return new UrlDatabase(target, lock, Dialect.ofProduct(c.getMetaData().getDatabaseProductName()));
        } catch (SQLException e) {
            lock.unlock();
            throw new RollbackSafetyException("database=" + target.label() + ": cannot connect (" + e.getMessage()
                    + "); check the URL, databaseUsername and databasePassword.", e);
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /**
     * Tables, views and sequences in the connection's schema (in every non-system schema when the driver does not
     * name one), as {@code schema.name (type)}.
     */
    static List<String> userObjects(Connection c) throws SQLException {
        var schema = c.getSchema();
        var result = new ArrayList<String>();
        DatabaseMetaData meta = c.getMetaData();
        try (var rs = meta.getTables(c.getCatalog(), schema, "%", null)) {
            while (rs.next()) {
                var type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                var owner = String.valueOf(rs.getString("TABLE_SCHEM"));
                if (type.contains("SYSTEM") || type.contains("INDEX") || type.contains("TYPE")
                        || systemSchema(owner)) {
                    continue;
                }
                result.add(owner + "." + rs.getString("TABLE_NAME") + " (" + type.toLowerCase(Locale.ROOT) + ")");
            }
        }
        return result;
    }

    private static boolean systemSchema(String schema) {
        var s = schema.toLowerCase(Locale.ROOT);
        return s.equals("information_schema") || s.startsWith("pg_") || s.equals("sys") || s.equals("mysql")
                || s.equals("performance_schema");
    }

    @Override
    public Connection connect() throws SQLException {
        return JdbcDrivers.connect(target.url(), target.username(), target.password());
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String label() {
        return target.label();
    }

    /** Drops what the check created (the database was empty before it), then lets the next check in. */
    @Override
    public void close() {
        try (var c = connect()) {
            var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            database.dropDatabaseObjects(database.getDefaultSchema());
            database.commit();
        } catch (Exception e) {
            // left as it is; the next check refuses it with a clear message
        } finally {
            lock.unlock();
        }
    }
}
