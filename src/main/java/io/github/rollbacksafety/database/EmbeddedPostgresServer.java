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
    private static final java.util.concurrent.atomic.AtomicBoolean START_REPORTED =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static volatile String startMessage = "";

    private EmbeddedPostgresServer() {
    }

    /** Starts the server in the background if it is not started yet, so that the static check overlaps it. */
    static void warmUp() {
        future();
    }

    /** A fresh, empty database on the server; started here if need be. */
    static ThrowawayDatabase newDatabase() {
        return create(server(), "");
    }

    private static Database create(EmbeddedPostgres pg, String template) {
        var name = "rollback_safety_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        for (int attempt = 1; ; attempt++) {
            try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + (template.isEmpty() ? "" : " TEMPLATE " + template));
                return new Database(pg, name);
            } catch (SQLException e) {
                // a template's last session may take a moment to end after its connection closed (55006)
                if (!"55006".equals(e.getSQLState()) || attempt == 20) {
                    throw new RollbackSafetyException("the embedded PostgreSQL server could not create a database: "
                            + e.getMessage(), e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RollbackSafetyException("interrupted", interrupted);
                }
            }
        }
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

    /** How the server started, to the first caller only (the build logs it once). */
    static java.util.Optional<String> startReport() {
        return !startMessage.isEmpty() && START_REPORTED.compareAndSet(false, true)
                ? java.util.Optional.of(startMessage) : java.util.Optional.empty();
    }

    private static EmbeddedPostgres start() {
        Path log = null;
        long began = System.nanoTime();
        try {
            var data = Files.createTempDirectory("rollback-safety-postgres-");
            log = data.resolveSibling(data.getFileName() + ".log");
            var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
            // zonky's own shutdown hook needs commons-io, whose class realm Maven has closed by then: this one
            // uses the JDK only
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(data), "rollback-safety-postgres-stop"));
            var pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    // a throwaway server: durability costs time and buys nothing
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "50")
                    .setOutputRedirector(redirect)
                    .setErrorRedirector(redirect)
                    .start();
            startMessage = String.format(java.util.Locale.ROOT,
                    "Embedded PostgreSQL started in %.1f s on port %d (once for this build)",
                    (System.nanoTime() - began) / 1e9, pg.getPort());
            return pg;
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new RollbackSafetyException(startFailure(e, log), e);
        }
    }

    /**
     * Stops the server (SIGTERM: PostgreSQL's smart shutdown; every connection of the check is closed by then) and
     * deletes its data directory and log. JDK classes only: it runs after Maven has closed the plugin's realm.
     */
    private static void stop(Path data) {
        try {
            var pidFile = data.resolve("postmaster.pid");
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // leave it to the operating system's temp cleaning
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(data.resolveSibling(data.getFileName() + ".log"));
        } catch (IOException | RuntimeException e) {
            // as above
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
        public java.util.Optional<ThrowawayDatabase> copy() {
            return java.util.Optional.of(create(pg, name));
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
