package io.github.rollbacksafety.rules;

import java.util.Optional;

/**
 * The database object a finding is about.
 *
 * @param type   {@code table}, {@code column}, {@code view}, {@code sequence} or {@code changeSet}
 * @param table  table, view or sequence name (for {@code changeSet}: the changeset's display id)
 * @param column column name for {@code column} findings
 */
public record FindingObject(String type, String table, Optional<String> column) {

    public static FindingObject table(String table) {
        return new FindingObject("table", table, Optional.empty());
    }

    public static FindingObject column(String table, String column) {
        return new FindingObject("column", table, Optional.of(column));
    }

    public static FindingObject view(String view) {
        return new FindingObject("view", view, Optional.empty());
    }

    public static FindingObject sequence(String sequence) {
        return new FindingObject("sequence", sequence, Optional.empty());
    }

    public static FindingObject changeSet(String displayId) {
        return new FindingObject("changeSet", displayId, Optional.empty());
    }

    /** {@code table} or {@code table.column}, as in waivers. */
    public String display() {
        return column.map(c -> table + "." + c).orElse(table);
    }
}
