package io.github.rollbacksafety.database;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.Locale;
import java.util.Optional;

/**
 * Which throwaway database the database check applies the changelogs to: PostgreSQL started by the plugin, H2 in
 * memory (PostgreSQL mode), or an empty database the user provides by JDBC URL.
 */
public sealed interface DatabaseTarget {

    /** How reports and logs name the target (never with a password). */
    String label();

    /** PostgreSQL started by the plugin from the binaries on its class path, once per JVM. */
    record EmbeddedPostgres() implements DatabaseTarget {
        @Override
        public String label() {
            return "postgresql";
        }
    }

    /** H2 in memory in PostgreSQL mode: starts anywhere, but its dialect differs. */
    record H2() implements DatabaseTarget {
        @Override
        public String label() {
            return "h2";
        }
    }

    /**
     * An empty database (or schema) reached by JDBC URL; a database that holds tables is refused.
     *
     * @param url      the JDBC URL
     * @param username user, empty for none
     * @param password password, empty for none
     */
    record Url(String url, String username, String password) implements DatabaseTarget {
        @Override
        public String label() {
            // a URL may carry credentials as parameters (?password=, ;PASSWORD=): keep the part before them
            int cut = url.length();
            for (char c : new char[] {'?', ';'}) {
                int at = url.indexOf(c);
                if (at >= 0) {
                    cut = Math.min(cut, at);
                }
            }
            return url.substring(0, cut);
        }

        @Override
        public String toString() {
            return "Url[" + label() + ", user=" + username + "]";
        }
    }

    /**
     * The target a {@code database} parameter names: {@code none} (or blank) for no database check,
     * {@code postgresql}, {@code h2}, or a {@code jdbc:} URL.
     *
     * @throws RollbackSafetyException for any other value
     */
    static Optional<DatabaseTarget> parse(String value, String username, String password) {
        var v = value == null ? "" : value.strip();
        var lower = v.toLowerCase(Locale.ROOT);
        if (v.isEmpty() || lower.equals("none")) {
            return Optional.empty();
        }
        if (lower.equals("postgresql") || lower.equals("postgres")) {
            return Optional.of(new EmbeddedPostgres());
        }
        if (lower.equals("h2")) {
            return Optional.of(new H2());
        }
        if (lower.startsWith("jdbc:")) {
            return Optional.of(new Url(v, username == null ? "" : username, password == null ? "" : password));
        }
        throw new RollbackSafetyException("database must be none, postgresql, h2 or a jdbc: URL of an empty"
                + " throwaway database, not '" + v + "'.");
    }
}
