package io.github.rollbacksafety.query;

import io.github.rollbacksafety.query.mybatis.MyBatisPlaceholders;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A string as far as the code that builds it can be folded at compile time: known text, parts only known at run
 * time ({@link Unknown}) and places where the code takes one of several ways ({@link Choice}: if/else, a loop's
 * body run once or not at all, a conditional expression). The one constant folder of the Java front ends: the
 * Java source reader (JavaParser) and the bytecode reader (ASM) both fold into this value and render SQL from it,
 * so literals, concatenation, {@code StringBuilder} appends, {@code String.format}, {@code String.join} and
 * alternatives mean the same on both.
 *
 * <p>Rendering only ever writes text the program can produce, with each unknown part replaced by a placeholder
 * that keeps the statement parseable: {@code ?} inside a quoted literal or where a value is expected, otherwise
 * {@code ${name}}, which the SQL extractor reads as MyBatis text substitution (an unknown prefix when glued to a
 * name, an unknown name, or a clause spliced in).
 */
public final class FoldedText {

    /** A piece of the text. */
    public sealed interface Part permits Known, Unknown, Choice {
    }

    /** Text known at compile time. */
    public record Known(String text) implements Part {
    }

    /**
     * A value only known at run time; {@code hint} names it (a variable, a method), for the placeholder. A
     * {@code clause} is text some other code may add in between (a builder handed to another method), never glued
     * to what stands around it.
     */
    public record Unknown(String hint, boolean clause) implements Part {
    }

    /** One of several texts, depending on the way the code takes (never fewer than two options). */
    public record Choice(List<FoldedText> options) implements Part {
    }

    /** Bounds that keep folding cheap on generated or pathological code. */
    private static final int MAX_PARTS = 512;
    private static final int MAX_OPTIONS = 8;
    private static final int MAX_LENGTH = 100_000;

    public static final FoldedText EMPTY = new FoldedText(List.of());

    private final List<Part> parts;
    private int hash;
    /** {@link #mayBeStatement()} once known: 0 not yet, 1 no, 2 yes. */
    private byte statement;
    private int choices = -1;

    private FoldedText(List<Part> parts) {
        this.parts = parts;
    }

    public static FoldedText of(String known) {
        return known.isEmpty() ? EMPTY : new FoldedText(List.of(new Known(known)));
    }

    public static FoldedText unknown(String hint) {
        return new FoldedText(List.of(new Unknown(hint == null ? "" : hint, false)));
    }

