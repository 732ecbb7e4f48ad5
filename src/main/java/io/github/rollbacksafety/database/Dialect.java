package io.github.rollbacksafety.database;

import java.util.Locale;

/** The kind of database the check talks to; it decides how errors are read. */
public enum Dialect {
    POSTGRESQL, H2, OTHER;

    /** From {@code DatabaseMetaData.getDatabaseProductName()}. */
    static Dialect ofProduct(String productName) {
        var name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        return OTHER;
    }
}
