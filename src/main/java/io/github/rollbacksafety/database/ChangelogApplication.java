package io.github.rollbacksafety.database;

import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogReader;
import io.github.rollbacksafety.changelog.ChangelogRoots;
import io.github.rollbacksafety.changelog.ChangelogSource;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationFailedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies a changelog to a database with Liquibase's own {@code update}, as a deployment would: the same contexts,
 * labels and parameters as the static check, {@code dbms} that of the database. Runs inside the scope the static
 * check reads changelogs in (no analytics, no XSD fetching); {@code update} writes nothing into the working
 * directory.
 */
final class ChangelogApplication {

    /** A changeset as Liquibase identifies it. */
    record ChangeSetKey(String filePath, String id, String author) {
        static ChangeSetKey of(ChangeSet cs) {
            return new ChangeSetKey(cs.getFilePath(), cs.getId(), cs.getAuthor());
        }

        String idAndAuthor() {
            return id + "::" + author;
        }
    }

    /** The changeset that failed, with the database's word on why. */
    record Failure(Optional<ChangeSetKey> changeSet, String sqlState, String message) {
    }

    /**
     * What an update did.
     *
     * @param ran             changesets it ran, in order
     * @param failure         the changeset that stopped it
     * @param checksumsReset  released changesets had other checksums; they were accepted as a deployment with
     *                        {@code clear-checksums} would (the static rule reports the modification)
     * @param overlooked      what Liquibase's validation refused and was overlooked ({@link LenientChangeLog})
     */
    record Outcome(List<ChangeSetKey> ran, Optional<Failure> failure, boolean checksumsReset, List<String> overlooked) {
        Outcome(List<ChangeSetKey> ran, Optional<Failure> failure, boolean checksumsReset) {
            this(ran, failure, checksumsReset, List.of());
        }
    }

    /** Called before each changeset runs and once after the last; the database then holds all earlier ones. */
    interface Observer {
        Observer NONE = next -> { };

        /** @param next the changeset about to run, or empty after the last one */
        void before(Optional<ChangeSetKey> next);
    }

    private ChangelogApplication() {
    }

    /**
     * Liquibase's lock and history services are cached in factories whose maps are not made for concurrent updates:
     * two modules of a parallel reactor updating their own databases at once were seen to wait on each other's
     * changelog lock. Updates take turns; describing, the bulk of the work, does not.
     */
    private static final java.util.concurrent.locks.ReentrantLock UPDATES = new java.util.concurrent.locks.ReentrantLock();

    /** Applies a current changelog (on top of a released schema, or alone). */
    static Outcome apply(Connection connection, ChangelogSource source, ChangelogOptions options, Observer observer) {
        return apply(connection, source, options, observer, false);
    }

    /** Applies a released changelog to build the schema that release left behind (see {@link LenientChangeLog}). */
    static Outcome applyRelease(Connection connection, ChangelogSource source, ChangelogOptions options) {
        return apply(connection, source, options, Observer.NONE, true);
    }

    private static Outcome apply(Connection connection, ChangelogSource source, ChangelogOptions options,
                                 Observer observer, boolean rebuildsRelease) {
        UPDATES.lock();
        try (var roots = ChangelogRoots.open(source.roots(), source.classPath())) {
            var accessor = roots.accessor();
            var scope = new java.util.HashMap<>(ChangelogReader.scopeValues(accessor));
            // a private throwaway database: a held lock means something is wrong, not that someone is deploying
            scope.put("liquibase.changeLogLockWaitTimeInMinutes", 1);
            try {
                return Scope.child(scope, () -> update(connection, source, options, observer,
                        new Attempt(true, false, rebuildsRelease)));
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            return new Outcome(List.of(), Optional.of(failureOf(Optional.empty(), e)), false);
        } finally {
            UPDATES.unlock();
        }
    }

    /** How one {@code update} may go: whether it may still clear checksums, and whether it is the lenient one. */
    private record Attempt(boolean mayResetChecksums, boolean lenient, boolean rebuildsRelease) {
    }

    /**
     * Runs Liquibase's {@code update}. A changelog its validation refuses for what a deployment with the Liquibase
     * version that released it accepted (a changeset declared twice, an attribute this database ignores) is
     * updated again {@code lenient}ly, saying what was overlooked; a checksum mismatch of released changesets is
     * cleared as {@code clear-checksums} would.
     */
    private static Outcome update(Connection connection, ChangelogSource source, ChangelogOptions options,
                                  Observer observer, Attempt attempt) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                new JdbcConnection(connection));
        var forDatabase = new ChangelogOptions(options.parameters(), options.contexts(), options.labels(),
                Optional.of(database.getShortName()));
        var ran = new ArrayList<ChangeSetKey>();
        var failed = new AtomicReference<ChangeSetKey>();
        var listener = new AbstractChangeExecListener() {
            @Override
            public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database db,
                                ChangeSet.RunStatus runStatus) {
                observer.before(Optional.of(ChangeSetKey.of(changeSet)));
            }

