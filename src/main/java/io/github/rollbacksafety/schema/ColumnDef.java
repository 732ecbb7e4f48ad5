package io.github.rollbacksafety.schema;

import java.util.Optional;

/**
 * A column as a change declares it.
 *
 * @param name          normalised column name
 * @param type          declared type, if any
 * @param nullable      false when the column is declared NOT NULL (or is a primary key)
 * @param defaultValue  the default applied to future inserts, if any (a backfill value is not a default)
 * @param autoIncrement whether the database fills the value itself (identity, serial, auto-increment)
 */
public record ColumnDef(String name, Optional<ColumnType> type, boolean nullable, Optional<String> defaultValue,
                        boolean autoIncrement) {

    public ColumnDef {
        name = Identifiers.normalize(name);
    }

    public static ColumnDef nullable(String name, String type) {
        return new ColumnDef(name, ColumnType.parseOptional(type), true, Optional.empty(), false);
    }

    /** True when an insert that does not name this column still succeeds. */
    public boolean insertableWithoutValue() {
        return nullable || defaultValue.isPresent() || autoIncrement;
    }
}
