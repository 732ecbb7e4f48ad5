package io.github.rollbacksafety.schema;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Whether a column type change keeps the previous release working: the previous application still writes its
 * values and reads the column into the same Java types. Widening is safe, narrowing or a change of family
 * breaks, a change the check cannot judge (an unresolved {@code ${property}}, a type it does not know) is
 * {@link Compatibility#UNKNOWN} and reported by nobody.
 *
 * @param from          the type in the previous schema
 * @param to            the new type
 * @param compatibility the verdict
 * @param reason        why, in words for a finding message (e.g. {@code narrows VARCHAR(255) to VARCHAR(100)})
 */
public record TypeChange(ColumnType from, ColumnType to, Compatibility compatibility, String reason) {

    /** The verdict on a type change. */
    public enum Compatibility { SAFE, RISKY, BREAKING, UNKNOWN }

    /** Type families; values of one family convert without the application noticing, across families they do not. */
    enum Family { INTEGER, DECIMAL, FLOAT, STRING, BINARY, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, UUID, UNKNOWN }

    /**
     * A type reduced to what compatibility depends on.
     *
     * @param family the family
     * @param rank   for INTEGER and FLOAT: the storage size order (smallint < int < bigint, real < double)
     * @param size   length for STRING/BINARY, precision for DECIMAL, fractional seconds for TIMESTAMP; empty means
     *               unbounded (TEXT, CLOB, VARCHAR(MAX), NUMBER) or not given
     * @param scale  DECIMAL scale (0 when only the precision is given)
     */
    record Normalized(Family family, int rank, OptionalInt size, OptionalInt scale) {
    }

    // Spellings of Liquibase, common databases and java.sql.Types (already upper case, spaces collapsed).
    private static final Map<String, Family> FAMILIES = Map.ofEntries(
            Map.entry("TINYINT", Family.INTEGER), Map.entry("SMALLINT", Family.INTEGER), Map.entry("INT2", Family.INTEGER),
            Map.entry("SMALLSERIAL", Family.INTEGER), Map.entry("MEDIUMINT", Family.INTEGER),
            Map.entry("INT", Family.INTEGER), Map.entry("INTEGER", Family.INTEGER), Map.entry("INT4", Family.INTEGER),
            Map.entry("SERIAL", Family.INTEGER), Map.entry("BIGINT", Family.INTEGER), Map.entry("INT8", Family.INTEGER),
            Map.entry("BIGSERIAL", Family.INTEGER),
            Map.entry("NUMBER", Family.DECIMAL), Map.entry("NUMERIC", Family.DECIMAL), Map.entry("DECIMAL", Family.DECIMAL),
            Map.entry("DEC", Family.DECIMAL),
            Map.entry("REAL", Family.FLOAT), Map.entry("FLOAT", Family.FLOAT), Map.entry("FLOAT4", Family.FLOAT),
            Map.entry("DOUBLE", Family.FLOAT), Map.entry("FLOAT8", Family.FLOAT), Map.entry("DOUBLE PRECISION", Family.FLOAT),
            Map.entry("VARCHAR", Family.STRING), Map.entry("VARCHAR2", Family.STRING), Map.entry("NVARCHAR", Family.STRING),
            Map.entry("NVARCHAR2", Family.STRING), Map.entry("CHARACTER VARYING", Family.STRING),
            Map.entry("CHAR", Family.STRING), Map.entry("CHARACTER", Family.STRING), Map.entry("NCHAR", Family.STRING),
            Map.entry("TEXT", Family.STRING), Map.entry("CLOB", Family.STRING), Map.entry("NCLOB", Family.STRING),
            Map.entry("LONGTEXT", Family.STRING), Map.entry("MEDIUMTEXT", Family.STRING), Map.entry("TINYTEXT", Family.STRING),
            Map.entry("LONGVARCHAR", Family.STRING), Map.entry("LONGNVARCHAR", Family.STRING),
            Map.entry("BLOB", Family.BINARY), Map.entry("BYTEA", Family.BINARY), Map.entry("LONGBLOB", Family.BINARY),
            Map.entry("VARBINARY", Family.BINARY), Map.entry("BINARY", Family.BINARY),
            Map.entry("LONGVARBINARY", Family.BINARY),
            Map.entry("BOOLEAN", Family.BOOLEAN), Map.entry("BOOL", Family.BOOLEAN), Map.entry("BIT", Family.BOOLEAN),
            Map.entry("DATE", Family.DATE), Map.entry("TIME", Family.TIME),
            Map.entry("TIMESTAMP", Family.TIMESTAMP), Map.entry("DATETIME", Family.TIMESTAMP),
            Map.entry("DATETIME2", Family.TIMESTAMP), Map.entry("TIMESTAMP WITHOUT TIME ZONE", Family.TIMESTAMP),
            Map.entry("TIMESTAMPTZ", Family.TIMESTAMP_TZ), Map.entry("TIMESTAMP WITH TIME ZONE", Family.TIMESTAMP_TZ),
            Map.entry("TIMESTAMP_WITH_TIMEZONE", Family.TIMESTAMP_TZ), Map.entry("DATETIMEOFFSET", Family.TIMESTAMP_TZ),
            Map.entry("UUID", Family.UUID), Map.entry("UNIQUEIDENTIFIER", Family.UUID));

    private static final Map<String, Integer> RANKS = Map.ofEntries(
            Map.entry("TINYINT", 0), Map.entry("SMALLINT", 1), Map.entry("INT2", 1), Map.entry("SMALLSERIAL", 1),
            Map.entry("MEDIUMINT", 2), Map.entry("INT", 3), Map.entry("INTEGER", 3), Map.entry("INT4", 3),
            Map.entry("SERIAL", 3), Map.entry("BIGINT", 4), Map.entry("INT8", 4), Map.entry("BIGSERIAL", 4),
            Map.entry("REAL", 1), Map.entry("FLOAT", 1), Map.entry("FLOAT4", 1),
            Map.entry("DOUBLE", 2), Map.entry("FLOAT8", 2), Map.entry("DOUBLE PRECISION", 2));

    private static final Pattern SUFFIX = Pattern.compile("(?: (?:CHAR|BYTE|UNSIGNED|SIGNED))+$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // name words, optional (length|precision[, scale]) with Oracle's BYTE/CHAR, optional trailing words
    private static final Pattern SPELLING = Pattern.compile(
            "([A-Za-z_]\\w*(?:\\s+[A-Za-z_]\\w*)*)\\s*(?:\\(\\s*(\\d+|max)\\s*(?:byte|char)?\\s*(?:,\\s*(-?\\d+)\\s*)?\\))?"
                    + "\\s*([A-Za-z_][\\w ]*)?", Pattern.CASE_INSENSITIVE);

    // Decimal digits every value of an integer rank fits in, and that fit in it (tinyint, smallint, mediumint, int, bigint).
    private static final int[] DIGITS_NEEDED = {3, 5, 8, 10, 19};
    private static final int[] DIGITS_HELD = {2, 4, 6, 9, 18};

    /** Compares two types. */
    public static TypeChange between(ColumnType from, ColumnType to) {
        var a = normalize(from);
        var b = normalize(to);
        if (a.family() == Family.UNKNOWN || b.family() == Family.UNKNOWN) {
            return new TypeChange(from, to, Compatibility.UNKNOWN, "cannot compare " + from.raw() + " with " + to.raw());
        }
        return judge(from, to, a, b);
    }

    private static TypeChange judge(ColumnType from, ColumnType to, Normalized a, Normalized b) {
        var f = a.family();
        var g = b.family();
        if (f == g) {
            return sameFamily(from, to, a, b);
        }
        if (f == Family.INTEGER && g == Family.DECIMAL) {
            var fits = b.size().isEmpty() || b.size().getAsInt() - b.scale().orElse(0) >= DIGITS_NEEDED[a.rank()];
            return fits ? safe(from, to, "widens") : breaking(from, to, "narrows");
        }
        if (f == Family.DECIMAL && g == Family.INTEGER) {
            var fits = a.size().isPresent() && a.scale().orElse(0) == 0 && a.size().getAsInt() <= DIGITS_HELD[b.rank()];
            return fits ? safe(from, to, "widens") : breaking(from, to, "narrows");
        }
        if (f == Family.TIMESTAMP && g == Family.TIMESTAMP_TZ) {
            return new TypeChange(from, to, Compatibility.RISKY, "changes " + from.raw() + " to " + to.raw()
                    + ": the same values may now be read and written shifted by the session time zone");
        }
        if (f == Family.DATE && g == Family.TIMESTAMP) {
            return new TypeChange(from, to, Compatibility.RISKY, "changes " + from.raw() + " to " + to.raw()
                    + ": values gain a time of day the previous release does not expect");
        }
        return breaking(from, to, "changes the type family of");
    }

    private static TypeChange sameFamily(ColumnType from, ColumnType to, Normalized a, Normalized b) {
        switch (a.family()) {
            case INTEGER:
            case FLOAT:
                return ordered(from, to, Integer.compare(a.rank(), b.rank()));
            case STRING:
            case BINARY:
                return ordered(from, to, compareBounded(a.size(), b.size()));
            case TIMESTAMP:
            case TIMESTAMP_TZ:
            case TIME:
                // fractional seconds: only a stated smaller precision loses anything
                if (a.size().isPresent() && b.size().isPresent()) {
                    return ordered(from, to, Integer.compare(a.size().getAsInt(), b.size().getAsInt()));
                }
                return safe(from, to, "keeps");
            case DECIMAL:
                return decimal(from, to, a, b);
            default:
                return safe(from, to, "keeps");
        }
    }

    private static TypeChange decimal(ColumnType from, ColumnType to, Normalized a, Normalized b) {
        if (b.size().isEmpty()) {
            return safe(from, to, "widens");
        }
        if (a.size().isEmpty()) {
            return breaking(from, to, "narrows");
        }
        int fromScale = a.scale().orElse(0);
        int toScale = b.scale().orElse(0);
        int fromIntegerDigits = a.size().getAsInt() - fromScale;
        int toIntegerDigits = b.size().getAsInt() - toScale;
        if (toScale >= fromScale && toIntegerDigits >= fromIntegerDigits) {
            return safe(from, to, a.equals(b) ? "keeps" : "widens");
        }
        return breaking(from, to, "narrows");
    }

    /** Compares sizes where empty means unbounded: negative when {@code a} is smaller. */
    private static int compareBounded(OptionalInt a, OptionalInt b) {
        if (a.isEmpty()) {
            return b.isEmpty() ? 0 : 1;
        }
        return b.isEmpty() ? -1 : Integer.compare(a.getAsInt(), b.getAsInt());
    }

    private static TypeChange ordered(ColumnType from, ColumnType to, int comparison) {
        if (comparison > 0) {
            return breaking(from, to, "narrows");
        }
        return safe(from, to, comparison < 0 ? "widens" : "keeps");
    }

    private static TypeChange safe(ColumnType from, ColumnType to, String verb) {
        return new TypeChange(from, to, Compatibility.SAFE, verb + " " + from.raw() + " to " + to.raw());
    }

    private static TypeChange breaking(ColumnType from, ColumnType to, String verb) {
        return new TypeChange(from, to, Compatibility.BREAKING, verb + " " + from.raw() + " to " + to.raw());
    }

    /**
     * Reduces a type spelling to its family and sizes; anything unrecognised (or a {@code ${property}}) is UNKNOWN.
     * Reads {@link ColumnType#raw()} itself so that the comparison depends only on the spelling.
     */
    static Normalized normalize(ColumnType type) {
        var raw = type.raw().strip();
        if (raw.startsWith("java.sql.Types.")) {
            raw = raw.substring("java.sql.Types.".length());
        }
        var m = SPELLING.matcher(raw);
        if (raw.contains("${") || !m.matches()) {
            return unknown();
        }
        var words = m.group(1) + (m.group(4) == null ? "" : " " + m.group(4));
        // Oracle length semantics and MySQL's UNSIGNED do not change the family
        var base = SUFFIX.matcher(WHITESPACE.matcher(words.strip()).replaceAll(" ").toUpperCase(Locale.ROOT)).replaceAll("");
        if (base.startsWith("TIMESTAMP WITH LOCAL TIME ZONE")) {
            base = "TIMESTAMP WITH TIME ZONE";
        }
        OptionalInt precision = m.group(2) == null || m.group(2).equalsIgnoreCase("max") ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(m.group(2)));
        OptionalInt scale = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(3)));
        return reduce(base, precision, scale);
    }

    private static Normalized unknown() {
        return new Normalized(Family.UNKNOWN, 0, OptionalInt.empty(), OptionalInt.empty());
    }

    private static Normalized reduce(String base, OptionalInt precision, OptionalInt scale) {
        var family = FAMILIES.getOrDefault(base, Family.UNKNOWN);
        int rank = RANKS.getOrDefault(base, 0);
        switch (family) {
            case INTEGER:
                // INT(11) is a display width: the rank says all
                return new Normalized(family, rank, OptionalInt.empty(), OptionalInt.empty());
            case FLOAT:
                // FLOAT(p) is a binary precision: up to 24 bits is single precision
                if (precision.isPresent()) {
                    rank = precision.getAsInt() > 24 ? 2 : 1;
                }
                return new Normalized(family, rank, OptionalInt.empty(), OptionalInt.empty());
            case STRING:
                return new Normalized(family, 0, isUnbounded(base) ? OptionalInt.empty() : stringLength(base, precision),
                        OptionalInt.empty());
            case BINARY:
                var unboundedBinary = base.equals("BLOB") || base.equals("BYTEA") || base.equals("LONGBLOB")
                        || base.equals("LONGVARBINARY");
                return new Normalized(family, 0, unboundedBinary ? OptionalInt.empty() : precision, OptionalInt.empty());
            case BOOLEAN:
                // BIT(n > 1) is a bit string, not a boolean
                return base.equals("BIT") && precision.orElse(1) > 1 ? unknown()
                        : new Normalized(family, 0, OptionalInt.empty(), OptionalInt.empty());
            case DECIMAL:
                return new Normalized(family, 0, precision,
                        precision.isPresent() ? OptionalInt.of(scale.orElse(0)) : OptionalInt.empty());
            default:
                return new Normalized(family, 0, precision, OptionalInt.empty());
        }
    }

    private static boolean isUnbounded(String base) {
        return base.contains("TEXT") || base.contains("CLOB") || base.startsWith("LONG");
    }

    private static OptionalInt stringLength(String base, OptionalInt length) {
        if (length.isPresent()) {
            return length;
        }
        // CHAR without a length is CHAR(1); VARCHAR without one (or VARCHAR(MAX)) is unbounded
        return base.equals("CHAR") || base.equals("CHARACTER") || base.equals("NCHAR") ? OptionalInt.of(1)
                : OptionalInt.empty();
    }
}
