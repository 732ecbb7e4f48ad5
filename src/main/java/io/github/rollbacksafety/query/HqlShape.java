package io.github.rollbacksafety.query;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises HQL/JPQL among strings found in code, which name entities and attribute paths where SQL names tables
 * and columns ({@code from Patient p where p.nationalId = :id}). Read as SQL they either fail or, worse, parse and
 * report entity names as tables. The signs, none of which SQL has:
 * <ul>
 * <li>the statement starts with {@code FROM} (HQL's implicit select);</li>
 * <li>a range variable is selected alone ({@code select p from Patient p}) or as a constructor
 * ({@code select new a.b.Dto(...)}), or an association is fetched ({@code join fetch});</li>
 * <li>a path goes through a range variable ({@code a.sampleItem.sample.statusId}, {@code join o.types t});</li>
 * <li>an entity-like name ({@code CityStateZip}) whose range variable has camelCase attributes
 * ({@code csz.zipCode}), a weaker sign.</li>
 * </ul>
 */
public final class HqlShape {

    private static final Pattern LITERAL = Pattern.compile("'(?:[^']++|'')*+'"); // possessive: long literals must not overflow the stack
    private static final Pattern STARTS_WITH_FROM = Pattern.compile("(?is)\\A[\\s(]*from\\s+[A-Za-z_]");
    private static final Pattern FETCH_OR_NEW = Pattern.compile(
            "(?is)\\bjoin\\s+fetch\\b|\\bselect\\s+(?:distinct\\s+)?new\\s+[A-Za-z_][\\w$]*(?:\\.[\\w$]+)+\\s*\\(");
    /** {@code FROM|JOIN|, name [AS] alias}: a range (table or entity) and its variable. */
    private static final Pattern RANGE = Pattern.compile(
            "(?i)(\\bfrom|\\bjoin|,)\\s+([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)*)\\s+(?:as\\s+)?([A-Za-z_][\\w$]*)");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w$.])([A-Za-z_][\\w$]*)\\.([A-Za-z_][\\w$]*)(\\.[A-Za-z_][\\w$]*)?");
    private static final Pattern SELECT_LIST = Pattern.compile("(?is)\\bselect\\s+(?:distinct\\s+)?(.*?)\\s+from\\b");
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*");
    private static final java.util.Set<String> NOT_ALIASES = java.util.Set.of("where", "on", "join", "inner", "left",
            "right", "outer", "cross", "full", "group", "order", "having", "limit", "union", "set", "using", "natural",
            "fetch", "with", "offset", "for", "lateral", "window", "and", "or", "from", "select", "as", "by", "when", "then",
            "else", "end", "in", "is", "not", "null", "like", "between", "asc", "desc", "into", "values");

    private HqlShape() {
    }

    /**
     * Why the statement is HQL/JPQL rather than SQL, or empty when it reads as SQL. The sign is a category (the
     * statement itself is listed with its location), so that coverage groups statements by it.
     */
    public static Optional<String> hqlSign(String statement) {
        return hqlSign(statement, true);
    }

    /**
     * As {@link #hqlSign(String)}; without {@code camelCase}, the one sign SQL can share (MySQL and SQL Server
     * schemas with camelCase columns: {@code FROM Orders o WHERE o.customerId}) is left out. The extractor counts it
     * only when the release maps entities at all.
     */
    public static Optional<String> hqlSign(String statement, boolean camelCase) {
        var text = LITERAL.matcher(statement).replaceAll("''");
        if (STARTS_WITH_FROM.matcher(text).lookingAt()) {
            return Optional.of("starts with FROM");
        }
        if (FETCH_OR_NEW.matcher(text).find()) {
            return Optional.of("JOIN FETCH or SELECT NEW");
        }
        var ranges = new HashMap<String, String>();
        var joined = new java.util.ArrayList<String>();
        var r = RANGE.matcher(text);
        while (r.find()) {
            var alias = r.group(3);
            if (!NOT_ALIASES.contains(alias.toLowerCase(Locale.ROOT))) {
                ranges.put(alias, r.group(2));
                if (r.group(1).equalsIgnoreCase("join")) {
                    joined.add(r.group(2));
                }
            }
        }
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        var select = SELECT_LIST.matcher(text);
        if (select.find()) {
            for (var item : select.group(1).split(",")) {
                var name = item.strip();
                if (ranges.containsKey(name) && !ranges.get(name).equals(name)) {
                    return Optional.of("selects a range variable");
                }
            }
        }
        for (var range : joined) {
            // "join o.types t": the joined range is a path through another range variable
            int dot = range.indexOf('.');
            if (dot > 0 && ranges.containsKey(range.substring(0, dot))) {
                return Optional.of("joins an association path");
            }
        }
        return paths(text, ranges, camelCase);
    }

    private static Optional<String> paths(String text, Map<String, String> ranges, boolean camelCase) {
        var p = PATH.matcher(text);
        while (p.find()) {
            var range = ranges.get(p.group(1));
            if (range == null) {
                continue;
            }
            if (p.group(3) != null) {
                return Optional.of("navigates an attribute path");
            }
            if (camelCase && ENTITY_NAME.matcher(range).matches() && CAMEL_CASE.matcher(p.group(2)).matches()) {
                return Optional.of("camelCase attributes of an entity name");
            }
        }
        return Optional.empty();
    }
}
