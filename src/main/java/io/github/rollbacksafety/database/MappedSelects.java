package io.github.rollbacksafety.database;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryUsage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Statements a database can describe for what is not SQL text: a JPA or Hibernate mapping and a JPQL query become,
 * per table they use, {@code SELECT <the columns they use> FROM <table>}: the part of the SQL Hibernate generates
 * that depends on the schema's names. A mapped column the new schema no longer has fails the describe as it would
 * fail the application's own statements.
 *
 * <p>The mapping readers give a name the code does not spell out in both spellings (the JPA default and Spring
 * Boot's snake case, see docs/query-sources.md), so only the spellings the previous release's schema has are
 * selected. A column none of whose spellings that schema has, or a table it does not have, is the static reading
 * gone wrong (a naming strategy it does not know): reported as misread, never probed, never a break.
 */
final class MappedSelects {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /** What one mapping or JPQL query becomes on the previous schema. */
    record Mapped(Query query, List<String> statements, List<String> misread) {
    }

    private MappedSelects() {
    }

    /** Per query among {@code queries} whose usage names tables: its statements and what the schema lacks. */
    static List<Mapped> of(List<Query> queries, List<QueryUsage> usages, RequiredColumns previousSchema) {
        var byQuery = new LinkedHashMap<Query, List<QueryUsage>>();
        usages.forEach(u -> byQuery.computeIfAbsent(u.query(), q -> new ArrayList<>()).add(u));
        var result = new ArrayList<Mapped>();
        for (var query : queries) {
            var statements = new LinkedHashSet<String>();
            var misread = new LinkedHashSet<String>();
            for (var usage : byQuery.getOrDefault(query, List.of())) {
                for (var table : usage.tables()) {
                    var name = table.table();
                    if (!previousSchema.hasTable(name)) {
                        misread.add("table " + name);
                        continue;
                    }
                    var present = previousSchema.columns(name);
                    var spellings = new LinkedHashMap<String, List<String>>();
                    for (var column : usage.columns()) {
                        if (column.candidateTables().equals(Set.of(name)) && !column.column().isBlank()) {
                            spellings.computeIfAbsent(spellingKey(column.column()), k -> new ArrayList<>())
                                    .add(column.column());
                        }
                    }
                    var selected = new ArrayList<String>();
                    spellings.forEach((key, names) -> {
                        var found = names.stream().filter(present::contains).distinct().toList();
                        if (found.isEmpty()) {
                            misread.add("column " + name + "." + names.get(0));
                        }
                        found.forEach(c -> selected.add(identifier(c)));
                    });
                    statements.add("SELECT " + (selected.isEmpty() ? "1" : String.join(", ", selected)) + " FROM "
                            + identifier(name));
                }
            }
            if (!statements.isEmpty() || !misread.isEmpty()) {
                result.add(new Mapped(query, List.copyOf(statements), List.copyOf(misread)));
            }
        }
        return result;
    }

    /** Spellings of one name are equal without case and underscores ({@code bankAccount_id}, {@code bank_account_id}). */
    static String spellingKey(String column) {
        return column.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * A name as the schema model holds it: plain lower-case names as written, others quoted (case kept); a
     * schema-qualified name part by part.
     */
    static String identifier(String name) {
        var parts = new ArrayList<String>();
        for (var part : name.split("\\.", -1)) {
            parts.add(PLAIN.matcher(part).matches() ? part : '"' + part.replace("\"", "\"\"") + '"');
        }
        return String.join(".", parts);
    }
}
