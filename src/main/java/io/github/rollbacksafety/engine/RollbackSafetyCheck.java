package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.cache.ReleaseCache;
import io.github.rollbacksafety.cache.UsageCache;

import io.github.rollbacksafety.changelog.ChangeSetDiff;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.Changelog;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogReader;
import io.github.rollbacksafety.database.DatabaseCheck;
import io.github.rollbacksafety.database.DatabaseSummary;
import io.github.rollbacksafety.database.QueryVerdict;
import io.github.rollbacksafety.changelog.StoredChangeSet;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.UsageIndex;
import io.github.rollbacksafety.rules.Direction;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.MigrationFailsRule;
import io.github.rollbacksafety.rules.PlannedChange;
import io.github.rollbacksafety.rules.Rule;
import io.github.rollbacksafety.rules.RuleCatalogue;
import io.github.rollbacksafety.rules.RuleContext;
import io.github.rollbacksafety.rules.Violation;
import io.github.rollbacksafety.schema.NameResolver;
import io.github.rollbacksafety.schema.Schema;
import io.github.rollbacksafety.schema.SchemaBuilder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The check as a plain library: reads both changelogs, works out the new changesets and both schemas, indexes
 * the previous release's queries and runs every rule. No Maven types; a test calls {@link #run(CheckRequest)}
 * with two folders and a list of queries.
 */
public final class RollbackSafetyCheck {

    private final ChangelogReader changelogReader;
    private final SqlUsageExtractor sqlUsageExtractor;
    private final List<Rule> rules;
    private final Progress progress;
    private final Timing timing;
    private final Optional<UsageCache> usageCache;
    private final Optional<DatabaseCheck> database;
    private final Optional<ReleaseCache> releaseCache;

    /** Receives progress lines (the Maven adapter logs them). */
    public interface Progress {
        Progress SILENT = message -> { };

        void info(String message);
    }

    /**
     * Receives how long each phase of a check took, in nanoseconds (the benchmark prints them). Phases:
     * {@link #PARSE_CURRENT}, {@link #PARSE_PREVIOUS}, {@link #SCHEMA_REPLAY}, {@link #USAGE_EXTRACTION},
     * {@link #RULES}. Phases may run concurrently, so their sum can exceed the wall time. Called from the
     * thread that ran the phase: implementations must be thread-safe.
     */
    public interface Timing {
        Timing NONE = (phase, nanos) -> { };

        String PARSE_CURRENT = "parse current";
        String PARSE_PREVIOUS = "parse previous";
        String SCHEMA_REPLAY = "schema replay";
        String USAGE_EXTRACTION = "usage extraction";
        String RULES = "rules";
        String DATABASE = "database";

        void phase(String phase, long nanos);
    }

    public RollbackSafetyCheck() {
        this(new ChangelogReader(), new SqlUsageExtractor(), RuleCatalogue.all(), Progress.SILENT);
    }