    /** Text that other code may add at this point (a builder handed to another method). */
    public static FoldedText clause(String hint) {
        return new FoldedText(List.of(new Unknown(hint == null ? "" : hint, true)));
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** This text followed by another; past the size bounds the rest is one unknown part. */
    public FoldedText plus(FoldedText next) {
        if (next.parts.isEmpty()) {
            return this;
        }
        if (parts.isEmpty()) {
            return next;
        }
        var all = new ArrayList<Part>(parts.size() + next.parts.size());
        all.addAll(parts);
        for (var p : next.parts) {
            add(all, p);
        }
        if (all.size() > MAX_PARTS || length(all) > MAX_LENGTH) {
            var kept = new ArrayList<>(parts);
            if (!(kept.get(kept.size() - 1) instanceof Unknown)) {
                kept.add(new Unknown("more", true));
            }
            return new FoldedText(List.copyOf(kept));
        }
        return new FoldedText(List.copyOf(all));
    }

    public FoldedText plus(String known) {
        return plus(of(known));
    }

    private static void add(List<Part> into, Part p) {
        if (p instanceof Known k && !into.isEmpty() && into.get(into.size() - 1) instanceof Known last) {
            into.set(into.size() - 1, new Known(last.text() + k.text()));
        } else {
            into.add(p);
        }
    }

    private static int length(List<Part> parts) {
        int n = 0;
        for (var p : parts) {
            if (p instanceof Known k) {
                n += k.text().length();
            } else if (p instanceof Choice c) {
                for (var o : c.options()) {
                    n += length(o.parts);
                }
            }
        }
        return n;
    }

    /**
     * One of the texts, as at the end of an if/else: the common beginning and end stay as they are, the rest is a
     * {@link Choice}. Equal options are one; past {@value #MAX_OPTIONS} options the later ones are left out.
     */
    public static FoldedText oneOf(List<FoldedText> texts) {
        var distinct = new ArrayList<FoldedText>(new LinkedHashSet<>(texts));
        if (distinct.isEmpty()) {
            return EMPTY;
        }
        if (distinct.size() == 1) {
            return distinct.get(0);
        }
        // flatten nested choices that span a whole option, so that repeated merges stay flat
        var flat = new ArrayList<FoldedText>();
        for (var t : distinct) {
            if (t.parts.size() == 1 && t.parts.get(0) instanceof Choice c) {
                flat.addAll(c.options());
            } else {
                flat.add(t);
            }
        }
        distinct = new ArrayList<>(new LinkedHashSet<>(flat));
        if (distinct.size() > MAX_OPTIONS) {
            distinct = new ArrayList<>(distinct.subList(0, MAX_OPTIONS));
        }
        distinct = new ArrayList<>(splitKnown(distinct));
        int prefix = commonPrefix(distinct);
        int suffix = commonSuffix(distinct, prefix);
        var first = distinct.get(0).parts;
        var result = new ArrayList<Part>(first.subList(0, prefix));
        var options = new ArrayList<FoldedText>();
        for (var t : distinct) {
            var rest = new ArrayList<Part>();
            t.parts.subList(prefix, t.parts.size() - suffix).forEach(p -> add(rest, p));
            options.add(new FoldedText(List.copyOf(rest)));
        }
        var unique = new ArrayList<>(new LinkedHashSet<>(options));
        var merged = new ArrayList<Part>();
        first.subList(0, prefix).forEach(p -> add(merged, p));
        if (unique.size() == 1) {
            unique.get(0).parts.forEach(p -> add(merged, p));
        } else {
            merged.add(new Choice(List.copyOf(unique)));
        }
        first.subList(first.size() - suffix, first.size()).forEach(p -> add(merged, p));
        return new FoldedText(List.copyOf(merged));
    }

    /**
     * The texts with their known parts split where they stop being common to all, so that {@code "a b"} and
     * {@code "a c"} share the part {@code "a "} (the beginning and end of each text, character by character).
     */
    private static List<FoldedText> splitKnown(List<FoldedText> texts) {
        int common = Integer.MAX_VALUE;
        int commonEnd = Integer.MAX_VALUE;
        var firstTexts = new ArrayList<String>();
        var lastTexts = new ArrayList<String>();
        for (var t : texts) {
            firstTexts.add(!t.parts.isEmpty() && t.parts.get(0) instanceof Known k ? k.text() : "");
            lastTexts.add(!t.parts.isEmpty() && t.parts.get(t.parts.size() - 1) instanceof Known k ? k.text() : "");
        }
        var a = firstTexts.get(0);
        var z = lastTexts.get(0);
        for (int i = 1; i < texts.size(); i++) {
            common = Math.min(common, sharedStart(a, firstTexts.get(i)));
            commonEnd = Math.min(commonEnd, sharedEnd(z, lastTexts.get(i)));
        }
        var result = new ArrayList<FoldedText>();
        for (var t : texts) {
            var parts = new ArrayList<Part>(t.parts);
            if (common > 0 && parts.get(0) instanceof Known k && k.text().length() > common) {
                parts.set(0, new Known(k.text().substring(common)));
                parts.add(0, new Known(k.text().substring(0, common)));
            }
            int last = parts.size() - 1;
            if (commonEnd > 0 && parts.get(last) instanceof Known k && k.text().length() > commonEnd
                    && (last > 0 || common == 0)) {
                parts.set(last, new Known(k.text().substring(0, k.text().length() - commonEnd)));
                parts.add(new Known(k.text().substring(k.text().length() - commonEnd)));
            }
            result.add(new FoldedText(parts));
        }
        return result;
    }

    /** The length of the shared beginning, never ending inside a name ({@code orders} is not in {@code orders_x}). */
    private static int sharedStart(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        while (n > 0 && isNamePart(a.charAt(n - 1))
                && (n < a.length() && isNamePart(a.charAt(n)) || n < b.length() && isNamePart(b.charAt(n)))) {
            n--;
        }
        return n;
    }

    private static int sharedEnd(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        while (n > 0 && isNamePart(a.charAt(a.length() - n)) && (n < a.length()
                && isNamePart(a.charAt(a.length() - 1 - n)) || n < b.length() && isNamePart(b.charAt(b.length() - 1 - n)))) {
            n--;
        }
        return n;
    }

    public static FoldedText oneOf(FoldedText a, FoldedText b) {
        return oneOf(List.of(a, b));
    }

    private static int commonPrefix(List<FoldedText> texts) {
        int n = 0;
        while (true) {
            Part p = null;
            for (var t : texts) {
                if (n >= t.parts.size() || p != null && !p.equals(t.parts.get(n))) {
                    return n;
                }
                p = t.parts.get(n);
            }
            n++;
        }
    }

    private static int commonSuffix(List<FoldedText> texts, int prefix) {
        int n = 0;
        while (true) {
            Part p = null;
            for (var t : texts) {
                int i = t.parts.size() - 1 - n;
                if (i < prefix || p != null && !p.equals(t.parts.get(i))) {
                    return n;
                }
                p = t.parts.get(i);
            }
            n++;
        }
    }

    /** The text when it is fully known at compile time (no unknown part, no choice). */
    public Optional<String> constant() {
        var sb = new StringBuilder();
        for (var p : parts) {
            if (!(p instanceof Known k)) {
                return Optional.empty();
            }
            sb.append(k.text());
        }
        return Optional.of(sb.toString());
    }

    /** Whether any part of the text is known (a text of only unknown parts says nothing about a statement). */
    public boolean hasKnownText() {
        for (var p : parts) {
            if (p instanceof Known || p instanceof Choice c && c.options().stream().anyMatch(FoldedText::hasKnownText)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern STATEMENT_WORD = Pattern.compile(
            "(?i)\\b(select|insert|update|delete|with|merge|truncate|call|copy)\\b");

    /**
     * Whether some known part holds a word a statement starts with: a cheap test before {@link #variants}, as
     * most strings a program builds (messages, keys, paths) are not SQL.
     */
    public boolean mayBeStatement() {
        if (statement == 0) {
            statement = 1;
            for (var p : parts) {
                if (p instanceof Known k && STATEMENT_WORD.matcher(k.text()).find()
                        || p instanceof Choice c && c.options().stream().anyMatch(FoldedText::mayBeStatement)) {
                    statement = 2;
                    break;
                }
            }
        }
        return statement == 2;
    }

    /** Without its last {@code count} characters ({@code sb.setLength(sb.length() - 1)}), when they are known. */
    public Optional<FoldedText> dropLast(int count) {
        if (count == 0) {
            return Optional.of(this);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        var last = parts.get(parts.size() - 1);
        var rest = parts.subList(0, parts.size() - 1);
        if (last instanceof Known k && k.text().length() >= count) {
            var kept = new ArrayList<>(rest);
            if (k.text().length() > count) {
                kept.add(new Known(k.text().substring(0, k.text().length() - count)));
            }
            return Optional.of(new FoldedText(List.copyOf(kept)));
        }
        if (last instanceof Choice c) {
            // the options that cannot lose the characters (e.g. a loop's body not run) are ways the code cannot
            // have taken before it trims the text; keep the others
            var options = new ArrayList<FoldedText>();
            for (var o : c.options()) {
                o.dropLast(count).ifPresent(options::add);
            }
            if (options.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new FoldedText(List.copyOf(rest)).plus(oneOf(options)));
        }
        return Optional.empty();
    }

    /**
     * {@code String.format(format, args)} / {@code format.formatted(args)}: each {@code %s}, {@code %d}... is its
     * argument (unknown when the argument is, or when the format has a specifier this does not read).
     */
    public static Optional<FoldedText> format(String format, List<FoldedText> args) {
        var result = new ArrayList<Part>();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                int end = format.indexOf('%', i);
                end = end < 0 ? format.length() : end;
                add(result, new Known(format.substring(i, end)));
                i = end;
                continue;
            }
            int j = i + 1;
            int explicit = -1;
            int digits = j;
            while (digits < format.length() && Character.isDigit(format.charAt(digits))) {
                digits++;
            }
            if (digits > j && digits < format.length() && format.charAt(digits) == '$') {
                explicit = Integer.parseInt(format.substring(j, digits)) - 1;
                j = digits + 1;
            }
            while (j < format.length() && "-#+ 0,(<".indexOf(format.charAt(j)) >= 0) {
                j++;
            }
            while (j < format.length() && (Character.isDigit(format.charAt(j)) || format.charAt(j) == '.')) {
                j++;
            }
            if (j >= format.length()) {
                return Optional.empty(); // a format javac would accept but the JDK rejects at run time
            }
            char conversion = format.charAt(j);
            if (conversion == '%') {
                add(result, new Known("%"));
            } else if (conversion == 'n') {
                add(result, new Known("\n"));
            } else {
                int index = explicit >= 0 ? explicit : next++;
                boolean plain = j == i + 1 || explicit >= 0 && j == digits + 1;
                var arg = index < args.size() ? args.get(index) : unknown("arg" + (index + 1));
                var value = arg.constant();
                if (plain && value.isPresent() && (conversion == 's' || conversion == 'd')) {
                    add(result, new Known(value.get()));
                } else if (plain && value.isPresent() && conversion == 'S') {
                    add(result, new Known(value.get().toUpperCase(Locale.ROOT)));
                } else if (plain && conversion == 's' && !arg.isEmpty()) {
                    arg.parts.forEach(p -> add(result, p));
                } else {
                    add(result, new Unknown(arg.parts.size() == 1 && arg.parts.get(0) instanceof Unknown u
                            ? u.hint() : "arg" + (index + 1), false));
                }
            }
            i = j + 1;
        }
        return Optional.of(new FoldedText(List.copyOf(result)));
    }

    /** {@code String.join(delimiter, elements)} with the elements known one by one. */
    public static FoldedText join(FoldedText delimiter, List<FoldedText> elements) {
        var result = EMPTY;
        for (int i = 0; i < elements.size(); i++) {
            result = i == 0 ? elements.get(i) : result.plus(delimiter).plus(elements.get(i));
        }
        return result;
    }

    /** The text with every choice taking its first way and unknown parts as placeholders. */
    public String render() {
        return variants(s -> true, 1).get(0);
    }

    /**
     * Texts the program can produce, together taking every way of every choice that {@code parses} accepts:
     * the first ways first, then variants that take other ways, each kept only when {@code parses} accepts it
     * and it holds a way not taken before. When no variant parses, the first is returned alone, so that the
     * statement is still reported (as not understood).
     */
    public List<String> variants(Predicate<String> parses, int max) {
        var choices = new Choices();
        choices.collect(parts);
        if (choices.list.isEmpty()) {
            return List.of(fill(flatten(parts, new int[0], choices)));
        }
        var kept = new ArrayList<String>();
        Set<String> seen = new LinkedHashSet<>();
        var taken = new LinkedHashSet<Long>();
        String first = null;
        var candidates = candidatePicks(choices.list);
        for (int tries = 0; tries < MAX_TRIES && candidates.hasNext() && kept.size() < max; tries++) {
            var picks = candidates.next();
            var text = fill(flatten(parts, picks, choices));
            if (first == null) {
                first = text;
            }
            if (!seen.add(text)) {
                continue;
            }
            var ways = new LinkedHashSet<Long>();
            ways(parts, picks, choices, ways);
            if (taken.containsAll(ways) || !parses.test(text)) {
                continue;
            }
            taken.addAll(ways);
            kept.add(text);
        }
        return kept.isEmpty() ? List.of(first) : List.copyOf(kept);
    }

    /** Variants tried for one text, at most. */
    private static final int MAX_TRIES = 24;

    /** The choices of a text, each once (a choice may be shared by several options), numbered. */
    private static final class Choices {
        final List<Choice> list = new ArrayList<>();
        final Map<Choice, Integer> index = new IdentityHashMap<>();

        void collect(List<Part> parts) {
            for (var p : parts) {
                if (p instanceof Choice c && !index.containsKey(c)) {
                    index.put(c, list.size());
                    list.add(c);
                    c.options().forEach(o -> collect(o.parts));
                }
            }
        }
    }

    /**
     * Which option each choice takes, in the order tried: every choice at its preferred way (its first
     * non-empty option; an empty option comes last), then each choice on its own at each other way, then all
     * choices together at their second, third... way. Made one at a time: a text may hold many choices.
     */
    private static Iterator<int[]> candidatePicks(List<Choice> choices) {
        var orders = new ArrayList<int[]>();
        for (var c : choices) {
            var indices = new ArrayList<Integer>();
            for (int i = 0; i < c.options().size(); i++) {
                indices.add(i);
            }
            indices.sort((a, b) -> Boolean.compare(c.options().get(a).isEmpty(), c.options().get(b).isEmpty()));
            orders.add(indices.stream().mapToInt(Integer::intValue).toArray());
        }
        var base = new int[choices.size()];
        for (int i = 0; i < base.length; i++) {
            base[i] = orders.get(i)[0];
        }
        return new Iterator<>() {
            private int step = -1; // -1: the base; then (choice, way) pairs; then all together at way k
            private int choice;
            private int way = 1;
            private int together = 1;

            @Override
            public boolean hasNext() {
                return together < MAX_OPTIONS;
            }

            @Override
            public int[] next() {
                if (step < 0) {
                    step = 0;
                    return base;
                }
                while (choice < orders.size()) {
                    var order = orders.get(choice);
                    if (way < order.length) {
                        var picks = base.clone();
                        picks[choice] = order[way++];
                        return picks;
                    }
                    choice++;
                    way = 1;
                }
                var picks = new int[orders.size()];
                for (int i = 0; i < picks.length; i++) {
                    var order = orders.get(i);
                    picks[i] = order[Math.min(together, order.length - 1)];
                }
                together++;
                return picks;
            }
        };
    }

    /** The known parts and unknowns of one variant, choices resolved by {@code picks}. */
    private static List<Part> flatten(List<Part> parts, int[] picks, Choices choices) {
        var out = new ArrayList<Part>();
        flatten(parts, picks, choices, out);
        return out;
    }

    private static void flatten(List<Part> parts, int[] picks, Choices choices, List<Part> out) {
        for (var p : parts) {
            if (p instanceof Choice c) {
                flatten(c.options().get(picks[choices.index.get(c)]).parts, picks, choices, out);
            } else {
                add(out, p);
            }
        }
    }

    /** The (choice, option) pairs with text a variant takes, as numbers, for "a way not taken before". */
    private static void ways(List<Part> parts, int[] picks, Choices choices, Set<Long> into) {
        for (var p : parts) {
            if (p instanceof Choice c) {
                int index = choices.index.get(c);
                if (c.options().get(picks[index]).hasKnownText()) {
                    into.add(((long) index << 32) | picks[index]); // an empty way adds no text to cover
                }
                ways(c.options().get(picks[index]).parts, picks, choices, into);
            }
        }
    }

    /**
     * Whether {@code other} is one of the ways this text takes (a text without choices equal to one of this
     * text's variants), e.g. a way through the code that a later union of ways already holds.
     */
    public boolean includes(FoldedText other) {
        if (equals(other)) {
            return true;
        }
        if (choiceCount() > MAX_CHOICES_COMPARED || other.choiceCount() > MAX_CHOICES_COMPARED) {
            return false;
        }
        var mine = allWays(MAX_WAYS);
        var theirs = other.allWays(MAX_WAYS);
        return mine != null && theirs != null && mine.containsAll(theirs);
    }

    /** Ways compared by {@link #includes}, at most. */
    private static final int MAX_WAYS = 64;
    private static final int MAX_CHOICES_COMPARED = 6;

    /** How many distinct choices the text holds (nested ones included). */
    public int choiceCount() {
        if (choices < 0) {
            var all = new Choices();
            all.collect(parts);
            choices = all.list.size();
        }
        return choices;
    }

    /** Every way through the choices, flattened; null when there are more than {@code limit}. */
    private Set<List<Part>> allWays(int limit) {
        var choices = new Choices();
        choices.collect(parts);
        var result = new LinkedHashSet<List<Part>>();
        var picks = new int[choices.list.size()];
        while (true) {
            result.add(flatten(parts, picks, choices));
            if (result.size() > limit) {
                return null;
            }
            int i = 0;
            while (i < picks.length && ++picks[i] == choices.list.get(i).options().size()) {
                picks[i++] = 0;
            }
            if (i == picks.length) {
                return result;
            }
        }
    }

    /** Known text as it is, unknown parts as placeholders chosen by what surrounds them. */
    private static String fill(List<Part> flat) {
        var out = new StringBuilder();
        for (int i = 0; i < flat.size(); i++) {
            var p = flat.get(i);
            if (p instanceof Known k) {
                out.append(k.text());
            } else if (p instanceof Unknown u) {
                var after = i + 1 < flat.size() && flat.get(i + 1) instanceof Known k ? k.text() : "";
                var placeholder = placeholder(out, after, u.hint());
                if (u.clause() && !placeholder.equals("?")) {
                    // text added in between by other code: a clause of its own, apart from its neighbours
                    boolean spaceBefore = out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1));
                    boolean spaceAfter = after.isEmpty() || Character.isWhitespace(after.charAt(0));
                    placeholder = (spaceBefore ? "" : " ") + placeholder + (spaceAfter ? "" : " ");
                }
                out.append(placeholder);
            }
        }
        return out.toString();
    }

    private static String placeholder(CharSequence before, String after, String hint) {
        if (insideQuotes(before)) {
            return "?";
        }
        int n = before.length();
        boolean gluedBefore = n > 0 && (isNamePart(before.charAt(n - 1)) || before.charAt(n - 1) == '.');
        boolean gluedAfter = !after.isEmpty() && (isNamePart(after.charAt(0)) || after.charAt(0) == '.');
        if (!gluedBefore && !gluedAfter && MyBatisPlaceholders.expectsValue(before)) {
            return "?";
        }
        var name = new StringBuilder();
        for (int i = 0; i < hint.length(); i++) {
            if (isNamePart(hint.charAt(i))) {
                name.append(hint.charAt(i));
            }
        }
        return "${" + (name.length() == 0 ? "value" : name) + "}";
    }

    private static boolean insideQuotes(CharSequence s) {
        boolean inside = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\'') {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FoldedText t && t.hashCode() == hashCode() && t.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        // values nest (choices of texts) and are compared often while code is followed: computed once
        int h = hash;
        if (h == 0) {
            h = parts.hashCode() | 1;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return render();
    }
}
