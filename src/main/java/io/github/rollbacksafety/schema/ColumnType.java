package io.github.rollbacksafety.schema;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A column type as written in a changelog, normalised enough to compare: a base name in upper case plus
 * optional length/precision and scale. {@code raw} keeps the original spelling for messages.
 */
public record ColumnType(String raw, String base, OptionalInt precision, OptionalInt scale) {

    private static final Pattern SHAPE = Pattern.compile(
            "^\\s*([A-Za-z_][\\w.]*(?:\\s+[A-Za-z_][\\w.]*)*)\\s*"
                    + "(?:\\(\\s*(\\d+|max)\\s*(?:(?:byte|char)\\s*)?(?:,\\s*(-?\\d+)\\s*)?\\))?\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);

    /** Parses a type spelling such as {@code varchar(255)}, {@code NUMBER(10,2)} or {@code java.sql.Types.BIGINT}. */
    public static ColumnType parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new ColumnType("", "", OptionalInt.empty(), OptionalInt.empty());
        }
        var text = raw.strip();
        if (text.startsWith("java.sql.Types.")) {
            text = text.substring("java.sql.Types.".length());
        }
        var m = SHAPE.matcher(text);
        if (!m.matches()) {
            return new ColumnType(raw.strip(), text.toUpperCase(Locale.ROOT), OptionalInt.empty(), OptionalInt.empty());
        }
        var base = m.group(1).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        var rest = m.group(4) == null ? "" : m.group(4).strip().toUpperCase(Locale.ROOT);
        if (!rest.isEmpty()) {
            // e.g. "TIMESTAMP(6) WITH TIME ZONE", "VARCHAR2(10) CHAR"
            base = (base + " " + rest).replaceAll("\\s+", " ");
        }
        OptionalInt precision = OptionalInt.empty();
        if (m.group(2) != null && !m.group(2).equalsIgnoreCase("max")) {
            precision = OptionalInt.of(Integer.parseInt(m.group(2)));
        }
        OptionalInt scale = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(3)));
        return new ColumnType(raw.strip(), base, precision, scale);
    }

    public static Optional<ColumnType> parseOptional(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(parse(raw));
    }

    @Override
    public String toString() {
        return raw;
    }
}
