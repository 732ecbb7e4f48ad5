package io.github.rollbacksafety.query.javasource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private static final int IDENT = 1;
    private static final int LITERAL = 2;

    private SourceSelection() {
    }

    /**
     * What one literal (string, text block or character) can give a statement text: a keyword at its start, or
     * its first letters filling the literal (the next part may complete the word); the words a keyword needs,
     * or their first letters at its end.
     */
    static int literal(String value) {
        int n = value.length();
        int bits = 0;
        // the start: blanks and parentheses (SqlShape's [\\s(]*), then "{" or a word
        int first = 0;
        while (first < n && (value.charAt(first) == '(' || blank(value.charAt(first)))) {
            first++;
        }
        if (first < n && value.charAt(first) == '{') {
            bits |= BRACE;
        }
        for (int w = 0; w < n; ) {
            if (!letter(value.charAt(w)) || w > 0 && (letter(value.charAt(w - 1)) || value.charAt(w - 1) == '_'
                    || value.charAt(w - 1) >= '0' && value.charAt(w - 1) <= '9')) {
                w++;
                continue;
            }
            int e = w + 1;
            while (e < n && letter(value.charAt(e))) {
                e++;
            }
            int length = e - w;
            boolean last = e == n;
            for (int k = 0; k < STARTS.length && length <= 8; k++) {
                boolean equal = is(value, w, length, STARTS[k]);
                boolean part = last && length < STARTS[k].length() && value.regionMatches(true, w, STARTS[k], 0, length);
                if (w == first && (equal || part && length >= MIN_PART)) {
                    bits |= START_BITS[k];
                }
                if (equal || part) {
                    bits |= WORD_ANYWHERE;
                }
            }
            for (int k = 0; k < SECONDS.length && length <= 8; k++) {
                if (is(value, w, length, SECONDS[k]) || last && length >= MIN_SECOND_PART
                        && length < SECONDS[k].length() && value.regionMatches(true, w, SECONDS[k], 0, length)) {
                    bits |= SECOND_BITS[k];
                }
            }
            w = e;
        }
        // with x as (: the pattern lets "as" close any word
        for (int i = 0; i < n && (bits & AS) == 0; i++) {
            char c = value.charAt(i);
            if ((c == 'a' || c == 'A') && (i + 1 == n || value.charAt(i + 1) == 's' || value.charAt(i + 1) == 'S')) {
                bits |= AS;
            }
        }
        return bits;
    }

    private static boolean is(String value, int from, int length, String word) {
        return length == word.length() && value.regionMatches(true, from, word, 0, length);
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Java regex's {@code \\s}. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
                needed |= tokens.word(last, "interface") || QUERY_ANNOTATIONS.contains(tokens.text(last));
                continue;
            }
            if (tokens.kind[t] != IDENT) {
                continue;
            }
            if ((tokens.word(t, "class") || tokens.word(t, "interface") || tokens.word(t, "enum")
                    || tokens.word(t, "record")) && !(t > 0 && tokens.is(t - 1, '.')) && t + 1 < n
                    && tokens.kind[t + 1] == IDENT) {
                var name = tokens.text(t + 1);
                declares.add(name);
                needed |= SourceClasses.JPA_NAMES.contains(name) || name.equals("Query");
            } else if (tokens.word(t, "createQuery") || tokens.word(t, "createSelectionQuery")
                    || tokens.word(t, "createMutationQuery") || t >= 2 && tokens.is(t - 1, '.')
                    && (tokens.word(t, "persistence") && (tokens.word(t - 2, "jakarta") || tokens.word(t - 2, "javax"))
                    || tokens.word(t, "jpa") && tokens.word(t - 2, "data"))) {
                needed = true;
            } else if (tokens.word(t, "replace") && t + 1 < n && tokens.is(t + 1, '(')) {
                literals |= REWRITES;
                constantLiterals |= inValue ? REWRITES : 0;
            } else if (tokens.word(t, "String") && !inValue && t + 2 < n && tokens.kind[t + 1] == IDENT
                    && tokens.is(t + 2, '=')) {
                stringFields.add(tokens.text(t + 1));
                valueDepth = 0;
                t += 2;
            } else if ((tokens.word(t, "extends") || tokens.word(t, "implements")) && !inValue) {
                // constants inherited from a superclass or interface (Tables.ORDERS used as ORDERS)
                for (int u = t + 1; u < n && !tokens.is(u, '{') && !tokens.is(u, ';'); u++) {
                    if (tokens.kind[u] == IDENT) {
                        references.add(tokens.text(u) + ".*");
                        constantReferences.add(tokens.text(u) + ".*");
                    }
                }
            } else if (tokens.word(t, "import") && t + 1 < n && tokens.word(t + 1, "static")) {
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
                var reference = tokens.text(t) + "." + tokens.text(t + 2);
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

    /**
     * The tokens of a file: identifiers, literals (keeping only what they can give a statement text) and
     * punctuation (its character, negated, as kind).
     */
    private static final class Tokens {
        private final char[] text;
        int size;
        int[] kind = new int[1024];
        int[] start = new int[1024];
        int[] end = new int[1024];
        /** For a literal, what it can give a statement text. */
        int[] bits = new int[1024];

        Tokens(String text) {
            this.text = text.toCharArray();
        }

        boolean is(int t, char c) {
            return kind[t] == -c;
        }

        /** Whether the token is this identifier (without making a string of it). */
        boolean word(int t, String w) {
            int length = end[t] - start[t];
            if (kind[t] != IDENT || length != w.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (text[start[t] + i] != w.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        String text(int t) {
            return new String(text, start[t], end[t] - start[t]);
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
            var text = this.text;
            int n = text.length;
            int i = 0;
            while (i < n) {
                char c = text[i];
                if (c == '/' && i + 1 < n && text[i + 1] == '/') {
                    while (i < n && text[i] != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
                    i += 2;
                    while (i < n && !(text[i] == '*' && i + 1 < n && text[i + 1] == '/')) {
                        i++;
                    }
                    i += 2;
                } else if (c == '"' && i + 2 < n && text[i + 1] == '"' && text[i + 2] == '"') {
                    int j = i + 3;
                    while (j < n && !(text[j] == '"' && j + 2 < n && text[j + 1] == '"' && text[j + 2] == '"')) {
                        j += text[j] == '\\' ? 2 : 1;
                    }
                    int close = Math.min(j, n);
                    add(LITERAL, i, Math.min(j + 3, n), literal(unescape(text, i + 3, close)));
                    i = Math.min(j + 3, n);
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && text[j] != c && text[j] != '\n') {
                        j += text[j] == '\\' ? 2 : 1;
                    }
                    add(LITERAL, i, Math.min(j + 1, n), literal(unescape(text, i + 1, Math.min(j, n))));
                    i = Math.min(j + 1, n);
                } else if (identifierPart(c) && !(c >= '0' && c <= '9')) {
                    int j = i + 1;
                    while (j < n && identifierPart(text[j])) {
                        j++;
                    }
                    add(IDENT, i, j, 0);
                    i = j;
                } else if (c >= '0' && c <= '9') {
                    int j = i + 1;
                    while (j < n && (identifierPart(text[j]) || text[j] == '.')) {
                        j++;
                    }
                    add(LITERAL, i, j, 0);
                    i = j;
                } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || Character.isWhitespace(c)) {
                    i++;
                } else {
                    add(-c, i, i + 1, 0);
                    i++;
                }
            }
        }

        private static boolean identifierPart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || c > 127 && Character.isJavaIdentifierPart(c);
        }

        /** A literal's value; an escape this does not know counts as the character after the backslash. */
        private static String unescape(char[] text, int from, int to) {
            boolean escapes = false;
            for (int i = from; i < to && !escapes; i++) {
                escapes = text[i] == '\\';
            }
            if (!escapes) {
                return new String(text, from, to - from);
            }
            var out = new StringBuilder(to - from);
            for (int i = from; i < to; i++) {
                char c = text[i];
                if (c != '\\' || i + 1 >= to) {
                    out.append(c);
                    continue;
                }
                char e = text[++i];
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'f' -> out.append('\f');
                    case 'b' -> out.append('\b');
                    case 's' -> out.append(' ');
                    case '\n' -> { } // a text block's line continuation
                    case '\r' -> i += i + 1 < to && text[i + 1] == '\n' ? 1 : 0;
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int value = e - '0';
                            for (int k = 0; k < 2 && i + 1 < to && text[i + 1] >= '0' && text[i + 1] <= '7'; k++) {
                                value = value * 8 + text[++i] - '0';
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
