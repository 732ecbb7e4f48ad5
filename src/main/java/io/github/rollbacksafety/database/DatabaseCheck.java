package io.github.rollbacksafety.database;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.FindingObject;
import io.github.rollbacksafety.rules.MigrationFailsRule;
import io.github.rollbacksafety.rules.QueryFailsOnNewSchemaRule;
import io.github.rollbacksafety.rules.Severity;
import io.github.rollbacksafety.schema.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dynamic check: a real database applies the previous release's changelog, then the current one, with
 * Liquibase's own {@code update}, and describes every previous-release statement before and after. A statement
 * that described cleanly on the previous schema and fails on the new one with a "no longer exists" kind of error
 * is a {@code query-fails-on-new-schema} finding, blamed on the new changeset after which it starts failing; a
 * new changeset that does not apply is {@code migration-fails}. Everything the database cannot decide (dialect,
 * untyped parameters, environment) is inconclusive, never a break. Plain library: no Maven types.
 */
public final class DatabaseCheck {

    /** Statements of these kinds are not SQL (JPQL, mappings turned into usage): the database cannot describe them. */
    private static final Set<io.github.rollbacksafety.query.QuerySourceKind> NOT_SQL = Set.of(
            io.github.rollbacksafety.query.QuerySourceKind.JPQL,
            io.github.rollbacksafety.query.QuerySourceKind.JPA_MAPPING,
            io.github.rollbacksafety.query.QuerySourceKind.HIBERNATE_XML);

    private final DatabaseTarget target;

    public DatabaseCheck(DatabaseTarget target) {
        this.target = target;
    }

    public DatabaseTarget target() {
        return target;
    }

    /**
     * What to check against one previous release.
     *
     * @param release    the previous release's version, as findings name it
     * @param previous   the previous release's changelog (applied first)
     * @param current    the current changelog (applied on top)
     * @param options    contexts, labels and parameters, as for the static check ({@code dbms} follows the database)
     * @param statements every previous-release statement, understood by the static check or not
     * @param usages     what the static check understood, for the inserts' column lists
     * @param released   the previous release's changesets as read statically (to tell a moved changeset)
     * @param changeSets the current changesets as read statically (to name the failing one with its line)
     */
    public record Request(String release, ChangelogSource previous, ChangelogSource current, ChangelogOptions options,
                          List<Query> statements, List<QueryUsage> usages, List<ChangeSetRef> released,
                          List<ChangeSetRef> changeSets) {
        public Request {
            statements = List.copyOf(statements);
            usages = List.copyOf(usages);
            released = List.copyOf(released);
            changeSets = List.copyOf(changeSets);
        }
    }

    /** Starts what takes long (the embedded server) in the background, so that it overlaps the static check. */
    public void warmUp() {
        if (target instanceof DatabaseTarget.EmbeddedPostgres) {
            EmbeddedPostgresServer.warmUp();
        }
    }

    /** A line on how the embedded server started, once per JVM: the first check that asks gets it. */
    public Optional<String> serverStartReport() {
        return target instanceof DatabaseTarget.EmbeddedPostgres ? EmbeddedPostgresServer.startReport()
                : Optional.empty();
    }

    /** Opens a fresh database of the target; the caller closes it. */
    public ThrowawayDatabase open() {
        if (target instanceof DatabaseTarget.EmbeddedPostgres) {
            return EmbeddedPostgresServer.newDatabase();
        }
        if (target instanceof DatabaseTarget.H2) {
            return new H2Database();
        }
        return UrlDatabase.open((DatabaseTarget.Url) target);
    }

