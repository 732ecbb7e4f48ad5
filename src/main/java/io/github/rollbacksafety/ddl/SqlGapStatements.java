package io.github.rollbacksafety.ddl;

import io.github.rollbacksafety.sql.SqlScriptSplitter;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements that JSqlParser 5.4 cannot parse (or parses into something unhelpful) but that migrations use
 * all the time, recognised by pattern; plus small rewrites that turn a dialect spelling into one the parser knows.
 *
 * <p>Kept apart from the parse path so that each gap is one pattern with one test, and so that a newer parser
 * that closes a gap only removes lines here.
 */
final class SqlGapStatements {

    private static final String IDENT = "(?:\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]|[\\w$#@]+)";
    private static final String QNAME = IDENT + "(?:\\s*\\.\\s*" + IDENT + ")*";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    private static final Pattern DO_BLOCK = Pattern.compile("DO\\b", FLAGS);
    /** Session, maintenance and index statements: no effect on what the previous release can do. */
    private static final Pattern HARMLESS = Pattern.compile(
            "(SET|RESET|SHOW|VACUUM|REINDEX|CLUSTER|CHECKPOINT|PRINT|USE|ALTER\\s+INDEX|DROP\\s+INDEX)\\b", FLAGS);
    /** A dropped index may be a unique key an upsert depends on: the replayed schema knows by its name. */
    private static final Pattern DROP_INDEX = Pattern.compile(
            "DROP\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(" + QNAME + ")", FLAGS);
    private static final Pattern CREATE_SEQUENCE_IF_NOT_EXISTS = Pattern.compile(
            "CREATE\\s+SEQUENCE\\s+IF\\s+NOT\\s+EXISTS\\s+(" + QNAME + ")", FLAGS);
    private static final Pattern RENAME_SEQUENCE = Pattern.compile(
            "ALTER\\s+SEQUENCE\\s+(?:IF\\s+EXISTS\\s+)?(" + QNAME + ")\\s+RENAME\\s+TO\\s+(" + QNAME + ")\\s*", FLAGS);
    private static final Pattern RENAME_VIEW = Pattern.compile(
            "ALTER\\s+(?:MATERIALIZED\\s+)?VIEW\\s+(?:IF\\s+EXISTS\\s+)?(" + QNAME + ")\\s+RENAME\\s+TO\\s+(" + QNAME
                    + ")\\s*", FLAGS);
    /** PostgreSQL promotes an existing unique index, already reported when it was created. */
    private static final Pattern UNIQUE_USING_INDEX = Pattern.compile(
            "ALTER\\s+TABLE\\s+.*\\bADD\\s+CONSTRAINT\\s+(" + IDENT + ")\\s+UNIQUE\\s+USING\\s+INDEX\\s+(" + IDENT
                    + ")\\s*", FLAGS);
    private static final Pattern SP_RENAME = Pattern.compile(
            "(?:EXEC(?:UTE)?\\s+)?(?:" + IDENT + "\\s*\\.\\s*)*\\[?sp_rename\\]?\\s+(.*)", FLAGS);

    private static final Pattern NAMED_ARGUMENT = Pattern.compile("^@\\w+=");

    private static final Pattern SET_DATA_TYPE = Pattern.compile("\\bSET\\s+DATA\\s+TYPE\\b", FLAGS);
    private static final Pattern H2_RENAME_COLUMN = Pattern.compile(
            "\\bALTER\\s+COLUMN\\s+(" + IDENT + ")\\s+RENAME\\s+TO\\b", FLAGS);
    private static final Pattern NOT_VALID = Pattern.compile("\\s+NOT\\s+VALID\\s*$", FLAGS);
    private static final Pattern UNNAMED_CHECK = Pattern.compile("\\bADD\\s+CHECK\\b", FLAGS);

    private SqlGapStatements() {
    }