    public RollbackSafetyCheck(ChangelogReader changelogReader, SqlUsageExtractor sqlUsageExtractor, List<Rule> rules,
                               Progress progress) {
        this(changelogReader, sqlUsageExtractor, rules, progress, Timing.NONE, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private RollbackSafetyCheck(ChangelogReader changelogReader, SqlUsageExtractor sqlUsageExtractor, List<Rule> rules,
                                Progress progress, Timing timing, Optional<UsageCache> usageCache,
                                Optional<ReleaseCache> releaseCache, Optional<DatabaseCheck> database) {
        this.usageCache = usageCache;
        this.releaseCache = releaseCache;
        this.database = database;
        this.changelogReader = changelogReader;
        this.sqlUsageExtractor = sqlUsageExtractor;
        this.rules = List.copyOf(rules);
        this.progress = progress;
        this.timing = timing;
    }

    public RollbackSafetyCheck withProgress(Progress newProgress) {
        return new RollbackSafetyCheck(changelogReader, sqlUsageExtractor, rules, newProgress, timing, usageCache,
                releaseCache, database);
    }

    /** The same check, reporting phase durations to {@code newTiming}. */
    public RollbackSafetyCheck withTiming(Timing newTiming) {
        return new RollbackSafetyCheck(changelogReader, sqlUsageExtractor, rules, progress, newTiming, usageCache,
                releaseCache, database);
    }

    /**
     * The same check, caching in {@code directory} (e.g. {@code ${settings.localRepository}/.cache/rollback-safety/},
     * keyed with {@code pluginVersion}) everything derived from a previous release whose files are identified for
     * good ({@link PreviousRelease#content()}): its parsed changelog and its query sources' usage
     * ({@link ReleaseCache}), so that a warm check reads none of its files. Cacheable sources of other releases
     * (see {@link io.github.rollbacksafety.query.QuerySource#cacheKey()}) are cached one by one
     * ({@link UsageCache}).
     */
    public RollbackSafetyCheck withUsageCache(java.nio.file.Path directory, String pluginVersion) {
        // and the changelog files parsed, so that files unchanged since the last build or release are not parsed again
        var reader = changelogReader.withParsedFiles(
                new io.github.rollbacksafety.cache.ChangelogFileCache(directory, pluginVersion));
        return new RollbackSafetyCheck(reader, sqlUsageExtractor, rules, progress, timing, usageCache, releaseCache,
                database).withReleaseCache(new ReleaseCache(directory, pluginVersion),
                new UsageCache(directory, pluginVersion));
    }

    /** The same check with these caches (e.g. a {@link ReleaseCache} with another size bound). */
    public RollbackSafetyCheck withReleaseCache(ReleaseCache releases, UsageCache usage) {
        return new RollbackSafetyCheck(changelogReader, sqlUsageExtractor, rules, progress, timing,
                Optional.of(usage), Optional.of(releases), database);
    }

    /**
     * The same check, followed by the database check against every previous release: a real database applies both
     * changelogs and describes every previous-release statement; its findings join the static ones and the result
     * shows both verdicts per statement ({@link CheckResult#database()}).
     */
    public RollbackSafetyCheck withDatabase(DatabaseCheck databaseCheck) {
        return new RollbackSafetyCheck(changelogReader, sqlUsageExtractor, rules, progress, timing, usageCache,
                releaseCache, Optional.of(databaseCheck));
    }

    private <T> T timed(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            timing.phase(phase, System.nanoTime() - start);
        }
    }

    public CheckResult run(CheckRequest request) {
        Supplier<Changelog> readCurrent = () -> timed(Timing.PARSE_CURRENT,
                () -> changelogReader.read(request.current(), request.changelogOptions()));
        if (request.previousReleases().isEmpty()) {
            var current = readCurrent.get();
            return new CheckResult(List.of(), Verdict.PASS, current.changeSets(), Coverage.NONE, List.of(),
                    request.waivers(), List.of("No previous release: nothing to stay compatible with."));
        }
        // Both changelogs are read at once: each read is single-threaded Liquibase work. Liquibase's scope is per
        // thread and ChangelogReader opens its own, so the two reads share nothing but Liquibase's singletons.
        database.ifPresent(DatabaseCheck::warmUp); // the embedded server starts while the changelogs are read
        var firstPrevious = request.previousReleases().get(0);
        var currentRead = CompletableFuture.supplyAsync(readCurrent);
        Loaded firstReleased;
        try {
            firstReleased = loadPrevious(firstPrevious, request);
        } catch (RuntimeException e) {
            join(currentRead); // an error in the current changelog is the one to report first
            throw e;
        }
        var current = join(currentRead);
        var findings = new LinkedHashMap<String, Finding>();
        var notes = new ArrayList<String>();
        List<ChangeSetRef> newest = null;
        var coverages = new ArrayList<Coverage>();
        Optional<Coverage> forwardCoverage = Optional.empty();
        Optional<DatabaseSummary> newestDatabase = Optional.empty();
        for (var previous : request.previousReleases()) {
            var released = previous == firstPrevious ? firstReleased : loadPrevious(previous, request);
            var outcome = checkAgainst(previous, released.changelog(), released.queries(), current, request);
            if (newest == null) {
                newest = outcome.newChangeSets();
                forwardCoverage = outcome.forwardCoverage();
                newestDatabase = outcome.database();
            }
            // every release in the rollback window runs its own queries: coverage counts them all
            coverages.add(outcome.coverage());
            outcome.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
            for (var f : outcome.findings()) {
                findings.merge(identity(f), f, (a, b) -> a.withReleases(union(a.releases(), b.releases())));
            }
        }
        var waived = applyWaivers(new ArrayList<>(findings.values()), request.waivers());
        var unused = request.waivers().stream().filter(w -> waived.stream().noneMatch(f -> f.waived() && w.matches(f)))
                .toList();
        var baselines = request.previousReleases().stream().map(PreviousRelease::version).toList();
        return new CheckResult(baselines, request.failOn().verdictOf(waived), newest, Coverage.merge(coverages),
                waived, unused, notes, forwardCoverage, newestDatabase);
    }

    private record Outcome(List<ChangeSetRef> newChangeSets, Coverage coverage, List<Finding> findings,
                           List<String> notes, Optional<Coverage> forwardCoverage, Optional<DatabaseSummary> database) {
    }

    /** A previous release's changelog and queries, read or taken from the cache. */
    private record Loaded(Changelog changelog, Collected queries) {
    }

    /**
     * Reads a previous release's changelog and collects its queries, both at once (Liquibase is single-threaded
     * work, the query sources parse on every core), or takes both from the {@link ReleaseCache} without reading
     * any file of the release.
     */
    private Loaded loadPrevious(PreviousRelease previous, CheckRequest request) {
        long start = System.nanoTime();
        var options = request.changelogOptions();
        var key = releaseCache.flatMap(cache -> previous.content().map(content -> cache.keyOf(content.key(),
                previous.changelog().master(), canonical(options), previous.querySources().stream()
                        .map(s -> s.cacheKey().orElse("-")).toList())));
        var hit = key.flatMap(k -> releaseCache.get().load(k));
        Optional<Changelog> restored = Optional.empty();
        if (hit.isPresent()) {
            try {
                restored = Optional.of(timed(Timing.PARSE_PREVIOUS, () -> changelogReader.restore(previous.changelog(),
                        options, hit.get().changeSets(), previous::prepare)));
            } catch (RuntimeException e) {
                // an entry that does not make sense to this version is a miss: read the release again
            }
        }
        if (restored.isPresent()) {
            var changelog = restored.get();
            var queries = timed(Timing.USAGE_EXTRACTION, () -> collectQueries(previous.querySources(), true, hit.get(),
                    previous::prepare));
            progress.info(String.format(java.util.Locale.ROOT, "Previous release %s taken from the cache in %d ms"
                            + " (%d changesets, %d queries; none of its files read): %s", previous.version(),
                    (System.nanoTime() - start) / 1_000_000, changelog.changeSets().size(), queries.coverage().found(),
                    releaseCache.get().directory()));
            return new Loaded(changelog, queries);
        }
        previous.prepare();
        var collecting = CompletableFuture.supplyAsync(() -> timed(Timing.USAGE_EXTRACTION,
                () -> collectQueries(previous.querySources(), wholeRelease(previous), null, () -> { })));
        Changelog changelog;
        try {
            changelog = timed(Timing.PARSE_PREVIOUS, () -> changelogReader.read(previous.changelog(), options));
        } catch (RuntimeException e) {
            collecting.exceptionally(t -> null).join();
            throw e;
        }
        var queries = join(collecting);
        // a release read with files missing (a partial clone) is not cached: a complete clone reads it again
        // nor is one whose changelog could not be read whole (a custom change class missing from the class path)
        if (key.isPresent() && previous.content().get().complete().getAsBoolean()
                && changelog.changeSets().stream().allMatch(cs -> cs.checksumUnknownBecause().isEmpty())) {
            var stored = releaseCache.get().store(new ReleaseCache.Entry(key.get(),
                    changelog.changeSets().stream().map(StoredChangeSet::of).toList(),
                    queries.perSource().stream().filter(e -> !e.key().isEmpty()).toList()));
            progress.info(String.format(java.util.Locale.ROOT, "Previous release %s read in %d ms (%d changesets,"
                            + " %d queries)%s", previous.version(), (System.nanoTime() - start) / 1_000_000,
                    changelog.changeSets().size(), queries.coverage().found(),
                    stored ? "; cached for the next builds in " + releaseCache.get().directory() : ""));
        }
        return new Loaded(changelog, queries);
    }

    /** Whether a release's derived data is cached whole ({@link ReleaseCache}) rather than per source. */
    private boolean wholeRelease(PreviousRelease previous) {
        return releaseCache.isPresent() && previous.content().isPresent();
    }

    /** The options in one spelling whatever the map's order, for cache keys. */
    private static String canonical(ChangelogOptions options) {
        return new java.util.TreeMap<>(options.parameters()) + "|" + options.contexts().orElse("") + "|"
                + options.labels().orElse("") + "|" + options.dbms().orElse("");
    }

    /** The value, or what computing it threw, unwrapped. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Outcome checkAgainst(PreviousRelease previous, Changelog released, Collected collected, Changelog current,
                                 CheckRequest request) {
        var diff = ChangeSetDiff.between(released, current);
        progress.info(String.format("Previous release %s: %d changesets; current: %d; new: %d, removed: %d, modified: %d",
                previous.version(), released.changeSets().size(), current.changeSets().size(), diff.added().size(),
                diff.removed().size(), diff.modified().size()));
        var names = NameResolver.withDefaultSchema(request.defaultSchema());
        var previousSchema = timed(Timing.SCHEMA_REPLAY, () -> schemaOf(released, names));

        var usage = timed(Timing.USAGE_EXTRACTION, () -> UsageIndex.of(collected.usages(), previousSchema));
        long rulesStart = System.nanoTime();

        var notes = new ArrayList<String>();
        var planned = new ArrayList<PlannedChange>();
        // names resolved as the schema stands before each op, so that rules and queries meet on one key
        var naming = new SchemaBuilder(previousSchema);
        for (var cs : applicable(released, toRun(current, diff), previousSchema, usage, request, notes)) {
            for (var op : cs.ops()) {
                var resolved = naming.resolved(op);
                naming.apply(resolved);
                planned.add(new PlannedChange(cs, resolved, planned.size()));
            }
        }
        uncertainNames(usage, names).ifPresent(notes::add);
        var modified = diff.modified().stream()
                .map(p -> new RuleContext.ModifiedChangeSet(p.released(), p.current(),
                        p.releasedChecksum(), p.currentChecksum())).toList();
        var context = new RuleContext(previousSchema, usage, planned, diff.removed(), modified);
        long rulesStartWithoutReplay = System.nanoTime();
        timing.phase(Timing.SCHEMA_REPLAY, rulesStartWithoutReplay - rulesStart);
        var findings = walk(rulesOf(Direction.BACKWARD), context, previous.version());
        timing.phase(Timing.RULES, System.nanoTime() - rulesStartWithoutReplay);
        diff.added().forEach(cs -> cs.notes().forEach(n -> notes.add(cs.location() + " " + cs.displayId() + ": " + n)));
        diff.rerun().forEach(cs -> notes.add(cs.location() + " " + cs.displayId() + ": " + (cs.runAlways()
                ? "runAlways" : "runOnChange") + " changeset whose text changed: Liquibase runs it again, so its"
                + " changes are checked as new changes"));
        notes.addAll(uncomparableNotes(released, current, diff));
        var databaseSummary = database.map(db -> checkOnDatabase(db, previous, released, current, request, collected,
                findings, notes));
        // new app + old schema matters only against the newest release: its schema is the one the database has
        // while the new code starts before its migration has run
        var forward = request.checkForward() && previous == request.previousReleases().get(0)
                ? Optional.of(checkForward(previous, previousSchema, planned, request)) : Optional.<Forward>empty();
        forward.ifPresent(f -> {
            findings.addAll(f.findings());
            notes.addAll(f.notes());
        });
        return new Outcome(diff.added(), collected.coverage(), findings, notes, forward.map(Forward::coverage),
                databaseSummary);
    }

    /**
     * Runs the database check against one previous release with every statement the static check collected,
     * understood or not; adds its findings and notes, and returns both views per statement.
     */
    private DatabaseSummary checkOnDatabase(DatabaseCheck db, PreviousRelease previous, Changelog released,
                                            Changelog current, CheckRequest request, Collected collected,
                                            List<Finding> findings, List<String> notes) {
        var statements = new java.util.LinkedHashSet<io.github.rollbacksafety.query.Query>();
        collected.usages().forEach(u -> statements.add(u.query()));
        var unparsed = new java.util.HashSet<io.github.rollbacksafety.query.Query>();
        collected.unparsed().forEach(u -> {
            statements.add(u.query());
            unparsed.add(u.query());
        });
        var flagged = new java.util.HashSet<io.github.rollbacksafety.query.Query>();
        findings.stream().filter(f -> f.severity() == io.github.rollbacksafety.rules.Severity.BREAKING).forEach(f -> flagged.addAll(f.queries()));
        long start = System.nanoTime();
        previous.prepare(); // the database applies its changelog files, also when the static check had it cached
        var outcome = db.run(new DatabaseCheck.Request(previous.version(), previous.changelog(), request.current(),
                request.changelogOptions(), statements.stream().sorted(java.util.Comparator
                        .comparing((io.github.rollbacksafety.query.Query q) -> q.location().file())
                        .thenComparingInt(q -> q.location().line())).toList(), collected.usages(), released.changeSets(),
                current.changeSets()));
        timing.phase(Timing.DATABASE, System.nanoTime() - start);
        db.serverStartReport().ifPresent(progress::info);
        progress.info(String.format("Database check on %s against %s: %d statements, %d broken, %d inconclusive,"
                        + " %d migration failures", outcome.database(), previous.version(), outcome.verdicts().size(),
                outcome.count(QueryVerdict.Verdict.BROKEN), outcome.count(QueryVerdict.Verdict.INCONCLUSIVE),
                outcome.findings().stream().filter(f -> f.rule().equals(MigrationFailsRule.ID)).count()));
        findings.addAll(outcome.findings());
        notes.addAll(outcome.notes());
        return DatabaseSummary.compare(outcome, flagged, unparsed);
    }

    /** The changesets Liquibase would run on a database of the previous release: new ones and re-run ones. */
    private static List<ChangeSetRef> toRun(Changelog current, ChangeSetDiff diff) {
        if (diff.rerun().isEmpty()) {
            return diff.added();
        }
        var run = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<ChangeSetRef, Boolean>());
        run.addAll(diff.added());
        run.addAll(diff.rerun());
        return current.changeSets().stream().filter(run::contains).toList();
    }

