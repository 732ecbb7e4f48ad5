package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.Sha256;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 1-based lines where a changelog file declares its changesets, found by scanning the file's text once
 * (Liquibase does not keep line numbers). Lookups are by id and author, then by id alone, then by position, so
 * that ids built from {@code ${...}} properties still get a line.
 *
 * <p>The scan also fingerprints each changeset's source text (a SHA-256 of a span of the file that contains the
 * whole changeset), so that two versions of a changeset with the same text need no Liquibase checksum. A span whose
 * meaning depends on something outside it ({@code ${...}} parameters, XML entities, YAML aliases) gets no
 * fingerprint.
 */
final class ChangeSetLines {

    private static final Pattern XML_CHANGESET = Pattern.compile("<(?:[\\w.-]+:)?changeSet\\b([^>]*)>");
    private static final Pattern NAMESPACE_PREFIX = Pattern.compile("([\\w.-]+:)?");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("\\b(id|author)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern SQL_CHANGESET = Pattern.compile(
            "^[ \\t]*--[ \\t]*changeset\\s+(\"[^\"]+\"|[^:\\s]+):\\s*(\"[^\"]+\"|\\S+)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** One declaration; {@code fingerprint} is empty when the changeset's text does not decide its checksum. */
    public record Declaration(String id, String author, int line, String fingerprint) {

        Declaration(String id, String author, int line) {
            this(id, author, line, "");
        }

        Declaration withFingerprint(String text, int from, int to) {
            return new Declaration(id, author, line, ChangeSetLines.fingerprint(text, from, to));
        }
    }

    private static final ChangeSetLines EMPTY = new ChangeSetLines(List.of());

    private final List<Declaration> declarations;
    private final Map<String, Integer> byIdAndAuthor = new HashMap<>();
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<String, Integer> declarationsPerKey = new HashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();
    private int next;

    private ChangeSetLines(List<Declaration> declarations) {
        this.declarations = declarations;
        for (var d : declarations) {
            byIdAndAuthor.putIfAbsent(d.id() + "::" + d.author(), d.line());
            byId.putIfAbsent(d.id(), d.line());
            declarationsPerKey.merge(d.id() + "::" + d.author(), 1, Integer::sum);
            fingerprints.putIfAbsent(d.id() + "::" + d.author(), d.fingerprint());
        }
    }

    /** Scans {@code text}, a changelog file named {@code path} (its extension tells the format). */
    static ChangeSetLines scan(String path, String text) {
        var lower = path.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".xml")) {
                return new ChangeSetLines(scanXml(text));
            }
            if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
                return new ChangeSetLines(scanYaml(text));
            }
            if (lower.endsWith(".sql")) {
                var sql = scanFormattedSql(text);
                // a plain SQL file is one changeset (id "raw") starting at its first line
                return new ChangeSetLines(sql.isEmpty()
                        ? withSpanFingerprints(text, List.of(new Declaration("raw", "includeAll", 1)), List.of(0), false)
                        : sql);
            }
        } catch (RuntimeException e) {
            // the file parsed for Liquibase; if the scan trips over something unusual, lines stay unknown
        }
        return EMPTY;
    }

    static ChangeSetLines none() {
        return EMPTY;
    }

    /** The scan's declarations, in file order, to store with a parsed file ({@link ParsedFile}). */
    List<Declaration> declarations() {
        return declarations;
    }

    /** A scan's result again, from its stored declarations (a new reading cursor). */
    static ChangeSetLines of(List<Declaration> declarations) {
        return new ChangeSetLines(List.copyOf(declarations));
    }

    /** How many changeset declarations the scan found. */
    int size() {
        return declarations.size();
    }

    /**
     * The fingerprint of the source text of the changeset declared exactly once with this id and author, when its
     * text alone decides its checksum.
     */
    Optional<String> fingerprintOf(String id, String author) {
        var key = id + "::" + author;
        if (declarationsPerKey.getOrDefault(key, 0) != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(fingerprints.get(key)).filter(f -> !f.isEmpty());
    }

    /**
     * The line of the {@code nth} (0-based) declaration with this id and author, for twins written once per
     * database, context or label; falls back to {@link #lineOf(String, String)}.
     */
    int lineOf(String id, String author, int nth) {
        if (nth > 0) {
            int seen = 0;
            for (var d : declarations) {
                if (d.id().equals(id) && d.author().equals(author) && seen++ == nth) {
                    next++;
                    return d.line();
                }
            }
        }
        return lineOf(id, author);
    }

    /** The line of the changeset, or 0 when it cannot be found. Call in the file's declaration order. */
    int lineOf(String id, String author) {
        var line = byIdAndAuthor.get(id + "::" + author);
        if (line == null) {
            line = byId.get(id);
        }
        if (line == null && next < declarations.size()) {
            line = declarations.get(next).line();
        }
        next++;
        return line == null ? 0 : line;
    }

    private static List<Declaration> scanXml(String text) {
        var result = new ArrayList<Declaration>();
        var starts = new ArrayList<Integer>();
        var lines = new LineCounter(text);
        Matcher m = XML_CHANGESET.matcher(text);
        int commentEnd = -1; // end of the last comment seen; matches come in increasing order
        // the next comment start is remembered, so that a file without comments is not searched once per changeset
        int open = text.indexOf("<!--");
        int matchedTo = 0;
        // the pattern is tried only where a tag name ends in "changeSet" (a plain search), not at every character
        for (int at = text.indexOf("changeSet"); at >= 0; at = text.indexOf("changeSet", at + 1)) {
            int tag = tagStart(text, at);
            if (tag < matchedTo || !m.region(tag, text.length()).lookingAt()) {
                continue;
            }
            matchedTo = m.end();
            // skip changesets commented out: find the comments before this match, one forward scan in total
            while (open >= 0 && open < m.start()) {
                int close = text.indexOf("-->", open + 4);
                commentEnd = close < 0 ? text.length() : close + 3;
                open = text.indexOf("<!--", commentEnd);
            }
            if (m.start() < commentEnd) {
                continue;
            }
            String id = "";
            String author = "";
            Matcher a = XML_ATTRIBUTE.matcher(m.group(1));
            while (a.find()) {
                var value = a.group(2) != null ? a.group(2) : a.group(3);
                if (a.group(1).equals("id")) {
                    id = value;
                } else {
                    author = value;
                }
            }
            result.add(new Declaration(unescapeXml(id), unescapeXml(author), lines.lineAt(m.start())));
            starts.add(m.start());
        }
        return withSpanFingerprints(text, result, starts, true);
    }

    /** Where the tag whose name ends at {@code at} starts ({@code <changeSet}, {@code <ns:changeSet}), or -1. */
    private static int tagStart(String text, int at) {
        int p = at - 1;
        if (p < 0) {
            return -1;
        }
        if (text.charAt(p) == '<') {
            return p;
        }
        if (text.charAt(p) != ':') {
            return -1;
        }
        int q = p - 1;
        while (q >= 0 && isPrefixChar(text.charAt(q))) {
            q--;
        }
        return q < p - 1 && q >= 0 && text.charAt(q) == '<' ? q : -1;
    }

    /** A character of {@code [\w.-]}: letters, digits, underscore, dot, hyphen. */
    private static boolean isPrefixChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /** The offset just past the last {@code </changeSet>} (any namespace prefix) in {@code [from, to)}, or -1. */
    private static int lastChangeSetClose(String text, int from, int to) {
        int at = text.lastIndexOf("changeSet>", to - 1);
        while (at > from) {
            int open = text.lastIndexOf("</", at);
            if (open > from && NAMESPACE_PREFIX.matcher(text).region(open + 2, at).matches()
                    && at + "changeSet>".length() <= to) {
                return at + "changeSet>".length();
            }
            at = text.lastIndexOf("changeSet>", at - 1);
        }
        return -1;
    }

    private static String unescapeXml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static List<Declaration> scanFormattedSql(String text) {
        var result = new ArrayList<Declaration>();
        var starts = new ArrayList<Integer>();
        var lines = new LineCounter(text);
        Matcher m = SQL_CHANGESET.matcher(text);
        while (m.find()) {
            result.add(new Declaration(unquote(m.group(2)), unquote(m.group(1)), lines.lineAt(m.start())));
            starts.add(m.start());
        }
        return withSpanFingerprints(text, result, starts, false);
    }

    /**
     * Fingerprints each declaration over the text from its start to the next declaration's start (or the end of
     * the file): a span that contains the whole changeset, and sometimes a little more (a comment, an include),
     * which can only make equal changesets look different, never the reverse.
     */
    private static List<Declaration> withSpanFingerprints(String text, List<Declaration> declarations,
                                                          List<Integer> starts, boolean xml) {
        var result = new ArrayList<Declaration>(declarations.size());
        // spans come in increasing order: the next "${" and "&" are remembered, so that a file without them is not
        // searched to its end once per changeset
        var parameters = new Cursor(text, "${");
        var ampersands = new Cursor(text, "&");
        for (int i = 0; i < declarations.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            if (xml) {
                // up to the last closing tag before the next declaration: the changeset is all there, and what
                // follows it (the file's end, a blank line) does not change when a release appends a changeset
                int close = lastChangeSetClose(text, from, to);
                to = close > from ? close : to;
            }
            boolean decidedByText = !parameters.anyIn(from, to) && !(xml && hasCustomEntity(text, ampersands, from, to));
            result.add(decidedByText ? declarations.get(i).withFingerprint(text, from, to) : declarations.get(i));
        }
        return result;
    }

    /** Occurrences of a text, visited forward only. */
    private static final class Cursor {
        private final String text;
        private final String what;
        private int at;

        Cursor(String text, String what) {
            this.text = text;
            this.what = what;
            this.at = text.indexOf(what);
        }

        /** The first occurrence at or after {@code from}, or -1; {@code from} never decreases between calls. */
        int from(int from) {
            while (at >= 0 && at < from) {
                at = text.indexOf(what, at + 1);
            }
            return at;
        }

        /** Whether an occurrence (a {@code ${...}} reference, whose value may come from outside) is in the span. */
        boolean anyIn(int from, int to) {
            int next = from(from);
            return next >= 0 && next < to;
        }
    }

    /** A {@code ${...}} reference in {@code [from, to)}, whose value may come from outside the span. */
    private static boolean hasParameter(String text, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (text.charAt(i) == '$' && text.charAt(i + 1) == '{') {
                return true;
            }
        }
        return false;
    }

    /** An entity reference other than XML's predefined ones (its definition is outside the span). */
    private static boolean hasCustomEntity(String text, Cursor ampersands, int from, int to) {
        for (int at = ampersands.from(from); at >= 0 && at < to; at = ampersands.from(at + 1)) {
            if (!(text.startsWith("lt;", at + 1) || text.startsWith("gt;", at + 1) || text.startsWith("amp;", at + 1)
                    || text.startsWith("quot;", at + 1) || text.startsWith("apos;", at + 1)
                    || text.startsWith("#", at + 1))) {
                return true;
            }
        }
        return false;
    }

    private static String fingerprint(String text, int from, int to) {
        return Sha256.hex(text.substring(from, to));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * YAML and JSON (which Liquibase also reads with SnakeYAML): walks the parser's events, not a node tree, and
     * records the {@code id} key of every mapping that is the value of a {@code changeSet} key.
     */
    private static List<Declaration> scanYaml(String text) {
        var result = new ArrayList<Declaration>();
        var options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        var yaml = new Yaml(options);
        // per open mapping: is it a changeSet body, and is the next scalar in it a key or a value
        var stack = new ArrayDeque<Frame>();
        var lineStarts = yamlLineStarts(text);
        Frame current = null;
        Frame openChangeSet = null;
        for (Event event : yaml.parse(new StringReader(text))) {
            if (event instanceof MappingStartEvent) {
                boolean isChangeSet = current != null && current.expectKey == false && "changeSet".equals(current.lastKey);
                if (current != null) {
                    current.valueDone();
                }
                stack.push(current == null ? Frame.ROOT : current);
                current = new Frame(isChangeSet);
                if (isChangeSet) {
                    current.startLine = event.getStartMark().getLine();
                    openChangeSet = current;
                }
            } else if (event.is(Event.ID.MappingEnd)) {
                if (current != null && current.changeSet && current.id != null) {
                    var declaration = new Declaration(current.id, current.author == null ? "" : current.author,
                            current.idLine);
                    int from = lineStarts.length == 0 ? -1 : lineStart(lineStarts, current.startLine, text);
                    int to = lineStarts.length == 0 ? -1 : lineStart(lineStarts, event.getEndMark().getLine() + 1, text);
                    // an alias's content is defined outside the changeset
                    boolean decidedByText = from >= 0 && to >= from && !current.alias && !hasParameter(text, from, to);
                    result.add(decidedByText ? declaration.withFingerprint(text, from, to) : declaration);
                }
                if (current == openChangeSet) {
                    openChangeSet = null;
                }
                var parent = stack.isEmpty() ? null : stack.pop();
                current = parent == Frame.ROOT ? null : parent;
            } else if (event.is(Event.ID.SequenceStart)) {
                if (current != null) {
                    current.valueDone();
                }
                stack.push(current == null ? Frame.ROOT : current);
                current = Frame.sequence();
            } else if (event.is(Event.ID.SequenceEnd)) {
                var parent = stack.isEmpty() ? null : stack.pop();
                current = parent == Frame.ROOT ? null : parent;
            } else if (event instanceof AliasEvent) {
                if (openChangeSet != null) {
                    openChangeSet.alias = true;
                }
                if (current != null && !current.sequence) {
                    // an alias stands for a whole node: a key or a value
                    if (current.expectKey) {
                        current.lastKey = "";
                        current.expectKey = false;
                    } else {
                        current.valueDone();
                    }
                }
            } else if (event instanceof ScalarEvent scalar && current != null) {
                if (current.sequence) {
                    continue;
                }
                if (current.expectKey) {
                    current.lastKey = scalar.getValue();
                    current.keyLine = scalar.getStartMark().getLine() + 1;
                    current.expectKey = false;
                } else {
                    if (current.changeSet && "id".equals(current.lastKey)) {
                        current.id = scalar.getValue();
                        current.idLine = current.keyLine;
                    } else if (current.changeSet && "author".equals(current.lastKey)) {
                        current.author = scalar.getValue();
                    }
                    current.valueDone();
                }
            }
        }
        return result;
    }

    /** State of one open YAML collection while walking events. */
    private static final class Frame {
        static final Frame ROOT = new Frame(false);

        final boolean changeSet;
        boolean sequence;
        boolean expectKey = true;
        String lastKey;
        int keyLine;
        String id;
        String author;
        int idLine;
        int startLine;
        boolean alias;

        Frame(boolean changeSet) {
            this.changeSet = changeSet;
        }

        static Frame sequence() {
            var f = new Frame(false);
            f.sequence = true;
            return f;
        }

        void valueDone() {
            if (!sequence) {
                expectKey = true;
            }
        }
    }

    /**
     * Offsets of the starts of the text's lines as SnakeYAML counts them (0-based), or none when the text has line
     * breaks SnakeYAML counts and this does not (a lone CR, NEL, LS, PS): spans then get no fingerprint.
     */
    private static int[] yamlLineStarts(String text) {
        var starts = new ArrayList<Integer>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                starts.add(i + 1);
            } else if ((c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))
                    || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return new int[0];
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The offset where 0-based {@code line} starts, the end of the text past the last line. */
    private static int lineStart(int[] lineStarts, int line, String text) {
        return line < lineStarts.length ? lineStarts[line] : text.length();
    }

    /** Turns offsets into 1-based lines, moving forward only: one pass over the text for all lookups. */
    private static final class LineCounter {
        private final String text;
        private int offset;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        int lineAt(int target) {
            for (; offset < target; offset++) {
                if (text.charAt(offset) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