    /**
     * Applies one changelog to a fresh database and describes the statements there: the entry point for checks
     * that need a single schema (e.g. the new release's queries against the previous schema). A failing describe
     * is {@link QueryVerdict.Verdict#BROKEN} only when its error is a break by {@link ErrorClassification}.
     */
    public List<QueryVerdict> describeOn(ChangelogSource changelog, ChangelogOptions options, List<Query> statements) {
        try (var db = open(); var c = connect(db)) {
            var applied = ChangelogApplication.applyRelease(c, changelog, options);
            if (applied.failure().isPresent()) {
                var reason = "the changelog does not apply on " + db.label() + ": " + applied.failure().get().message();
                return statements.stream().map(q -> new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "", reason))
                        .toList();
            }
            var describer = new StatementDescriber(c, db.dialect());
            var result = new ArrayList<QueryVerdict>();
            for (var q : statements) {
                var text = describable(q);
                if (text.isEmpty()) {
                    result.add(new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "", "not a SQL query"));
                    continue;
                }
                var error = describer.describe(text.get());
                result.add(error.map(e -> new QueryVerdict(q, ErrorClassification.classify(db.dialect(),
                        ErrorClassification.Stage.QUERY, e.sqlState()) == ErrorClassification.Outcome.BREAK
                        ? QueryVerdict.Verdict.BROKEN : QueryVerdict.Verdict.INCONCLUSIVE, e.sqlState(), e.message()))
                        .orElseGet(() -> QueryVerdict.ok(q)));
            }
            return result;
        } catch (SQLException e) {
            throw new RollbackSafetyException("database=" + target.label() + ": " + e.getMessage(), e);
        }
    }

    /** Runs the check against one previous release. */
    public DatabaseOutcome run(Request request) {
        try (var db = open()) {
            return new Run(request, db).run();
        } catch (SQLException e) {
            throw new RollbackSafetyException("database=" + target.label() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(ThrowawayDatabase db) throws SQLException {
        var c = db.connect();
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (var s = c.createStatement()) {
                // a describe must never wait on a lock for long
                s.execute("SET lock_timeout = '10s'");
            }
        }
        return c;
    }

    private static Optional<String> describable(Query q) {
        if (NOT_SQL.contains(q.kind()) || q.sql().startsWith("-- mapping of")) {
            return Optional.empty();
        }
        return StatementText.describable(q.sql());
    }

    /** Something that works on the previous schema and may fail on the new: a statement's describe or an insert. */
    private sealed interface Probe {
        Query query();
    }

    private record DescribeProbe(Query query, String sql) implements Probe {
    }

    private record InsertProbe(Query query, String table, List<String> columns, boolean positional, int values)
            implements Probe {
    }

    /** Why a probe fails. */
    private record Failure(String sqlState, String message, FindingObject object) {
    }

    private final class Run {
        private final Request request;
        private final ThrowawayDatabase db;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Optional<StatementDescriber.Error>> describeCache = new HashMap<>();

        Run(Request request, ThrowawayDatabase db) {
            this.request = request;
            this.db = db;
        }

        DatabaseOutcome run() throws SQLException {
            var verdicts = new LinkedHashMap<Query, QueryVerdict>();
            var probes = new ArrayList<Probe>();
            var mappings = new ArrayList<Query>();
            for (var q : request.statements()) {
                var text = describable(q);
                if (text.isPresent()) {
                    probes.add(new DescribeProbe(q, text.get()));
                } else if (NOT_SQL.contains(q.kind())) {
                    mappings.add(q); // described through the columns they use, once the previous schema is there
                } else {
                    verdicts.putIfAbsent(q, new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "",
                            "not a SQL query the database can describe"));
                }
            }
            var findings = new ArrayList<Finding>();
            RequiredColumns baselineColumns;
            var live = new ArrayList<Probe>();
            // Liquibase's connection applies; statements are described on another one, in auto-commit, so that a
            // failing describe never aborts a transaction of Liquibase's
            try (var c = connect(db); var probe = connect(db)) {
                var previous = ChangelogApplication.applyRelease(c, request.previous(), request.options());
                if (previous.failure().isPresent()) {
                    var f = previous.failure().get();
                    var reason = "the previous release's changelog does not apply on " + db.label() + " ("
                            + f.changeSet().map(k -> k.filePath() + " " + k.author() + ":" + k.id() + ": ").orElse("")
                            + f.message() + ")" + hint();
                    notes.add("Database check against " + request.release() + " not done: " + reason);
                    probes.stream().map(Probe::query).forEach(q -> verdicts.putIfAbsent(q,
                            new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "", reason)));
                    mappings.forEach(q -> verdicts.putIfAbsent(q,
                            new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "", reason)));
                    return outcome(findings, verdicts);
                }
                overlooked(request.release() + "'s changelog", previous);
                baselineColumns = RequiredColumns.read(probe);
                elsewhere(probes, mappings, baselineColumns, verdicts);
                probes.addAll(insertProbes(baselineColumns));
                var misread = new ArrayList<String>();
                var mapped = MappedSelects.of(mappings, request.usages(), baselineColumns);
                for (var m : mapped) {
                    m.statements().forEach(sql -> probes.add(new DescribeProbe(m.query(), sql)));
                    m.misread().forEach(what -> misread.add(m.query().location() + ": " + what));
                    if (!m.misread().isEmpty()) {
                        verdicts.putIfAbsent(m.query(), new QueryVerdict(m.query(), QueryVerdict.Verdict.INCONCLUSIVE,
                                "", "uses " + String.join(", ", m.misread()) + ", which the previous release's schema"
                                + " does not have (its other names were described)"));
                    }
                }
                mappings.stream().filter(q -> mapped.stream().noneMatch(m -> m.query().equals(q)))
                        .forEach(q -> verdicts.putIfAbsent(q, new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "",
                                "uses no table the static check could name")));
                if (!misread.isEmpty()) {
                    notes.add("Database check: " + misread.size() + " name(s) used by mappings or JPQL queries of "
                            + request.release() + " are not in its own schema, so the static reading of them is off"
                            + " (a naming strategy it does not know? see docs/query-sources.md) and a change to what"
                            + " they really use could go unseen: " + String.join("; ", misread.stream().limit(5)
                            .toList()) + (misread.size() > 5 ? "; ..." : "") + ".");
                }
                // only what works on the previous schema can be broken by the new one
                for (var p : probes) {
                    var failure = evaluate(probe, p, baselineColumns, baselineColumns);
                    if (failure.isEmpty()) {
                        live.add(p);
                    } else if (p instanceof DescribeProbe) {
                        verdicts.putIfAbsent(p.query(), new QueryVerdict(p.query(), QueryVerdict.Verdict.INCONCLUSIVE,
                                failure.get().sqlState(), "fails on the previous release's schema already: "
                                + failure.get().message()));
                    }
                }
                describeCache.clear();
            }
            // the database now holds the previous release's schema; where the server can copy a database, the current
            // changelog goes to a copy, and the original stays as the starting point of a replay (see blame)
            var copy = db.copy();
            try (var c = connect(copy.orElse(db)); var probe = connect(copy.orElse(db))) {
                var current = ChangelogApplication.apply(c, request.current(), request.options(),
                        ChangelogApplication.Observer.NONE);
                overlooked("the current changelog", current);
                if (current.checksumsReset()) {
                    notes.add("Database check: released changesets have other checksums now; they were accepted as"
                            + " after clear-checksums (see released-changeset-modified).");
                }
                current.failure().ifPresent(f -> migrationFailure(f, findings));
                var newColumns = RequiredColumns.read(probe);
                var failing = new LinkedHashMap<Probe, Failure>();
                for (var p : live) {
                    var failure = evaluate(probe, p, baselineColumns, newColumns);
                    if (failure.isEmpty()) {
                        continue;
                    }
                    var f = failure.get();
                    if (p instanceof InsertProbe || breaks(f)) {
                        failing.put(p, f);
                    } else {
                        verdicts.putIfAbsent(p.query(), new QueryVerdict(p.query(), QueryVerdict.Verdict.INCONCLUSIVE,
                                f.sqlState(), f.message()));
                    }
                }
                if (!failing.isEmpty()) {
                    var blame = blame(failing, current, copy.isPresent());
                    queryFindings(failing, blame, findings, verdicts);
                }
                for (var p : probes) {
                    verdicts.putIfAbsent(p.query(), QueryVerdict.ok(p.query()));
                }
            } finally {
                copy.ifPresent(ThrowawayDatabase::close);
            }
            return outcome(findings, verdicts);
        }

        private void overlooked(String changelog, ChangelogApplication.Outcome applied) {
            if (!applied.overlooked().isEmpty()) {
                notes.add("Database check: Liquibase's validation refuses " + changelog + " ("
                        + String.join("; ", applied.overlooked()) + "); it was applied as the Liquibase version that"
                        + " deployed it did: a changeset declared twice ran once, and what the validation refused"
                        + " ran if the database accepted it.");
            }
        }

        /**
         * Takes out the statements and mappings whose tables (as the static check read them) are all missing from
         * the previous release's schema: another module's queries (a git baseline reads every module of the
         * build) or tables created outside the changelog. Nothing the changelog does can reach them, and described
         * they would only fail already on the previous schema; they are not checked, with one note. A name the
         * schema has in another spelling ({@code bankaccount} for {@code bank_account}) is not taken out: that is a
         * misread name, which the mappings' note reports.
         */
        private void elsewhere(List<Probe> probes, List<Query> mappings, RequiredColumns previous,
                               Map<Query, QueryVerdict> verdicts) {
            var tablesOf = new HashMap<Query, Set<String>>();
            request.usages().forEach(u -> u.tables().forEach(t -> tablesOf
                    .computeIfAbsent(u.query(), q -> new TreeSet<>()).add(t.table())));
            var spellings = new java.util.HashSet<String>();
            previous.tables().forEach(t -> spellings.add(MappedSelects.spellingKey(t)));
            var outside = new LinkedHashSet<Query>();
            var tables = new TreeSet<String>();
            Stream.concat(probes.stream().map(Probe::query), mappings.stream()).forEach(q -> {
                var used = tablesOf.getOrDefault(q, Set.of());
                // a table the schema has in another spelling is a misread name (noted with the mappings), not elsewhere
                if (!used.isEmpty() && used.stream().noneMatch(t -> previous.hasTable(t)
                        || spellings.contains(MappedSelects.spellingKey(Identifiers.bareName(t).replace("\"", ""))))) {
                    outside.add(q);
                    tables.addAll(used);
                }
            });
            if (outside.isEmpty()) {
                return;
            }
            probes.removeIf(p -> outside.contains(p.query()));
            mappings.removeIf(outside::contains);
            outside.forEach(q -> verdicts.putIfAbsent(q, new QueryVerdict(q, QueryVerdict.Verdict.NOT_CHECKED, "",
                    "uses only tables the previous release's changelog does not create")));
            notes.add("Database check: " + outside.size() + " statement(s) of " + request.release() + " use only"
                    + " tables its changelog does not create (" + String.join(", ", tables.stream().limit(8).toList())
                    + (tables.size() > 8 ? ", ..." : "") + "): another module's queries, or tables created outside"
                    + " the changelog; not checked on the database.");
        }

        private boolean breaks(Failure f) {
            return ErrorClassification.classify(db.dialect(), ErrorClassification.Stage.QUERY, f.sqlState())
                    == ErrorClassification.Outcome.BREAK;
        }

        private DatabaseOutcome outcome(List<Finding> findings, Map<Query, QueryVerdict> verdicts) {
            var ordered = new ArrayList<QueryVerdict>();
            var seen = new java.util.HashSet<Query>();
            for (var q : request.statements()) {
                if (seen.add(q) && verdicts.containsKey(q)) {
                    ordered.add(verdicts.get(q));
                }
            }
            verdicts.forEach((q, v) -> {
                if (seen.add(q)) {
                    ordered.add(v);
                }
            });
            return new DatabaseOutcome(db.label(), request.release(), findings, ordered, notes);
        }

        private String hint() {
            return db.dialect() == Dialect.H2
                    ? "; H2 speaks another dialect than PostgreSQL: use database=postgresql for a conclusive check" : "";
        }

        private List<InsertProbe> insertProbes(RequiredColumns baseline) {
            var result = new ArrayList<InsertProbe>();
            for (var usage : request.usages()) {
                for (var insert : usage.inserts()) {
                    if (baseline.hasTable(insert.table())) {
                        result.add(new InsertProbe(usage.query(), insert.table(), insert.columns(), insert.positional(),
                                baseline.columnCount(insert.table())));
                    }
                }
            }
            return result;
        }

        private Optional<Failure> evaluate(Connection c, Probe probe, RequiredColumns baseline, RequiredColumns now) {
            if (probe instanceof DescribeProbe d) {
                var error = describeCache.computeIfAbsent(d.sql(),
                        sql -> new StatementDescriber(c, db.dialect()).describe(sql));
                return error.map(e -> new Failure(e.sqlState(), e.message(), objectOf(e.message(), d.query())));
            }
            var insert = (InsertProbe) probe;
            var before = baseline.omitted(insert.table(), insert.columns(), insert.positional(), insert.values());
            var omitted = new ArrayList<>(now.omitted(insert.table(), insert.columns(), insert.positional(),
                    insert.values()));
            omitted.removeAll(before); // already required before: something else fills them (a trigger...)
            if (omitted.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Failure("23502", "the insert gives no value for " + omitted + " of "
                    + insert.table() + ", which the database now requires (NOT NULL without default)",
                    FindingObject.column(insert.table(), omitted.get(0))));
        }

        private void migrationFailure(ChangelogApplication.Failure f, List<Finding> findings) {
            var where = f.changeSet().map(k -> k.filePath() + " " + k.author() + ":" + k.id()).orElse("a changeset");
            var released = f.changeSet().filter(k -> request.released().stream()
                    .anyMatch(r -> r.idAndAuthor().equals(k.idAndAuthor()))).isPresent();
            var outcome = ErrorClassification.classify(db.dialect(), ErrorClassification.Stage.MIGRATION, f.sqlState());
            var ref = f.changeSet().flatMap(this::refOf);
            if (released || outcome == ErrorClassification.Outcome.INCONCLUSIVE || ref.isEmpty()) {
                notes.add("Database check: " + where + " failed on " + db.label() + " (" + stateText(f.sqlState())
                        + f.message() + "); inconclusive" + (released
                        ? ", the changeset was released already (moved or renamed file?)"
                        : db.dialect() == Dialect.H2 ? hint() : ": the error points at the database's environment"
                        + " (a missing role, extension or privilege) rather than at the changeset")
                        + ". Changesets after it were not applied.");
                return;
            }
            findings.add(new Finding(MigrationFailsRule.ID, Severity.BREAKING, ref.get(),
                    FindingObject.changeSet(ref.get().displayId()),
                    "Changeset " + ref.get().displayId() + " fails on " + db.label() + " holding the schema of "
                            + request.release() + ": " + stateText(f.sqlState()) + f.message()
                            + " Deployment stops here; changesets after it were not applied or checked.",
                    "Make the changeset apply to the schema the previous release leaves behind: drop or change"
                            + " dependent objects (views, constraints) in the same changeset, or split the change over"
                            + " releases (expand/contract).",
                    List.of(), Optional.empty(), List.of(request.release())));
        }

        private Optional<ChangeSetRef> refOf(ChangelogApplication.ChangeSetKey key) {
            var exact = request.changeSets().stream().filter(cs -> cs.filePath().equals(key.filePath())
                    && cs.id().equals(key.id()) && cs.author().equals(key.author())).findFirst();
            if (exact.isPresent()) {
                return exact;
            }
            var byId = request.changeSets().stream().filter(cs -> cs.idAndAuthor().equals(key.idAndAuthor())).toList();
            if (byId.size() == 1) {
                return Optional.of(byId.get(0));
            }
            // not in the static reading (filtered differently): named without a line
            return Optional.of(new ChangeSetRef(key.id(), key.author(), key.filePath(), 0, "", false, false, Set.of(),
                    Optional.empty(), List.of(), List.of()));
        }

        /**
         * The new changeset after which each failing probe starts to fail. With one new changeset that is it. Else,
         * when exactly one of the new changesets that ran names the object the database complains about (the
         * dropped column, the renamed table), that one. Else a replay: from the previous release's schema (the
         * untouched original when the server could copy it, else a fresh database), the new changesets run again
         * and only the still-unblamed probes are re-evaluated before each. A database given by URL cannot be had
         * twice: there the first naming changeset, else the last, is blamed.
         */
        private Map<Probe, ChangelogApplication.ChangeSetKey> blame(Map<Probe, Failure> failing,
                                                                   ChangelogApplication.Outcome current,
                                                                   boolean originalKept) throws SQLException {
            var result = new HashMap<Probe, ChangelogApplication.ChangeSetKey>();
            var ran = current.ran();
            if (ran.isEmpty()) {
                return result;
            }
            var unresolved = new LinkedHashMap<Probe, List<ChangelogApplication.ChangeSetKey>>();
            var opsText = new HashMap<ChangelogApplication.ChangeSetKey, String>();
            ran.forEach(k -> opsText.put(k, refOf(k).map(ref -> ref.ops().toString().toLowerCase(java.util.Locale.ROOT))
                    .orElse("")));
            for (var e : failing.entrySet()) {
                var naming = ran.stream().filter(k -> names(opsText.get(k), e.getValue().object())).toList();
                if (ran.size() == 1 || naming.size() == 1) {
                    result.put(e.getKey(), ran.size() == 1 ? ran.get(0) : naming.get(0));
                } else {
                    unresolved.put(e.getKey(), naming);
                }
            }
            if (unresolved.isEmpty()) {
                return result;
            }
            if (!originalKept && target instanceof DatabaseTarget.Url) {
                unresolved.forEach((p, naming) -> result.put(p, naming.isEmpty() ? ran.get(ran.size() - 1)
                        : naming.get(0)));
                return result;
            }
            var replay = originalKept ? db.copy().orElseThrow() : open();
            try (var c = connect(replay); var probeConnection = connect(replay)) {
                if (!originalKept) {
                    var previous = ChangelogApplication.applyRelease(c, request.previous(), request.options());
                    if (previous.failure().isPresent()) {
                        return result;
                    }
                }
                var baseline = RequiredColumns.read(probeConnection);
                var last = new ChangelogApplication.ChangeSetKey[1];
                // the observer sees each changeset before it runs; the one seen before it is the one just applied
                ChangelogApplication.Observer observer = next -> {
                    var applied = last[0];
                    last[0] = next.orElse(null);
                    if (applied == null) {
                        return;
                    }
                    // a probe can only start failing after a changeset that names its object, when any does
                    var due = unresolved.entrySet().stream().filter(e -> !result.containsKey(e.getKey())
                            && (e.getValue().isEmpty() || e.getValue().contains(applied))).map(Map.Entry::getKey)
                            .toList();
                    if (due.isEmpty()) {
                        return;
                    }
                    try {
                        var columns = due.stream().anyMatch(p -> p instanceof InsertProbe)
                                ? RequiredColumns.read(probeConnection) : baseline;
                        describeCache.clear();
                        for (var p : due) {
                            if (evaluate(probeConnection, p, baseline, columns)
                                    .filter(f -> p instanceof InsertProbe || breaks(f)).isPresent()) {
                                result.put(p, applied);
                            }
                        }
                    } catch (SQLException e) {
                        // unblamed probes fall back below
                    }
                };
                ChangelogApplication.apply(c, request.current(), request.options(), observer);
            } finally {
                replay.close();
            }
            unresolved.forEach((p, naming) -> result.putIfAbsent(p, naming.isEmpty() ? ran.get(ran.size() - 1)
                    : naming.get(0)));
            return result;
        }

        /** Whether a changeset's operations (as text) name the object: its column, else its table. */
        private static boolean names(String opsText, FindingObject object) {
            if (object.type().equals("query")) {
                return false;
            }
            var name = object.column().orElse(object.table()).toLowerCase(java.util.Locale.ROOT);
            return Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(opsText).find();
        }

        private void queryFindings(Map<Probe, Failure> failing, Map<Probe, ChangelogApplication.ChangeSetKey> blame,
                                   List<Finding> findings, Map<Query, QueryVerdict> verdicts) {
            var grouped = new LinkedHashMap<String, List<Map.Entry<Probe, Failure>>>();
            var lastRan = request.changeSets().isEmpty() ? null : request.changeSets().get(request.changeSets().size() - 1);
            var refs = new HashMap<String, ChangeSetRef>();
            for (var e : failing.entrySet()) {
                var key = Optional.ofNullable(blame.get(e.getKey()));
                var ref = key.flatMap(this::refOf).orElse(lastRan);
                if (ref == null) {
                    continue;
                }
                var id = ref.key() + "|" + e.getValue().object().display() + "|" + e.getValue().message();
                refs.put(id, ref);
                grouped.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
            grouped.forEach((id, entries) -> {
                var ref = refs.get(id);
                var failure = entries.get(0).getValue();
                var queries = entries.stream().map(e -> e.getKey().query()).distinct().toList();
                var first = queries.get(0);
                findings.add(new Finding(QueryFailsOnNewSchemaRule.ID, Severity.BREAKING, ref, failure.object(),
                        db.label() + " no longer accepts " + (queries.size() == 1 ? "a previous-release query"
                                : queries.size() + " previous-release queries") + " after changeset "
                                + ref.displayId() + ": " + stateText(failure.sqlState()) + failure.message()
                                + " (e.g. " + first.location() + ": " + first.shortSql(120) + ").",
                        "Keep what the previous release uses until no release in the rollback window uses it"
                                + " (expand/contract): add the new shape next to the old one, switch the application,"
                                + " and remove the old shape a release later.",
                        queries.subList(0, Math.min(20, queries.size())), Optional.empty(),
                        List.of(request.release())));
                for (var e : entries) {
                    var q = e.getKey().query();
                    verdicts.put(q, new QueryVerdict(q, QueryVerdict.Verdict.BROKEN, e.getValue().sqlState(),
                            e.getValue().message()));
                }
            });
        }
    }

    private static String stateText(String sqlState) {
        return sqlState == null || sqlState.isEmpty() ? "" : "[" + sqlState + "] ";
    }

    private static final Pattern PG_QUALIFIED_COLUMN = Pattern.compile("column \"?(\\w+)\"?\\.\"?(\\w+)\"? does not exist");
    private static final Pattern PG_COLUMN_OF = Pattern.compile("column \"(\\w+)\" of relation \"(\\w+)\"");
    private static final Pattern PG_COLUMN = Pattern.compile("column \"(\\w+)\" does not exist");
    private static final Pattern PG_RELATION = Pattern.compile("relation \"(?:\\w+\\.)?(\\w+)\" does not exist");
    private static final Pattern H2_COLUMN = Pattern.compile("Column \"(?:[\\w.]+\\.)?(\\w+)\" not found");
    private static final Pattern H2_TABLE = Pattern.compile("Table \"(\\w+)\" not found");

    /** The object an error names, as findings and waivers name it; the query's location when it names none. */
    static FindingObject objectOf(String message, Query query) {
        var m = PG_COLUMN_OF.matcher(message);
        if (m.find()) {
            return FindingObject.column(m.group(2).toLowerCase(java.util.Locale.ROOT),
                    m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        for (var p : List.of(PG_COLUMN, H2_COLUMN)) {
            m = p.matcher(message);
            if (m.find()) {
                return new FindingObject("column", m.group(1).toLowerCase(java.util.Locale.ROOT), Optional.empty());
            }
        }
        m = PG_QUALIFIED_COLUMN.matcher(message);
        if (m.find()) {
            return new FindingObject("column", m.group(2).toLowerCase(java.util.Locale.ROOT), Optional.empty());
        }
        for (var p : List.of(PG_RELATION, H2_TABLE)) {
            m = p.matcher(message);
            if (m.find()) {
                return FindingObject.table(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new FindingObject("query", query.location().toString(), Optional.empty());
    }
}