    /**
     * Released changesets whose checksum cannot be computed (custom change class not loadable, SQL file missing):
     * one note per cause, never a finding; a changed text says so.
     */
    private static List<String> uncomparableNotes(Changelog released, Changelog current, ChangeSetDiff diff) {
        var notes = new ArrayList<String>();
        var changed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<ChangeSetRef, Boolean>());
        for (var p : diff.uncomparable()) {
            changed.add(p.current());
            var why = p.current().checksumUnknownBecause().or(() -> p.released().checksumUnknownBecause()).orElse("");
            notes.add(p.current().location() + " " + p.current().displayId() + ": released changeset whose checksum"
                    + " cannot be computed (" + why + ") and whose text differs or cannot be compared; not judged as"
                    + " modified");
        }
        var added = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<ChangeSetRef, Boolean>());
        added.addAll(diff.added());
        var unchangedByCause = new java.util.LinkedHashMap<String, Integer>();
        for (var cs : current.changeSets()) {
            if (!added.contains(cs) && !changed.contains(cs)) {
                cs.checksumUnknownBecause().ifPresent(why -> unchangedByCause.merge(why, 1, Integer::sum));
            }
        }
        for (var cs : released.changeSets()) {
            cs.checksumUnknownBecause().ifPresent(why -> unchangedByCause.putIfAbsent(why, 1));
        }
        unchangedByCause.forEach((why, count) -> notes.add(why + ": " + count + " released changeset"
                + (count == 1 ? "" : "s") + " affected; their checksums are not compared"));
        return notes;
    }

    /**
     * The new changesets that would run on a database built by the previous release, in order: a changeset
     * whose preconditions cannot hold there is skipped, as Liquibase would skip (MARK_RAN, CONTINUE) or refuse
     * (HALT) it; an undecidable precondition keeps the changeset and is noted.
     */
    private static List<ChangeSetRef> applicable(Changelog released, List<ChangeSetRef> added, Schema previousSchema,
                                                 UsageIndex usage, CheckRequest request, List<String> notes) {
        var evaluator = new PreconditionEvaluator(request.changelogOptions().dbms(), usage);
        released.changeSets().forEach(evaluator::ran);
        var executed = new ArrayList<>(released.changeSets());
        var schema = new SchemaBuilder(previousSchema);
        var result = new ArrayList<ChangeSetRef>();
        for (var cs : added) {
            if (cs.guard().isPresent()) {
                var guard = cs.guard().get();
                var outcome = evaluator.evaluate(guard.condition(), schema.liveView(), executed);
                if (outcome == PreconditionEvaluator.Outcome.FAILS
                        && guard.onFail() != io.github.rollbacksafety.changelog.Precondition.OnFail.WARN) {
                    notes.add(cs.location() + " " + cs.displayId() + ": skipped, its preconditions cannot hold on a"
                            + " database of the previous release (onFail=" + guard.onFail() + ")");
                    continue;
                }
                if (outcome == PreconditionEvaluator.Outcome.UNKNOWN) {
                    notes.add(cs.location() + " " + cs.displayId() + ": preconditions cannot be decided without a"
                            + " database (they depend on objects the replayed history does not know, or on data);"
                            + " analysed as if the changeset runs");
                }
            }
            evaluator.ran(cs);
            cs.ops().forEach(schema::apply);
            executed.add(cs);
            result.add(cs);
        }
        return result;
    }

    /** Fewest statements worth a parallel chunk of their own. */
    private static final int MIN_CHUNK = 200;

    /** What the sources found: usage of what was understood, all that was not, coverage, and each source's yield. */
    private record Collected(List<QueryUsage> usages, List<QueryCollector.Unparsed> unparsed, Coverage coverage,
                             List<UsageCache.Entry> perSource) {
    }

    /** One source whose queries still need parsing: its collector and where its SQL starts in the batch. */
    private record Pending(Optional<String> cacheKey, QueryCollector collector, int offset) {
    }

    /** Collects and parses queries of sources that are not a cached release's (the current release's). */
    private Collected collectQueries(List<QuerySource> sources) {
        return collectQueries(sources, false, null, () -> { });
    }

    /**
     * Collects and parses a release's queries. With a release cache entry, its sources come from the entry (and
     * only sources it lacks, such as project query files, are read, after {@code prepare}); a release cached
     * whole ({@code wholeRelease}) stores each source under its own key; other sources use the per-source cache.
     */
    private Collected collectQueries(List<QuerySource> sources, boolean wholeRelease,
                                     ReleaseCache.Entry cachedRelease, Runnable prepare) {
        var done = new ArrayList<UsageCache.Entry>();
        var sql = new ArrayList<io.github.rollbacksafety.query.Query>();
        var slots = new ArrayList<Object>(); // per source, in order: a done entry or a pending collection
        for (var source : sources) {
            var fromRelease = Optional.ofNullable(cachedRelease).flatMap(r -> source.cacheKey().flatMap(r::source));
            if (fromRelease.isPresent()) {
                slots.add(fromRelease.get());
                continue;
            }
            var key = wholeRelease ? source.cacheKey()
                    : usageCache.flatMap(cache -> source.cacheKey().map(cache::keyOf));
            var cached = wholeRelease ? Optional.<UsageCache.Entry>empty() : key.flatMap(k -> usageCache.get().load(k));
            if (cached.isPresent()) {
                slots.add(cached.get());
                continue;
            }
            if (cachedRelease != null) {
                prepare.run(); // a source the entry lacks may need the release's files
            }
            var collector = new QueryCollector();
            source.collect(collector);
            var p = new Pending(key, collector, sql.size());
            slots.add(p);
            sql.addAll(collector.sql());
        }
        // HQL among one source's strings may name entities another source of the release maps (DAOs and hbm.xml)
        var entityQueries = slots.stream().filter(Pending.class::isInstance)
                .flatMap(p -> ((Pending) p).collector().entityQueries().stream()).toList();
        var parsed = extractAll(sql, sqlUsageExtractor.withEntityQueries(entityQueries));
        for (var slot : slots) {
            if (slot instanceof Pending p) {
                var entry = entryOf(p, parsed.subList(p.offset(), p.offset() + p.collector().sql().size()));
                // an entry that may hold HQL read through another source's mappings is not keyed by those: not stored
                boolean borrowed = entityQueries.size() > p.collector().entityQueries().size()
                        && p.collector().sql().stream().anyMatch(q -> q.kind() == QuerySourceKind.JAVA_SOURCE
                        || q.kind() == QuerySourceKind.BYTECODE_STRING);
                if (!wholeRelease && !borrowed) {
                    p.cacheKey().ifPresent(k -> usageCache.get().store(entry));
                }
                done.add(entry);
            } else {
                done.add((UsageCache.Entry) slot);
            }
        }
        var usages = new ArrayList<QueryUsage>();
        var unparsed = new ArrayList<QueryCollector.Unparsed>();
        var warnings = new ArrayList<String>();
        var excluded = new ArrayList<QueryCollector.Excluded>();
        Map<QuerySourceKind, int[]> counts = new EnumMap<>(QuerySourceKind.class);
        for (var entry : done) {
            excluded.addAll(entry.excluded());
            usages.addAll(entry.usages());
            unparsed.addAll(entry.unparsed());
            warnings.addAll(entry.warnings());
            entry.counts().forEach((kind, c) -> {
                var total = counts.computeIfAbsent(kind, k -> new int[2]);
                total[0] += c.found();
                total[1] += c.parsed();
            });
        }
        var perKind = new EnumMap<QuerySourceKind, Coverage.Counts>(QuerySourceKind.class);
        counts.forEach((k, c) -> perKind.put(k, new Coverage.Counts(c[0], c[1])));
        var listed = unparsed.stream().limit(Coverage.MAX_LISTED).toList();
        return new Collected(usages, unparsed, new Coverage(perKind, listed, warnings, Coverage.reasonsOf(unparsed),
                excluded, Coverage.tablesOf(usages)), done);
    }

    /** Parses every statement; the result holds a QueryUsage or a QueryCollector.Unparsed per statement, in order. */
    private List<Object> extractAll(List<io.github.rollbacksafety.query.Query> sql, SqlUsageExtractor extractor) {
        // Parsing dominates; statements are independent, so use every core. Chunks rather than single statements:
        // each chunk reuses one parser, whose construction costs about as much as parsing a short statement.
        int chunks = Math.max(1, Math.min(sql.size() / MIN_CHUNK, 4 * Runtime.getRuntime().availableProcessors()));
        return java.util.stream.IntStream.range(0, chunks).parallel().mapToObj(c -> {
            var batch = extractor.batch();
            var part = sql.subList(c * sql.size() / chunks, (c + 1) * sql.size() / chunks);
            var out = new ArrayList<Object>(part.size());
            for (var q : part) {
                try {
                    out.add(batch.extract(q));
                } catch (UnparsableQueryException e) {
                    out.add(new QueryCollector.Unparsed(q, e.getMessage()));
                }
            }
            return out;
        }).flatMap(List::stream).toList();
    }

    private static UsageCache.Entry entryOf(Pending p, List<Object> parsed) {
        var collector = p.collector();
        var usages = new ArrayList<>(collector.usages());
        var unparsed = new ArrayList<>(collector.unparsed());
        Map<QuerySourceKind, int[]> counts = new EnumMap<>(QuerySourceKind.class);
        collector.usages().forEach(u -> tally(counts, u.query().kind(), true));
        collector.unparsed().forEach(u -> tally(counts, u.query().kind(), false));
        for (var o : parsed) {
            if (o instanceof QueryUsage u) {
                usages.add(u);
                tally(counts, u.query().kind(), true);
            } else {
                var un = (QueryCollector.Unparsed) o;
                unparsed.add(un);
                tally(counts, un.query().kind(), false);
            }
        }
        var perKind = new EnumMap<QuerySourceKind, Coverage.Counts>(QuerySourceKind.class);
        counts.forEach((k, c) -> perKind.put(k, new Coverage.Counts(c[0], c[1])));
        return new UsageCache.Entry(p.cacheKey().orElse(""), usages, unparsed, collector.warnings(), perKind,
                collector.excluded());
    }

    private static void tally(Map<QuerySourceKind, int[]> counts, QuerySourceKind kind, boolean ok) {
        var c = counts.computeIfAbsent(kind, k -> new int[2]);
        c[0]++;
        if (ok) {
            c[1]++;
        }
    }

    private static Finding finding(Rule rule, ChangeSetRef changeSet, Violation v, String release) {
        return new Finding(rule.id(), v.severityOr(rule.severity()), changeSet, v.object(), v.message(), v.fix(), v.queries(),
                Optional.empty(), List.of(release), rule.direction());
    }

    private List<Rule> rulesOf(Direction direction) {
        return rules.stream().filter(r -> r.direction() == direction).toList();
    }

    /** Runs the rules over the history, then over every planned change in order, moving the context along. */
    private static List<Finding> walk(List<Rule> rules, RuleContext context, String release) {
        var findings = new ArrayList<Finding>();
        for (var rule : rules) {
            for (var hv : rule.checkHistory(context)) {
                findings.add(finding(rule, hv.changeSet(), hv.violation(), release));
            }
        }
        for (var change : context.release()) {
            for (var rule : rules) {
                for (var v : rule.check(change, context)) {
                    findings.add(finding(rule, change.changeSet(), v, release));
                }
            }
            context.advance(change);
        }
        return findings;
    }

    private record Forward(List<Finding> findings, Coverage coverage, List<String> notes) {
    }

    /**
     * The forward direction (new app + old schema): the current release's queries, indexed against the schema
     * they are written for (the end of this release), walked with the forward rules over the same planned changes
     * on the previous schema.
     */
    private Forward checkForward(PreviousRelease previous, Schema previousSchema, List<PlannedChange> planned,
                                 CheckRequest request) {
        var collected = timed(Timing.USAGE_EXTRACTION, () -> collectQueries(request.currentQueries()));
        var releaseEnd = new SchemaBuilder(previousSchema);
        planned.forEach(c -> releaseEnd.apply(c.op()));
        var usage = UsageIndex.of(collected.usages(), releaseEnd.snapshot());
        var context = new RuleContext(previousSchema, usage, planned, List.of(), List.of());
        long start = System.nanoTime();
        var findings = walk(rulesOf(Direction.FORWARD), context, previous.version());
        timing.phase(Timing.RULES, System.nanoTime() - start);
        var notes = new ArrayList<String>();
        var coverage = collected.coverage();
        progress.info(String.format("Forward check (new app + old schema): %d current-release queries found, %d"
                + " understood", coverage.found(), coverage.parsed()));
        if (coverage.found() == 0) {
            notes.add("Forward check (new app + old schema): no queries of the current release were found in "
                    + request.currentQueries().stream().map(QuerySource::describe).toList()
                    + "; build the module (compile) before the check, or nothing can be said about that direction");
        }
        return new Forward(findings, coverage, notes);
    }

    private static String identity(Finding f) {
        return f.rule() + "|" + f.changeSet().key() + "|" + f.object().type() + "|" + f.object().display();
    }

    private static List<String> union(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        b.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }

    private static List<Finding> applyWaivers(List<Finding> findings, List<Waiver> waivers) {
        var result = new ArrayList<Finding>(findings.size());
        for (var f : findings) {
            var waiver = waivers.stream().filter(w -> w.matches(f)).findFirst();
            result.add(waiver.map(w -> f.waive(w.reason())).orElse(f));
        }
        return result;
    }

    /** The note about query names that may mean a changelog object but were not taken to (no break on a guess). */
    private static Optional<String> uncertainNames(UsageIndex usage, NameResolver names) {
        var uncertain = usage.uncertainNames();
        if (uncertain.isEmpty()) {
            return Optional.empty();
        }
        var examples = uncertain.entrySet().stream().limit(5).map(e -> e.getKey() + " (" + String.join(" or ",
                e.getValue()) + ")").collect(java.util.stream.Collectors.joining(", "));
        return Optional.of(uncertain.size() + " table name(s) of the previous release's queries may mean a table of"
                + " the changelog but were not matched to one, so no break is reported on them: " + examples
                + (uncertain.size() > 5 ? ", ..." : "") + ". Unqualified names resolve against the " + names
                + "; set defaultSchema when the changelog has the same table name in several schemas.");
    }

    /** The schema a changelog builds, for tests and tools. */
    public static Schema schemaOf(Changelog changelog) {
        return schemaOf(changelog, NameResolver.UNCONFIGURED);
    }

    /** The schema a changelog builds, its unqualified names in the default schema {@code names} knows. */
    public static Schema schemaOf(Changelog changelog, NameResolver names) {
        var builder = new SchemaBuilder(names);
        changelog.changeSets().forEach(cs -> cs.ops().forEach(builder::apply));
        return builder.snapshot();
    }
}
