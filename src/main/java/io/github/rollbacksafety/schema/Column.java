package io.github.rollbacksafety.schema;

import java.util.Optional;

/** A column of a replayed {@link Schema}. */
public record Column(String name, Optional<ColumnType> type, boolean nullable, Optional<String> defaultValue,
                     boolean autoIncrement) {

    static Column of(ColumnDef def) {
        return new Column(def.name(), def.type(), def.nullable(), def.defaultValue(), def.autoIncrement());
    }

    /** True when an insert that does not name this column still succeeds. */
    public boolean insertableWithoutValue() {
        return nullable || defaultValue.isPresent() || autoIncrement;
    }

    Column withName(String newName) {
        return new Column(newName, type, nullable, defaultValue, autoIncrement);
    }

    Column withType(ColumnType newType) {
        return new Column(name, Optional.of(newType), nullable, defaultValue, autoIncrement);
    }

    Column withNullable(boolean value) {
        return new Column(name, type, value, defaultValue, autoIncrement);
    }

    Column withDefault(Optional<String> value) {
        return new Column(name, type, nullable, value, autoIncrement);
    }
}
