package io.github.rollbacksafety.query.javasource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides from the raw text of a source root's Java files, without parsing them, which files the readers need:
 * most classes of an application (services, controllers, DTOs, utilities) can hold neither a query nor a mapping,
 * and parsing them is most of a cold read. The test is a superset of what {@link SqlStringFinder} and
 * {@link JpaSourceReader} can find, so that leaving the other files unparsed does not change a result:
 *
 * <ul>
 *   <li>a file whose literals, with those of the constants it names in other files, can make a text that passes
 *   the finder's statement test: a statement keyword at the start of a literal (after blanks and parentheses) and
 *   the word that keyword needs ({@code from}, {@code into}, {@code set}...) in some literal; placeholders for
 *   unknown parts are never blank, so both must come from literals;</li>
 *   <li>a file that names the persistence or Spring Data JPA packages (the only way an annotation resolves to a
 *   mapping annotation), a query annotation by its simple name ({@code @Query}, {@code @NamedNativeQuery},
 *   {@code @Select}, {@code @SqlQuery}...), or a JPQL call ({@code createQuery}...), whose argument needs no
 *   statement word;</li>
 *   <li>a file that declares an annotation type or a type named like a JPA annotation (these change how an
 *   annotation name resolves), or that holds a Unicode escape (which can hide anything from a scan of the
 *   text);</li>
 *   <li>and every file declaring a constant that a chosen file names ({@code Tables.ORDERS},
 *   {@code Outer.Inner.NAME}, a static import, a constant of a supertype), transitively: the readers look constants
 *   up there, by simple name too, so every file declaring that simple name and a {@code String} of that name is
 *   taken.</li>
 * </ul>
 *
 * Types the readers only resolve by name (field types, superclasses that are not mapped) need no file: a type that
 * is not mapped reaches the mapping model only through its simple name, which does not depend on where it is
 * declared. Not followed: a keyword built from pieces shorter than {@link #MIN_PART} letters ("S" + "ELECT").
 */
final class SourceSelection {

    /**
     * What the text of one file tells the selection.
     *
     * @param declares            simple names of the types it declares (nested ones too)
     * @param stringFields        names of the {@code String} variables it declares with a value (constants, and
     *                            locals too: a superset)
     * @param references          {@code Type.NAME} it names anywhere ({@code Type.*} for a static import on demand
     *                            or a supertype)
     * @param constantReferences  those named in the values of its {@code String} variables, its static imports and
     *                            its supertypes ({@code Type.*}: their constants can be used unqualified)
     * @param needed              whether a reader needs it whatever it refers to
     * @param literals            what its literals can give a statement text
     * @param constantLiterals    what the literals in the values of its {@code String} variables can give
     */
    record Profile(Set<String> declares, Set<String> stringFields, Set<String> references,
                   Set<String> constantReferences, boolean needed, int literals, int constantLiterals) {
    }

    /** A file that is parsed whatever it holds. */
    static final Profile NEEDED = new Profile(Set.of(), Set.of(), Set.of(), Set.of(), true, 0, 0);

    /** Simple names of the annotations whose values {@link SqlStringFinder} or the JPA reader read as queries. */
    private static final Set<String> QUERY_ANNOTATIONS = Set.of("Query", "NamedQuery", "NamedQueries",
            "NamedNativeQuery", "NamedNativeQueries", "SqlQuery", "SqlUpdate", "SqlBatch", "SqlCall", "Select",
            "Insert", "Update", "Delete");
    private static final Set<String> JPQL_CALLS = Set.of("createQuery", "createSelectionQuery",
            "createMutationQuery");
    /**
     * The packages an annotation must resolve to for the JPA reader (jakarta.persistence, javax.persistence, Spring
     * Data JPA's org.springframework.data.jpa): a file can only name them in full, in an import, a qualified name or
     * its own package declaration.
     */
    private static final Set<String> MAPPING_PACKAGES = Set.of("jakarta.persistence", "javax.persistence",
            "data.jpa");
    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");
    /*
     * What a file's literals can give a statement text (SqlShape.looksLikeSql): the text must start, after blanks
     * and parentheses, with a statement keyword and hold the word that keyword needs (select ... from, insert
     * into, update ... set, with ... as). Placeholders for unknown parts are never blank, so both come from
     * literals: of the file that hands the text on, or of the constants it folds in (other files).
     */
    private static final int SELECT = 1;
    private static final int DELETE = 1 << 1;
    private static final int INSERT = 1 << 2;
    private static final int UPDATE = 1 << 3;
    private static final int WITH = 1 << 4;
    private static final int MERGE = 1 << 5;
    /** A start that needs no particular second word here (truncate, call, copy). */
    private static final int ANY_START = 1 << 6;
    private static final int FROM = 1 << 7;
    private static final int INTO = 1 << 8;
    private static final int SET = 1 << 9;
    private static final int AS = 1 << 10;
    /** A statement word anywhere in a literal: what a {@code replace} may move to the start. */
    private static final int WORD_ANYWHERE = 1 << 11;
    /** The file calls {@code replace(...)}, which the folder follows with constant arguments. */
    private static final int REWRITES = 1 << 12;
    /** A JDBC escape ({@code {call p(?)}}) and the word it needs. */
    private static final int BRACE = 1 << 13;
    private static final int CALL = 1 << 14;

    private static final String[] STARTS = {"select", "delete", "insert", "update", "with", "merge", "truncate",
        "call", "copy"};
    private static final int[] START_BITS = {SELECT, DELETE, INSERT, UPDATE, WITH, MERGE, ANY_START, ANY_START,
        ANY_START};
    private static final String[] SECONDS = {"from", "nextval", "currval", "next", "into", "set", "as", "call"};
    private static final int[] SECOND_BITS = {FROM, FROM, FROM, FROM, INTO, SET, AS, CALL};
    /**
     * The shortest start of a keyword counted when it fills a literal ("SEL" + "ECT"): shorter ones ("s" for a
     * plural, "in", "de") are everyday literals that no code builds a keyword from.
     */
    private static final int MIN_PART = 3;
    /** The same for the word a keyword needs ("FR" + "OM"); "s" ends many a plural. */
    private static final int MIN_SECOND_PART = 2;
    /** Letters at the start, after blanks and parentheses, and what follows them. */
    private static final Pattern FIRST_WORD = Pattern.compile("\\A[\\s(]*(\\{|[A-Za-z]+)");
    /** Every word, with boundaries that accept more than Java's {@code \b}. */
    private static final Pattern WORD = Pattern.compile("(?<![A-Za-z0-9_])[A-Za-z]+");

    private static final int IDENT = 1;
    private static final int LITERAL = 2;
    private static final int OTHER = 3;

    private SourceSelection() {
    }

    /**
     * What one literal (string, text block or character) can give a statement text: a keyword at its start, or
     * its first letters filling the literal (the next part may complete the word); the words a keyword needs,
     * or their first letters at its end.
     */
    static int literal(String value) {
        int bits = 0;
        var first = FIRST_WORD.matcher(value);
        if (first.lookingAt()) {
            var word = first.group(1).toLowerCase(java.util.Locale.ROOT);
            boolean whole = first.end() == value.length();
            if (word.equals("{")) {
                bits |= BRACE;
            }
            for (int k = 0; k < STARTS.length; k++) {
                if (word.equals(STARTS[k]) || whole && word.length() >= MIN_PART && STARTS[k].startsWith(word)) {
                    bits |= START_BITS[k];
                }
            }
        }
        var words = WORD.matcher(value);
        while (words.find()) {
            var word = words.group().toLowerCase(java.util.Locale.ROOT);
            boolean last = words.end() == value.length();
            for (int k = 0; k < SECONDS.length; k++) {
                if (word.equals(SECONDS[k])
                        || last && word.length() >= MIN_SECOND_PART && SECONDS[k].startsWith(word)) {
                    bits |= SECOND_BITS[k];
                }
            }
            for (var start : STARTS) {
                if (word.equals(start) || last && start.startsWith(word)) {
                    bits |= WORD_ANYWHERE;
                }
            }
        }
        // with x as (: the pattern lets "as" close any word
        var lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("as") || lower.endsWith("a")) {
            bits |= AS;
        }
        return bits;
    }

    /** Whether literals with these bits can make a text that passes the statement test. */
    static boolean canMakeStatement(int bits) {
        return (bits & ANY_START) != 0
                || (bits & BRACE) != 0 && (bits & CALL) != 0
                || (bits & (SELECT | DELETE)) != 0 && (bits & FROM) != 0
                || (bits & (INSERT | MERGE)) != 0 && (bits & INTO) != 0
                || (bits & UPDATE) != 0 && (bits & SET) != 0
                || (bits & WITH) != 0 && (bits & AS) != 0
                || (bits & REWRITES) != 0 && (bits & WORD_ANYWHERE) != 0;
    }

    /** Scans one file's text: comments are skipped, literals tested, identifiers and punctuation kept. */
    static Profile profile(String text) {
        var tokens = new Tokens(text);
        tokens.lex();
        var declares = new HashSet<String>();
        var stringFields = new HashSet<String>();
        var references = new HashSet<String>();
        var constantReferences = new HashSet<String>();
        boolean needed = text.contains("\\u");
        int literals = 0;
        int constantLiterals = 0;
        int n = tokens.size;
        // inside the value of a String variable: the nesting depth there, -1 outside
        int valueDepth = -1;
        for (int t = 0; t < n; t++) {
            if (valueDepth >= 0) {
                if (tokens.is(t, '(') || tokens.is(t, '[') || tokens.is(t, '{')) {
                    valueDepth++;
                } else if (tokens.is(t, ')') || tokens.is(t, ']') || tokens.is(t, '}')) {
                    valueDepth--;
                } else if (valueDepth == 0 && (tokens.is(t, ';') || tokens.is(t, ','))) {
                    valueDepth = -1;
                    // String A = "...", B = "...";
                    if (tokens.is(t, ',') && t + 2 < n && tokens.kind[t + 1] == IDENT && tokens.is(t + 2, '=')) {
                        stringFields.add(tokens.text(t + 1));
                        valueDepth = 0;
                        t += 2;
                        continue;
                    }
                }
            }
            boolean inValue = valueDepth >= 0;
            if (tokens.kind[t] == LITERAL) {
                literals |= tokens.bits[t];
                constantLiterals |= inValue ? tokens.bits[t] : 0;
                continue;
            }
            if (tokens.is(t, '@') && t + 1 < n && tokens.kind[t + 1] == IDENT) {
                int last = t + 1;
                while (last + 2 < n && tokens.is(last + 1, '.') && tokens.kind[last + 2] == IDENT) {
                    last += 2;
                }
                var name = tokens.text(last);
                needed |= QUERY_ANNOTATIONS.contains(name) || name.equals("interface");
                continue;
            }
            if (tokens.kind[t] != IDENT) {
                continue;
            }
            var word = tokens.text(t);
            if (TYPE_KEYWORDS.contains(word) && !(t > 0 && tokens.is(t - 1, '.')) && t + 1 < n
                    && tokens.kind[t + 1] == IDENT) {
                var name = tokens.text(t + 1);
                declares.add(name);
                needed |= SourceClasses.JPA_NAMES.contains(name) || name.equals("Query");
            } else if (JPQL_CALLS.contains(word) || t >= 2 && tokens.is(t - 1, '.') && tokens.kind[t - 2] == IDENT
                    && MAPPING_PACKAGES.contains(tokens.text(t - 2) + "." + word)) {
                needed = true;
            } else if (word.equals("replace") && t + 1 < n && tokens.is(t + 1, '(')) {
                literals |= REWRITES;
                constantLiterals |= inValue ? REWRITES : 0;
            } else if (word.equals("String") && !inValue && t + 2 < n && tokens.kind[t + 1] == IDENT
                    && tokens.is(t + 2, '=')) {
                stringFields.add(tokens.text(t + 1));
                valueDepth = 0;
                t += 2;
            } else if ((word.equals("extends") || word.equals("implements")) && !inValue) {
                // constants inherited from a superclass or interface (Tables.ORDERS used as ORDERS)
                for (int u = t + 1; u < n && !tokens.is(u, '{') && !tokens.is(u, ';'); u++) {
                    if (tokens.kind[u] == IDENT) {
                        references.add(tokens.text(u) + ".*");
                        constantReferences.add(tokens.text(u) + ".*");
                    }
                }
            } else if (word.equals("import") && t + 1 < n && tokens.kind[t + 1] == IDENT
                    && tokens.text(t + 1).equals("static")) {
                // import static a.b.Tables.ORDERS; or a.b.Tables.*;
                int end = t + 2;
                while (end < n && !tokens.is(end, ';')) {
                    end++;
                }
                if (end - 3 > t + 1 && tokens.kind[end - 3] == IDENT && tokens.is(end - 2, '.')) {
                    var imported = tokens.text(end - 3) + "." + (tokens.is(end - 1, '*') ? "*" : tokens.text(end - 1));
                    references.add(imported);
                    constantReferences.add(imported); // the file's constants may use the name unqualified
                }
                t = end;
            } else if (t + 2 < n && tokens.is(t + 1, '.') && tokens.kind[t + 2] == IDENT
                    && !(t + 3 < n && tokens.is(t + 3, '('))) {
                // Tables.ORDERS, Outer.Inner.NAME (each step), not a method call
                var reference = word + "." + tokens.text(t + 2);
                references.add(reference);
                if (inValue) {
                    constantReferences.add(reference);
                }
            }
        }
        return new Profile(declares, stringFields, references, constantReferences, needed, literals,
                constantLiterals);
    }

    /**
     * The files to parse, by index: the needed ones and those whose literals, with those of the constants they
     * name, can make a statement; with every file declaring a constant they name, transitively.
     */
    static BitSet select(List<Profile> files) {
        var byName = new HashMap<String, List<Integer>>();
        for (int i = 0; i < files.size(); i++) {
            for (var name : files.get(i).declares()) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
            }
        }
        var references = new ArrayList<List<Integer>>(files.size());
        var constantReferences = new ArrayList<List<Integer>>(files.size());
        for (int i = 0; i < files.size(); i++) {
            constantReferences.add(declaring(files.get(i).constantReferences(), i, files, byName));
            var all = new ArrayList<>(declaring(files.get(i).references(), i, files, byName));
            all.addAll(constantReferences.get(i));
            references.add(all);
        }
        // what the values of a file's String constants can give, with the constants they name, up to a fixed point
        var constants = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            constants[i] = files.get(i).constantLiterals();
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int i = 0; i < files.size(); i++) {
                for (int j : constantReferences.get(i)) {
                    if ((constants[i] | constants[j]) != constants[i]) {
                        constants[i] |= constants[j];
                        changed = true;
                    }
                }
            }
        }
        var seeds = new BitSet();
        for (int i = 0; i < files.size(); i++) {
            int bits = files.get(i).literals();
            for (int j : references.get(i)) {
                bits |= constants[j];
            }
            if (files.get(i).needed() || canMakeStatement(bits)) {
                seeds.set(i);
            }
        }
        return closure(seeds, references);
    }

    /**
     * The other files that can declare the constants named: every file declaring a type of that simple name and a
     * String variable of that name (the readers look constants up by simple name too).
     */
    private static List<Integer> declaring(Set<String> names, int self, List<Profile> files,
                                           Map<String, List<Integer>> byName) {
        var result = new ArrayList<Integer>();
        for (var name : names) {
            int dot = name.indexOf('.');
            var member = name.substring(dot + 1);
            for (int j : byName.getOrDefault(name.substring(0, dot), List.of())) {
                var fields = files.get(j).stringFields();
                if (j != self && (member.equals("*") ? !fields.isEmpty() : fields.contains(member))) {
                    result.add(j);
                }
            }
        }
        return result;
    }

    private static BitSet closure(BitSet start, List<List<Integer>> edges) {
        var result = (BitSet) start.clone();
        var queue = new ArrayDeque<Integer>();
        start.stream().forEach(queue::add);
        while (!queue.isEmpty()) {
            for (int next : edges.get(queue.poll())) {
                if (!result.get(next)) {
                    result.set(next);
                    queue.add(next);
                }
            }
        }
        return result;
    }

    /** The tokens of a file; a literal keeps only what it can give a statement text. */
    private static final class Tokens {
        private final String text;
        int size;
        int[] kind = new int[1024];
        int[] start = new int[1024];
        int[] end = new int[1024];
        /** For a literal, what it can give a statement text. */
        int[] bits = new int[1024];

        Tokens(String text) {
            this.text = text;
        }

        boolean is(int t, char c) {
            return kind[t] == OTHER && text.charAt(start[t]) == c;
        }

        String text(int t) {
            return text.substring(start[t], end[t]);
        }

        private void add(int k, int s, int e, int literalBits) {
            if (size == kind.length) {
                kind = java.util.Arrays.copyOf(kind, size * 2);
                start = java.util.Arrays.copyOf(start, size * 2);
                end = java.util.Arrays.copyOf(end, size * 2);
                bits = java.util.Arrays.copyOf(bits, size * 2);
            }
            kind[size] = k;
            start[size] = s;
            end[size] = e;
            bits[size] = literalBits;
            size++;
        }

        /** Lexes the text into tokens. */
        void lex() {
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                    int eol = text.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int close = text.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                } else if (c == '"' && text.startsWith("\"\"\"", i)) {
                    int j = i + 3;
                    while (j < n && !text.startsWith("\"\"\"", j)) {
                        j += text.charAt(j) == '\\' ? 2 : 1;
                    }
                    add(LITERAL, i, Math.min(j + 3, n), literal(unescape(text, i + 3, Math.min(j, n))));
                    i = Math.min(j + 3, n);
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                        j += text.charAt(j) == '\\' ? 2 : 1;
                    }
                    add(LITERAL, i, Math.min(j + 1, n), literal(unescape(text, i + 1, Math.min(j, n))));
                    i = Math.min(j + 1, n);
                } else if (Character.isJavaIdentifierStart(c)) {
                    int j = i + 1;
                    while (j < n && Character.isJavaIdentifierPart(text.charAt(j))) {
                        j++;
                    }
                    add(IDENT, i, j, 0);
                    i = j;
                } else if (c >= '0' && c <= '9') {
                    int j = i + 1;
                    while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                            || text.charAt(j) == '.')) {
                        j++;
                    }
                    add(LITERAL, i, j, 0);
                    i = j;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else {
                    add(OTHER, i, i + 1, 0);
                    i++;
                }
            }
        }


        /** A literal's value; an escape this does not know counts as the character after the backslash. */
        private static String unescape(String text, int from, int to) {
            if (text.indexOf('\\', from) < 0 || text.indexOf('\\', from) >= to) {
                return text.substring(from, to);
            }
            var out = new StringBuilder(to - from);
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c != '\\' || i + 1 >= to) {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'f' -> out.append('\f');
                    case 'b' -> out.append('\b');
                    case 's' -> out.append(' ');
                    case '\n' -> { } // a text block's line continuation
                    case '\r' -> i += i + 1 < to && text.charAt(i + 1) == '\n' ? 1 : 0;
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int value = e - '0';
                            for (int k = 0; k < 2 && i + 1 < to && text.charAt(i + 1) >= '0'
                                    && text.charAt(i + 1) <= '7'; k++) {
                                value = value * 8 + text.charAt(++i) - '0';
                            }
                            out.append((char) Math.min(value, 0377));
                        } else {
                            out.append(e);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