    /** The ops of a statement the parser cannot handle, or empty when the parser should try. */
    static Optional<List<SchemaOp>> recognise(String statement) {
        var text = statement.strip();
        var what = SqlScriptSplitter.firstLine(text);
        if (DO_BLOCK.matcher(text).lookingAt()) {
            return one(new SchemaOp.Unanalyzable(what, "anonymous code block: it can change anything"));
        }
        Matcher m;
        if ((m = SP_RENAME.matcher(text)).matches()) {
            return Optional.of(spRename(arguments(m.group(1)), what));
        }
        if ((m = DROP_INDEX.matcher(text)).lookingAt()) {
            return one(new SchemaOp.DropUnique(Optional.empty(), m.group(1), List.of()));
        }
        if ((m = HARMLESS.matcher(text)).lookingAt()) {
            return one(new SchemaOp.Harmless(m.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)));
        }
        if ((m = CREATE_SEQUENCE_IF_NOT_EXISTS.matcher(text)).lookingAt()) {
            return one(new SchemaOp.CreateSequence(m.group(1)));
        }
        if ((m = RENAME_SEQUENCE.matcher(text)).matches()) {
            return one(new SchemaOp.RenameSequence(m.group(1), m.group(2)));
        }
        if ((m = RENAME_VIEW.matcher(text)).matches()) {
            return one(new SchemaOp.RenameTable(m.group(1), m.group(2)));
        }
        if ((m = UNIQUE_USING_INDEX.matcher(text)).matches()) {
            return one(new SchemaOp.Harmless("add unique constraint " + m.group(1) + " using index " + m.group(2)));
        }
        return Optional.empty();
    }

    /** Respells dialect forms the parser lacks into equivalent forms it knows. */
    static String rewrite(String statement) {
        if (!statement.regionMatches(true, 0, "ALTER", 0, 5)) {
            return statement;
        }
        var text = SET_DATA_TYPE.matcher(statement).replaceAll("TYPE");
        text = H2_RENAME_COLUMN.matcher(text).replaceAll("RENAME COLUMN $1 TO");
        text = NOT_VALID.matcher(text).replaceAll("");
        return UNNAMED_CHECK.matcher(text).replaceAll("ADD CONSTRAINT rollback_safety_unnamed CHECK");
    }

    /**
     * SQL Server's {@code sp_rename 'table.column', 'new', 'COLUMN'} and {@code sp_rename 'old', 'new'}.
     *
     * @param args the procedure's arguments, unquoted
     */
    static List<SchemaOp> spRename(List<String> args, String what) {
        if (args.size() < 2) {
            return List.of(new SchemaOp.Unanalyzable(what, "sp_rename needs an object and a new name"));
        }
        var kind = args.size() > 2 ? args.get(2).strip().toUpperCase(Locale.ROOT) : "";
        var parts = qualifiedParts(args.get(0));
        if (kind.equals("COLUMN")) {
            if (parts.size() < 2) {
                return List.of(new SchemaOp.Unanalyzable(what, "sp_rename of a column needs table.column"));
            }
            // the table keeps its schema ('dbo.orders.status'): archive.orders is not app.orders
            var table = String.join(".", parts.subList(Math.max(0, parts.size() - 3), parts.size() - 1));
            return List.of(new SchemaOp.RenameColumn(table, parts.get(parts.size() - 1), args.get(1)));
        }
        if (kind.isEmpty() || kind.equals("OBJECT")) {
            return List.of(new SchemaOp.RenameTable(args.get(0), args.get(1)));
        }
        return List.of(new SchemaOp.Harmless("sp_rename " + kind.toLowerCase(Locale.ROOT)));
    }

    /** Splits {@code 'a', N'b', @objtype = 'COLUMN'} into unquoted values. */
    private static List<String> arguments(String text) {
        var values = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean nationalPrefix = !quoted && (c == 'N' || c == 'n') && i + 1 < text.length()
                    && text.charAt(i + 1) == '\'' && (current.length() == 0 || current.charAt(current.length() - 1) == '=');
            if (nationalPrefix) {
                continue;
            }
            if (c == '\'') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                values.add(NAMED_ARGUMENT.matcher(current).replaceFirst(""));
                current.setLength(0);
            } else if (quoted || !Character.isWhitespace(c)) {
                current.append(c);
            }
        }
        values.add(NAMED_ARGUMENT.matcher(current).replaceFirst(""));
        return values;
    }

    /** {@code dbo.orders.status} or {@code [dbo].[orders].[status]} into its parts, quotes kept. */
    private static List<String> qualifiedParts(String name) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        char close = 0;
        for (char c : name.strip().toCharArray()) {
            if (close != 0) {
                current.append(c);
                if (c == close) {
                    close = 0;
                }
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                close = c == '[' ? ']' : c == '"' ? '"' : 0;
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static Optional<List<SchemaOp>> one(SchemaOp op) {
        return Optional.of(List.of(op));
    }
}
