package io.github.rollbacksafety.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * Has the database describe a statement without running it. H2 resolves every name when it prepares; pgjdbc
 * prepares lazily and validates nothing until a describe is forced, which {@code getParameterMetaData()} does
 * (Parse + Describe, never Execute). A PostgreSQL describe that fails only because a parameter has no type
 * ({@code ? IS NULL}: 42P18, {@code ? + ?}: 42725) is tried again with typed parameters.
 */
final class StatementDescriber {

    /** The types tried, in order, for parameters PostgreSQL cannot type from the statement. */
    private static final int[] PARAMETER_TYPES = {Types.VARCHAR, Types.BIGINT, Types.NUMERIC, Types.TIMESTAMP,
            Types.BOOLEAN};

    /** A describe that failed: the SQLSTATE and the database's message; empty SQLSTATE when it gave none. */
    record Error(String sqlState, String message) {
        static Error of(SQLException e) {
            return new Error(e.getSQLState() == null ? "" : e.getSQLState(), ChangelogApplication.brief(e.getMessage()));
        }
    }

    private final Connection connection;
    private final Dialect dialect;

    StatementDescriber(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** Empty when the database accepts the statement, else its error. */
    Optional<Error> describe(String sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (dialect != Dialect.H2) {
                ps.getParameterMetaData();
            }
            return Optional.empty();
        } catch (SQLException e) {
            if (dialect == Dialect.POSTGRESQL && ErrorClassification.untypedParameters(e.getSQLState())) {
                return retryTyped(sql, Error.of(e));
            }
            return Optional.of(Error.of(e));
        }
    }

    /** The first typing that describes cleanly wins; a name error under any typing is the answer. */
    private Optional<Error> retryTyped(String sql, Error untyped) {
        var last = untyped;
        for (int type : PARAMETER_TYPES) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 1; i <= 10_000; i++) {
                    try {
                        ps.setNull(i, type);
                    } catch (SQLException outOfRange) {
                        break;
                    }
                }
                ps.getParameterMetaData();
                return Optional.empty();
            } catch (SQLException e) {
                var error = Error.of(e);
                if (ErrorClassification.classify(dialect, ErrorClassification.Stage.QUERY, error.sqlState())
                        == ErrorClassification.Outcome.BREAK && !typeError(error.sqlState())) {
                    return Optional.of(error);
                }
                last = ErrorClassification.untypedParameters(error.sqlState()) ? last : error;
            }
        }
        // still untyped or mistyped under every guess: report as untyped, which is never a break
        return Optional.of(new Error(untyped.sqlState(), untyped.message()
                + (last == untyped ? "" : " (with typed parameters: " + last.message() + ")")));
    }

    /** Errors a wrong guess of parameter types causes by itself. */
    private static boolean typeError(String sqlState) {
        return sqlState.equals("42883") || sqlState.equals("42804") || sqlState.equals("42846")
                || sqlState.equals("22P02");
    }
}
