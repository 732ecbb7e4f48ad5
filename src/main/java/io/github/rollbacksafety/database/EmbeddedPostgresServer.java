package io.github.rollbacksafety.database;

import io.github.rollbacksafety.RollbackSafetyException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL server of this JVM. It starts on first use (or early, in the background, through
 * {@link #warmUp()}), serves every check of the build (all modules of a {@code -T 4} reactor share the plugin's
 * class realm, hence this holder) with a fresh database each, and stops when the JVM exits. zonky extracts the
 * binaries once into {@code java.io.tmpdir/embedded-pg} and reuses them across builds.
 */
final class EmbeddedPostgresServer {

    private static final Object LOCK = new Object();
    private static CompletableFuture<EmbeddedPostgres> server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    /** Starts the server in the background if it is not started yet, so that the static check overlaps it. */
    static void warmUp() {
        future();
    }

    /** A fresh, empty database on the server; started here if need be. */
    static ThrowawayDatabase newDatabase() {
        var pg = server();
        var name = "rollback_safety_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new RollbackSafetyException("the embedded PostgreSQL server could not create a database: "
                    + e.getMessage(), e);
        }
        return new Database(pg, name);
    }

    private static CompletableFuture<EmbeddedPostgres> future() {
        synchronized (LOCK) {
            if (server == null) {
                server = CompletableFuture.supplyAsync(EmbeddedPostgresServer::start);
            }
            return server;
        }
    }

    private static EmbeddedPostgres server() {
        try {
            return future().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static EmbeddedPostgres start() {
        Path log = null;
        try {
            log = Files.createTempFile("rollback-safety-postgres", ".log");
            var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
            var pg = EmbeddedPostgres.builder()
                    // a throwaway server: durability costs time and buys nothing
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "50")
                    .setOutputRedirector(redirect)
                    .setErrorRedirector(redirect)
                    .start();
            Files.deleteIfExists(log);
            return pg;
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new RollbackSafetyException(startFailure(e, log), e);
        }
    }

    private static String startFailure(Throwable e, Path log) {
        var output = "";
        try {
            if (log != null && Files.isRegularFile(log)) {
                var lines = Files.readAllLines(log);
                output = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
            }
        } catch (IOException | RuntimeException ignored) {
            // the exception's message has to do
        }
        var root = "root".equals(System.getProperty("user.name"));
        return "database=postgresql: the embedded PostgreSQL server could not start (" + e.getMessage()
                + (output.isEmpty() ? "" : "; its output: " + output) + ")."
                + (root ? " PostgreSQL refuses to run as root; the plugin runs it through 'unshare -U', which needs"
                + " user namespaces (often blocked in containers)." : "")
                + " Alternatives: database=h2 (in memory, no native binaries, but a different dialect), or"
                + " database=jdbc:postgresql://host:port/db with databaseUsername/databasePassword pointing at an"
                + " empty throwaway PostgreSQL (e.g. a CI service container).";
    }

    /** One database of the shared server; closing it drops it. */
    private static final class Database implements ThrowawayDatabase {
        private final EmbeddedPostgres pg;
        private final String name;

        Database(EmbeddedPostgres pg, String name) {
            this.pg = pg;
            this.name = name;
        }

        @Override
        public Connection connect() throws SQLException {
            return pg.getDatabase("postgres", name).getConnection();
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public String label() {
            return "postgresql (embedded)";
        }

        @Override
        public void close() {
            try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // the server and its data directory go away with the JVM
            }
        }
    }
}
