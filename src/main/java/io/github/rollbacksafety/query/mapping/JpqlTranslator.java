package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.QueryUsage.Access;
import io.github.rollbacksafety.query.QueryUsage.ColumnUse;
import io.github.rollbacksafety.query.QueryUsage.InsertUse;
import io.github.rollbacksafety.query.QueryUsage.TableUse;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.mapping.MappingModel.AttributeKind;
import io.github.rollbacksafety.query.mapping.MappingModel.MappedType;
import io.github.rollbacksafety.query.mapping.MappingUsages.MappedColumn;
import io.github.rollbacksafety.query.mapping.MappingUsages.Sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Best-effort translation of JPQL/HQL into usage through the {@link MappingModel}: entity names in
 * {@code FROM}/{@code JOIN}/{@code UPDATE}/{@code DELETE}/{@code INSERT INTO} become their tables and
 * {@code alias.attribute} paths (embedded paths, foreign keys, implicit joins, joined collections) become columns.
 * This is a tokenizer, not a JPQL grammar: whatever it cannot resolve makes the query unparsed rather than guessed.
 */
public final class JpqlTranslator {

    private static final Pattern TOKEN = Pattern.compile(
            "'(?:[^']|'')*'|[:?][A-Za-z0-9_]*|[A-Za-z_$][A-Za-z0-9_$]*(?:\\s*\\.\\s*[A-Za-z_$][A-Za-z0-9_$]*)*"
                    + "|[0-9.]+|<>|!=|>=|<=|\\S");
    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "join", "left", "right", "inner",
            "outer", "fetch", "on", "with", "as", "and", "or", "not", "in", "is", "null", "by", "order", "group",
            "having", "set", "update", "delete", "insert", "into", "distinct", "new", "like", "between", "exists",
            "member", "of", "empty", "case", "when", "then", "else", "end", "asc", "desc", "limit", "offset", "union",
            "all", "any", "some", "cross", "true", "false", "escape", "lower", "upper", "count", "sum", "avg", "min",
            "max", "coalesce", "values", "treat", "key", "value", "entry", "index", "size");

    private final MappingModel model;
    private final MappingUsages mappings;
    private final Map<String, Sink> flattened = new HashMap<>();

    public JpqlTranslator(MappingModel model, MappingUsages mappings) {
        this.model = model;
        this.mappings = mappings;
    }

    /** Whether a statement found as a plain string names an entity (exact case) where SQL names tables. */
    public boolean namesEntity(String text) {
        var tokens = tokens(text);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            var kw = tokens.get(i).toLowerCase(Locale.ROOT);
            if ((kw.equals("from") || kw.equals("update") || kw.equals("into") || kw.equals("join"))
                    && model.entity(tokens.get(i + 1)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A range variable: the entity an alias stands for. */
    private record Range(MappedType entity) {
    }

    private final class Translation {
        final Query query;
        final List<String> tokens;
        final Map<String, Range> aliases = new LinkedHashMap<>();
        final Set<String> written = new LinkedHashSet<>();
        final List<TableUse> tables = new ArrayList<>();
        final Set<String> seenTables = new LinkedHashSet<>();
        final List<ColumnUse> columns = new ArrayList<>();
        final List<InsertUse> inserts = new ArrayList<>();
        MappedType lone;

        Translation(Query query) {
            this.query = query;
            this.tokens = tokens(query.sql());
        }

        QueryUsage run() throws UnparsableQueryException {
            declareRanges();
            if (aliases.isEmpty() && lone == null) {
                throw new UnparsableQueryException("no entity found in FROM/UPDATE/DELETE/INSERT");
            }
            resolvePaths();
            return new QueryUsage(query, tables, columns, inserts, List.of(), List.of());
        }

        private void declareRanges() throws UnparsableQueryException {
            for (int i = 0; i < tokens.size(); i++) {
                var kw = lower(tokens.get(i));
                boolean writes = kw.equals("update") || (kw.equals("from") && i > 0
                        && lower(tokens.get(i - 1)).equals("delete")) || kw.equals("into");
                if (kw.equals("from") || kw.equals("update") || kw.equals("into")
                        || (kw.equals(",") && inFromClause(i))) {
                    if (i + 1 < tokens.size() && !isIdentifier(tokens.get(i + 1))) {
                        continue;
                    }
                    if (i + 1 >= tokens.size()) {
                        throw new UnparsableQueryException("nothing after " + kw.toUpperCase(Locale.ROOT));
                    }
                    var name = tokens.get(i + 1);
                    if (name.contains(".") && aliases.containsKey(name.substring(0, name.indexOf('.')).strip())) {
                        // "FROM Order o, IN(o.lines) l" style path: resolved as a join
                        join(name, alias(i + 2), i);
                        continue;
                    }
                    var entity = model.entity(name.replace(" ", ""))
                            .orElseThrow(() -> new UnparsableQueryException("unknown entity " + name));
                    var alias = alias(i + 2);
                    useEntity(entity, writes || kw.equals("update"));
                    if (kw.equals("into")) {
                        insertInto(entity, i + 2);
                    }
                    if (alias.isEmpty()) {
                        lone = entity;
                    } else {
                        aliases.put(alias, new Range(entity));
                    }
                } else if (kw.equals("join") && i + 1 < tokens.size()) {
                    int p = i + 1;
                    if (lower(tokens.get(p)).equals("fetch")) {
                        p++;
                    }
                    if (p >= tokens.size()) {
                        throw new UnparsableQueryException("nothing after JOIN");
                    }
                    var target = tokens.get(p);
                    var entity = model.entity(target);
                    if (!target.contains(".") && entity.isPresent()) {
                        useEntity(entity.get(), false);
                        var alias = alias(p + 1);
                        if (!alias.isEmpty()) {
                            aliases.put(alias, new Range(entity.get()));
                        }
                    } else {
                        join(target, alias(p + 1), p);
                    }
                }
            }
        }

        private boolean inFromClause(int comma) {
            int depth = 0;
            for (int j = comma - 1; j >= 0; j--) {
                var t = lower(tokens.get(j));
                if (t.equals(")")) {
                    depth++;
                } else if (t.equals("(")) {
                    if (depth == 0) {
                        return false;
                    }
                    depth--;
                } else if (depth == 0 && (t.equals("from"))) {
                    return true;
                } else if (depth == 0 && (t.equals("where") || t.equals("select") || t.equals("set")
                        || t.equals("by") || t.equals("having") || t.equals("on"))) {
                    return false;
                }
            }
            return false;
        }

        private String alias(int at) {
            if (at < tokens.size() && lower(tokens.get(at)).equals("as")) {
                at++;
            }
            if (at < tokens.size() && isIdentifier(tokens.get(at)) && !tokens.get(at).contains(".")
                    && !KEYWORDS.contains(lower(tokens.get(at)))) {
                return tokens.get(at);
            }
            return "";
        }

        private void join(String path, String alias, int at) throws UnparsableQueryException {
            var parts = path.replace(" ", "").split("\\.");
            var range = aliases.get(parts[0]);
            if (range == null) {
                throw new UnparsableQueryException("unknown alias in JOIN " + path);
            }
            var type = range.entity;
            for (int k = 1; k < parts.length; k++) {
                var attribute = model.allAttributes(type).get(parts[k]);
                if (attribute == null) {
                    throw new UnparsableQueryException("unknown attribute " + parts[k] + " in " + path);
                }
                if (attribute.kind != AttributeKind.TO_ONE && attribute.kind != AttributeKind.TO_MANY) {
                    throw new UnparsableQueryException("join over " + attribute.kind + " " + path + " not supported");
                }
                if (attribute.kind == AttributeKind.TO_ONE) {
                    readPath(type, parts[k]);
                } else {
                    collectionSide(type, attribute);
                }
                var next = model.entity(attribute.targetClass);
                if (next.isEmpty()) {
                    throw new UnparsableQueryException("unmapped target of " + path);
                }
                type = next.get();
                useEntity(type, false);
            }
            if (!alias.isEmpty()) {
                aliases.put(alias, new Range(type));
            }
        }

        /** A joined collection reads the foreign key (or join table) that links it. */
        private void collectionSide(MappedType owner, MappingModel.Attribute attribute) {
            if (!attribute.mappedBy.isEmpty()) {
                model.entity(attribute.targetClass).ifPresent(t -> readPath(t, attribute.mappedBy));
            } else {
                // join table or collection table of the owner
                for (var table : flat(owner).byTable.keySet()) {
                    if (isCollectionTable(owner, table)) {
                        addTable(table, false);
                    }
                }
            }
        }

        private void insertInto(MappedType entity, int at) throws UnparsableQueryException {
            int open = at;
            while (open < tokens.size() && !tokens.get(open).equals("(")) {
                if (lower(tokens.get(open)).equals("select") || lower(tokens.get(open)).equals("values")) {
                    return;
                }
                open++;
            }
            var cols = new ArrayList<String>();
            String table = "";
            for (int j = open + 1; j < tokens.size() && !tokens.get(j).equals(")"); j++) {
                if (tokens.get(j).equals(",")) {
                    continue;
                }
                var resolved = columnsOf(entity, tokens.get(j).replace(" ", ""));
                for (var c : resolved) {
                    table = c.table();
                    cols.addAll(model.spellings(c.name()));
                    addColumn(c, Access.WRITE);
                }
            }
            if (!table.isEmpty()) {
                for (var t : mappings.tableSpellings(table)) {
                    inserts.add(new InsertUse(t, cols, false));
                }
            }
        }

        private void useEntity(MappedType entity, boolean write) {
            for (var table : flat(entity).byTable.keySet()) {
                if (!table.equals(firstTable(entity)) && isCollectionTable(entity, table)) {
                    continue;
                }
                addTable(table, write);
            }
            if (write) {
                written.add(entity.className);
            }
        }

        private boolean isCollectionTable(MappedType entity, String table) {
            // tables of element collections and join tables are not read by selecting the entity
            var mappedTables = new LinkedHashSet<String>();
            for (var t : model.chain(entity)) {
                mappedTables.add(t.table.or(MappingModel.Name.implicit(t.entityName)).text());
                mappedTables.addAll(t.secondaryTables.keySet());
            }
            mappedTables.add(model.table(entity).text());
            return !mappedTables.contains(table);
        }

        private String firstTable(MappedType entity) {
            return model.table(entity).text();
        }

        private void addTable(String table, boolean write) {
            for (var t : mappings.tableSpellings(table)) {
                if (seenTables.add(t + write)) {
                    tables.add(new TableUse(t, write));
                }
            }
        }

        private void resolvePaths() throws UnparsableQueryException {
            boolean inSet = false;
            for (int i = 0; i < tokens.size(); i++) {
                var t = tokens.get(i);
                var kw = lower(t);
                if (kw.equals("set")) {
                    inSet = true;
                    continue;
                }
                if (kw.equals("where")) {
                    inSet = false;
                }
                if (!isIdentifier(t) || KEYWORDS.contains(kw) || (i > 0 && isRangeDeclaration(i))) {
                    continue;
                }
                boolean assigned = inSet && i + 1 < tokens.size() && tokens.get(i + 1).equals("=");
                var path = t.replace(" ", "");
                int dot = path.indexOf('.');
                var head = dot < 0 ? path : path.substring(0, dot);
                var range = aliases.get(head);
                if (range != null) {
                    if (dot > 0) {
                        resolve(range.entity, path.substring(dot + 1), assigned);
                    }
                } else if (lone != null && aliases.isEmpty() && model.allAttributes(lone).containsKey(head)) {
                    resolve(lone, path, assigned);
                }
            }
        }

        /** Whether token {@code i} is the entity name or alias of a range declaration (already handled). */
        private boolean isRangeDeclaration(int i) {
            var prev = lower(tokens.get(i - 1));
            if (prev.equals("from") || prev.equals("join") || prev.equals("update") || prev.equals("into")
                    || prev.equals("fetch") || prev.equals("as") || (prev.equals(",") && inFromClause(i - 1))) {
                return true;
            }
            // the alias after an entity name or join path
            if (i >= 2) {
                var before = lower(tokens.get(i - 2));
                return (before.equals("from") || before.equals("join") || before.equals("update")
                        || before.equals("into") || before.equals("fetch") || (before.equals(",")
                        && inFromClause(i - 2))) && isIdentifier(tokens.get(i - 1));
            }
            return false;
        }

        private void resolve(MappedType entity, String path, boolean write) throws UnparsableQueryException {
            var cols = columnsOf(entity, path);
            for (var c : cols) {
                addColumn(c, write ? Access.WRITE : Access.READ);
            }
        }

        private List<MappedColumn> columnsOf(MappedType entity, String path) throws UnparsableQueryException {
            var sink = flat(entity);
            var direct = sink.byPath.get(path);
            if (direct != null) {
                return direct;
            }
            // an embedded object as a whole: all of its columns
            var prefix = path + ".";
            var nested = new ArrayList<MappedColumn>();
            sink.byPath.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    nested.addAll(v);
                }
            });
            if (!nested.isEmpty()) {
                return nested;
            }
            int dot = path.indexOf('.');
            var head = dot < 0 ? path : path.substring(0, dot);
            var attribute = model.allAttributes(entity).get(head);
            if (attribute == null) {
                throw new UnparsableQueryException("unknown attribute " + path + " of " + entity.entityName);
            }
            if (dot < 0 && (attribute.kind == AttributeKind.TO_MANY
                    || attribute.kind == AttributeKind.ELEMENT_COLLECTION || attribute.kind == AttributeKind.TO_ONE)) {
                // size(o.lines), o.lines is empty, o.customer = :c (mapped-by side): the link is mapped elsewhere
                if (attribute.kind == AttributeKind.TO_ONE) {
                    model.entity(attribute.targetClass).ifPresent(t -> useEntity(t, false));
                }
                return List.of();
            }
            if (attribute.kind == AttributeKind.TO_ONE) {
                var target = model.entity(attribute.targetClass)
                        .orElseThrow(() -> new UnparsableQueryException("unmapped target of " + path));
                var rest = path.substring(dot + 1);
                var foreignKey = sink.byPath.get(head);
                if (foreignKey != null && isId(target, rest)) {
                    return foreignKey;
                }
                // implicit join
                if (foreignKey != null) {
                    readColumns(foreignKey);
                }
                useEntity(target, false);
                return columnsOf(target, rest);
            }
            throw new UnparsableQueryException("cannot resolve " + path + " of " + entity.entityName);
        }

        private boolean isId(MappedType entity, String attribute) {
            var a = model.allAttributes(entity).get(attribute);
            return a != null && a.id;
        }

        private void readPath(MappedType entity, String attribute) {
            var cols = flat(entity).byPath.get(attribute);
            if (cols != null) {
                readColumns(cols);
            }
        }

        private void readColumns(List<MappedColumn> cols) {
            for (var c : cols) {
                addColumn(c, Access.READ);
            }
        }

        private void addColumn(MappedColumn c, Access access) {
            for (var t : mappings.tableSpellings(c.table())) {
                for (var name : model.spellings(c.name())) {
                    columns.add(ColumnUse.of(t, name, access));
                }
                if (seenTables.add(t + false) && !seenTables.contains(t + true)) {
                    tables.add(new TableUse(t, false));
                }
            }
        }
    }

    private Sink flat(MappedType entity) {
        return flattened.computeIfAbsent(entity.className, k -> mappings.flatten(entity));
    }

    /**
     * @throws UnparsableQueryException when an entity or path cannot be resolved (the query is counted unparsed)
     */
    public QueryUsage translate(Query query) throws UnparsableQueryException {
        if (query.sql().contains("#{") || query.sql().contains("${")) {
            throw new UnparsableQueryException("SpEL or placeholder expression in the query");
        }
        return new Translation(query).run();
    }

    private static List<String> tokens(String text) {
        var result = new ArrayList<String>();
        var m = TOKEN.matcher(text);
        while (m.find()) {
            result.add(m.group());
        }
        return result;
    }

    private static boolean isIdentifier(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_'
                || token.charAt(0) == '$');
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
