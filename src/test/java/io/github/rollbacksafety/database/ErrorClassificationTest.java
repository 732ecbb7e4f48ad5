package io.github.rollbacksafety.database;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.rollbacksafety.database.ErrorClassification.Outcome.BREAK;
import static io.github.rollbacksafety.database.ErrorClassification.Outcome.INCONCLUSIVE;
import static io.github.rollbacksafety.database.ErrorClassification.Stage.MIGRATION;
import static io.github.rollbacksafety.database.ErrorClassification.Stage.QUERY;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassificationTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            // PostgreSQL queries: names and shapes that no longer resolve are breaks
            "POSTGRESQL, QUERY, 42703, BREAK",        // column does not exist
            "POSTGRESQL, QUERY, 42P01, BREAK",        // relation does not exist
            "POSTGRESQL, QUERY, 42883, BREAK",        // function does not exist
            "POSTGRESQL, QUERY, 42702, BREAK",        // ambiguous column after an added column
            "POSTGRESQL, QUERY, 42P10, BREAK",        // ON CONFLICT lost its unique constraint
            "POSTGRESQL, QUERY, 42p01, BREAK",        // SQLSTATEs compare case-insensitively
            // ... untyped parameters, syntax, privileges, features are never breaks
            "POSTGRESQL, QUERY, 42P18, INCONCLUSIVE",
            "POSTGRESQL, QUERY, 42725, INCONCLUSIVE",
            "POSTGRESQL, QUERY, 42601, INCONCLUSIVE",
            "POSTGRESQL, QUERY, 42501, INCONCLUSIVE",
            "POSTGRESQL, QUERY, 0A000, INCONCLUSIVE",
            "POSTGRESQL, QUERY, 55P03, INCONCLUSIVE", // lock timeout
            // H2: only "not found"
            "H2, QUERY, 42S22, BREAK",
            "H2, QUERY, 42S02, BREAK",
            "H2, QUERY, 42S03, BREAK",
            "H2, QUERY, 90036, BREAK",
            "H2, QUERY, 42001, INCONCLUSIVE",         // syntax: PostgreSQL dialect H2 does not speak
            "H2, QUERY, 42703, INCONCLUSIVE",
            "H2, QUERY, 50100, INCONCLUSIVE",         // feature not supported
            // other databases: the standard not-found states
            "OTHER, QUERY, 42S22, BREAK",
            "OTHER, QUERY, 42000, INCONCLUSIVE",
            // PostgreSQL migrations: the changeset's fault unless the environment is
            "POSTGRESQL, MIGRATION, 2BP01, BREAK",    // dependent objects (a view on a dropped column)
            "POSTGRESQL, MIGRATION, 42701, BREAK",    // column already exists
            "POSTGRESQL, MIGRATION, 23502, BREAK",    // not-null violation
            "POSTGRESQL, MIGRATION, 42704, INCONCLUSIVE", // role or extension missing here
            "POSTGRESQL, MIGRATION, 58P01, INCONCLUSIVE", // extension control file missing
            "POSTGRESQL, MIGRATION, 42501, INCONCLUSIVE",
            "POSTGRESQL, MIGRATION, 08006, INCONCLUSIVE", // connection failure
            "POSTGRESQL, MIGRATION, XX000, INCONCLUSIVE",
            // H2 migrations: dialect unless dependent objects or data
            "H2, MIGRATION, 90083, BREAK",
            "H2, MIGRATION, 90107, BREAK",
            "H2, MIGRATION, 23505, BREAK",
            "H2, MIGRATION, 42001, INCONCLUSIVE",
            "H2, MIGRATION, 42S22, INCONCLUSIVE",
    })
    void classifiesBySqlState(Dialect dialect, ErrorClassification.Stage stage, String state,
                              ErrorClassification.Outcome expected) {
        assertThat(ErrorClassification.classify(dialect, stage, state)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL", "''", "4270", "HY"}, nullValues = "NULL")
    void missingOrMalformedStatesAreInconclusive(String state) {
        for (var dialect : Dialect.values()) {
            assertThat(ErrorClassification.classify(dialect, QUERY, state)).isEqualTo(INCONCLUSIVE);
            assertThat(ErrorClassification.classify(dialect, MIGRATION, state)).isEqualTo(INCONCLUSIVE);
        }
    }

    @ParameterizedTest
    @CsvSource({"42P18, true", "42725, true", "42703, false", "'', false"})
    void recognisesUntypedParameters(String state, boolean untyped) {
        assertThat(ErrorClassification.untypedParameters(state)).isEqualTo(untyped);
        if (untyped) {
            assertThat(ErrorClassification.classify(Dialect.POSTGRESQL, QUERY, state)).isNotEqualTo(BREAK);
        }
    }
}