            @Override
            public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database db, ChangeSet.ExecType type) {
                ran.add(ChangeSetKey.of(changeSet));
            }

            @Override
            public void runFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database db, Exception e) {
                failed.set(ChangeSetKey.of(changeSet));
            }
        };
        var parameters = ChangelogReader.parameters(forDatabase);
        var lenientLog = attempt.lenient() ? Optional.of(new LenientChangeLog(
                DatabaseChangelogCommandStep.getDatabaseChangeLog(source.master(), parameters, database),
                attempt.rebuildsRelease())) : Optional.<LenientChangeLog>empty();
        var command = new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, source.master())
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
                .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, listener)
                // Liquibase prints an update summary to standard output otherwise, into the build's log
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
        lenientLog.ifPresent(log -> command.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, log));
        options.contexts().filter(s -> !s.isBlank())
                .ifPresent(c -> command.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, c));
        options.labels().filter(s -> !s.isBlank())
                .ifPresent(l -> command.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG, l));
        try {
            command.execute();
            observer.before(Optional.empty());
            if (lenientLog.isPresent()) {
                clearChecksums(connection, lenientLog.get().repositioned());
            }
            return new Outcome(ran, Optional.empty(), false, lenientLog.map(LenientChangeLog::overlooked)
                    .orElse(List.of()));
        } catch (Exception e) {
            var refused = ran.isEmpty() && failed.get() == null;
            if (refused && !attempt.lenient() && refusedByValidation(e)) {
                return update(connection, source, options, observer,
                        new Attempt(attempt.mayResetChecksums(), true, attempt.rebuildsRelease()));
            }
            if (refused && attempt.mayResetChecksums() && checksumMismatch(e)) {
                clearChecksums(connection);
                var again = update(connection, source, options, observer,
                        new Attempt(false, attempt.lenient(), attempt.rebuildsRelease()));
                return new Outcome(again.ran(), again.failure(), true, again.overlooked());
            }
            return new Outcome(ran, Optional.of(failureOf(Optional.ofNullable(failed.get()), e)), false,
                    lenientLog.map(LenientChangeLog::overlooked).orElse(List.of()));
        }
    }

    private static boolean checksumMismatch(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationFailedException v && !v.getInvalidMD5Sums().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refused by Liquibase's validation (see {@link LenientChangeLog}): tried again leniently first, since a
     * changeset declared twice also shows as a checksum mismatch.
     */
    private static boolean refusedByValidation(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationFailedException v) {
                return !v.getMessage().contains("check sum") || v.getMessage().contains("duplicate identifiers")
                        || v.getMessage().contains("is not allowed on");
            }
        }
        return false;
    }

    private static void clearChecksums(Connection connection, List<ChangeSetKey> changeSets) throws SQLException {
        if (changeSets.isEmpty()) {
            return;
        }
        try (var s = connection.prepareStatement(
                "UPDATE DATABASECHANGELOG SET MD5SUM = NULL WHERE FILENAME = ? AND ID = ? AND AUTHOR = ?")) {
            for (var k : changeSets) {
                s.setString(1, k.filePath());
                s.setString(2, k.id());
                s.setString(3, k.author());
                s.executeUpdate();
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void clearChecksums(Connection connection) throws SQLException {
        try (var s = connection.createStatement()) {
            s.executeUpdate("UPDATE DATABASECHANGELOG SET MD5SUM = NULL");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static Failure failureOf(Optional<ChangeSetKey> changeSet, Throwable e) {
        SQLException sql = null;
        for (var t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
                break;
            }
        }
        if (sql != null) {
            return new Failure(changeSet, String.valueOf(sql.getSQLState()), brief(sql.getMessage()));
        }
        var deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return new Failure(changeSet, "", brief(String.valueOf(deepest.getMessage())));
    }

    /** A database message on one line (PostgreSQL's detail included), at most 400 characters. */
    static String brief(String message) {
        var m = message == null ? "" : message.strip().replaceAll("\\s+", " ");
        return m.length() <= 400 ? m : m.substring(0, 397) + "...";
    }
}
