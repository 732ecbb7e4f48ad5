package io.github.rollbacksafety.baseline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A version string ordered as Maven orders versions (the rules of Maven's {@code ComparableVersion}), without
 * Maven on the class path: baseline resolution runs for git tags and in unit tests where Maven is absent.
 *
 * <p>The rules: a version is a list of items separated by {@code .} and {@code -}, and by every transition between
 * digits and letters; {@code -} and a transition open a nested list. Numbers compare numerically and above any
 * qualifier; qualifiers order {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release
 * < sp}, other qualifiers after those, alphabetically. A single {@code a}, {@code b} or {@code m} directly followed by
 * a digit means alpha, beta, milestone. Trailing zeros and release qualifiers do not count ({@code 1.0 = 1 = 1.0.0
 * = 1-ga}). Case does not matter.
 */
public final class Version implements Comparable<Version> {

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final Map<String, String> ALIASES = Map.of("ga", "", "final", "", "release", "", "cr", "rc");
    private static final String RELEASE_RANK = rank("");

    private final String text;
    private final Items items;

    private Version(String text) {
        this.text = text;
        this.items = parse(text);
    }

    public static Version of(String version) {
        return new Version(Objects.requireNonNull(version, "version"));
    }

    /** The version as given. */
    @Override
    public String toString() {
        return text;
    }

    /** A normal form: two versions have the same one exactly when they compare as equal. */
    public String canonical() {
        return items.toString();
    }

    @Override
    public int compareTo(Version other) {
        return items.compareTo(other.items);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    // ---- items ----

    private sealed interface Item permits Number, Qualifier, Items {

        /** Whether the item counts as nothing at the end of a list (0, a release qualifier, an empty list). */
        boolean isEmpty();

        /** Compares with {@code other}; a null {@code other} stands for a missing item (a shorter version). */
        int compareTo(Item other);
    }

    private record Number(BigInteger value) implements Item {

        @Override
        public boolean isEmpty() {
            return value.signum() == 0;
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return value.signum() == 0 ? 0 : 1;
            }
            return other instanceof Number n ? value.compareTo(n.value) : 1; // a number is above any qualifier or list
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    private record Qualifier(String value) implements Item {

        static Qualifier of(String text, boolean followedByDigit) {
            var value = text;
            if (followedByDigit && value.length() == 1) {
                value = switch (value.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> value;
                };
            }
            return new Qualifier(ALIASES.getOrDefault(value, value));
        }

        @Override
        public boolean isEmpty() {
            return rank(value).equals(RELEASE_RANK);
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return rank(value).compareTo(RELEASE_RANK); // 1-alpha < 1 < 1-sp
            }
            return other instanceof Qualifier q ? rank(value).compareTo(rank(q.value)) : -1;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** A known qualifier's position, or an unknown one after all of them in text order; compared as text. */
    private static String rank(String qualifier) {
        int i = QUALIFIERS.indexOf(qualifier);
        return i >= 0 ? String.valueOf(i) : QUALIFIERS.size() + "-" + qualifier;
    }

    private static final class Items extends ArrayList<Item> implements Item {

        @Override
        public boolean isEmpty() {
            return super.isEmpty();
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return size() == 0 ? 0 : get(0).compareTo(null);
            }
            if (other instanceof Number) {
                return -1;
            }
            if (other instanceof Qualifier) {
                return 1;
            }
            var right = (Items) other;
            for (int i = 0; i < Math.max(size(), right.size()); i++) {
                var l = i < size() ? get(i) : null;
                var r = i < right.size() ? right.get(i) : null;
                int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        /** Drops trailing empty items, up to the last number or qualifier that counts. */
        void trim() {
            for (int i = size() - 1; i >= 0; i--) {
                var last = get(i);
                if (last.isEmpty()) {
                    remove(i);
                } else if (!(last instanceof Items)) {
                    break;
                }
            }
        }

        @Override
        public String toString() {
            var sb = new StringBuilder();
            for (int i = 0; i < size(); i++) {
                if (i > 0) {
                    sb.append(get(i) instanceof Items ? '-' : '.');
                }
                sb.append(get(i));
            }
            return sb.toString();
        }
    }

    private static Items parse(String version) {
        var text = version.toLowerCase(Locale.ROOT);
        var root = new Items();
        var list = root;
        var opened = new ArrayList<Items>();
        opened.add(root);
        boolean digits = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '-') {
                list.add(i == start ? new Number(BigInteger.ZERO) : item(text.substring(start, i), digits, false));
                start = i + 1;
                if (c == '-') {
                    list = nested(list, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!digits && i > start) {
                    // letters then digits: "rc1" is the qualifier rc, then 1 one level down
                    list.add(item(text.substring(start, i), false, true));
                    start = i;
                    list = nested(list, opened);
                }
                digits = true;
            } else {
                if (digits && i > start) {
                    list.add(item(text.substring(start, i), true, false));
                    start = i;
                    list = nested(list, opened);
                }
                digits = false;
            }
        }
        if (text.length() > start) {
            list.add(item(text.substring(start), digits, false));
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).trim();
        }
        return root;
    }

    private static Items nested(Items parent, List<Items> opened) {
        var child = new Items();
        parent.add(child);
        opened.add(child);
        return child;
    }

    private static Item item(String text, boolean digits, boolean followedByDigit) {
        return digits ? new Number(new BigInteger(text)) : Qualifier.of(text, followedByDigit);
    }
}
