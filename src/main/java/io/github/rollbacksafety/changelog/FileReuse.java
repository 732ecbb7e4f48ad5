package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.schema.SchemaOp;
import liquibase.ContextExpression;
import liquibase.Labels;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.exception.ChangeLogParseException;
import liquibase.resource.ResourceAccessor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One read's reuse of parsed changelog files ({@link ParsedFile}, {@link ParsedFileStore}). While Liquibase parses,
 * {@link GuardedChangeLogParser} asks it for each file: a file stored under the same key (its name as included, its
 * bytes, the read options) is not parsed; Liquibase gets a changelog of changesets rebuilt from the stored attributes,
 * without changes, and the reader takes their schema operations, notes and preconditions from the store. A file that
 * is parsed is recorded when its parse depends on nothing but its bytes and the options, and stored once the whole
 * read has succeeded. Not thread-safe: one instance per read, on the reading thread.
 */
final class FileReuse {

    /** What the reader derives from one changeset's changes. */
    record Derived(List<SchemaOp> ops, List<String> notes, Optional<Precondition.Guard> guard,
                   Optional<String> checksum) {
        Derived(List<SchemaOp> ops, List<String> notes, Optional<Precondition.Guard> guard) {
            this(ops, notes, guard, Optional.empty());
        }
    }

    /** The reader's translation of a changeset (with its changes) into {@link Derived}. */
    interface Deriver {
        Derived derive(ChangeSet changeSet);
    }

    /**
     * Text that makes a file's parse depend on other files: includes (other files, folder listings), entities and
     * DTDs, rollbacks naming other changesets, changelog-wide changeset rewrites. Deliberately broad and case-blind
     * (formatted SQL reads its comments so): a false match only costs a parse. Plain searches: a regular expression
     * over every file cost more than the reuse saved. Parameters and properties are handled apart
     * ({@link #usesParameters}).
     */
    private static final List<String> NOT_SELF_CONTAINED = List.of("include", "<!doctype", "<!entity",
            "changesetpath", "changesetid", "removechangesetproperty", "modifychangesets");
    private static final Pattern PROPERTY = Pattern.compile(
            "<(?:[\\w.-]+:)?property\\b|^\\s*-?\\s*property\\s*:|\"property\"\\s*:|--\\s*property\\b", Pattern.MULTILINE);

    static boolean selfContained(String text) {
        var lower = text.toLowerCase(java.util.Locale.ROOT);
        for (var marker : NOT_SELF_CONTAINED) {
            if (lower.contains(marker)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a file uses parameters ({@code ${...}}) or defines them ({@code property}): its parse then depends on
     * the parameters in force (part of its key) and changes them for the files after it (replayed on reuse).
     */
    static boolean usesParameters(String text) {
        var lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("${") || lower.contains("property") && PROPERTY.matcher(lower).find();
    }

    /** A stored file whose replayed parameters did not come out as recorded: the read starts again without reuse. */
    static final class StaleReuse extends RuntimeException {
        StaleReuse() {
            super("a reused changelog file did not fit this read", null, false, false);
        }
    }

    /** Bumped when what a key covers changes. */
    private static final String KEY_FORMAT = "parsed-file-3";

    private final ParsedFileStore store;
    private final String options;
    private final Deriver deriver;
    private final Map<ChangeSet, Derived> derived = new IdentityHashMap<>();
    private final Set<ChangeSet> rebuilt = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, ChangeSetLines> lines = new LinkedHashMap<>();
    private final Map<String, ParsedFile> toStore = new LinkedHashMap<>();
    /** The files being parsed on this thread, outermost first, and whether each included another. */
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int reused;
    /** Every file this read opened, with the SHA-256 of its bytes, in order. */
    private final Map<String, String> inputs = new LinkedHashMap<>();
    /** Whether the bytes of {@link #inputs} decide the whole read (see {@link StoredRead}). */
    private boolean inputsDecide = true;

    private static final class Frame {
        boolean includedOthers;
    }

    /** Files that must be parsed (reused neither from nor into the store), by the location they are included as. */
    private final java.util.function.Predicate<String> mustParse;

    FileReuse(ParsedFileStore store, String options, Deriver deriver) {
        this(store, options, deriver, location -> false);
    }

    private FileReuse(ParsedFileStore store, String options, Deriver deriver,
                      java.util.function.Predicate<String> mustParse) {
        this.store = store;
        this.options = options;
        this.deriver = deriver;
        this.mustParse = mustParse;
    }

    /**
     * A reuse that only takes stored files, never records, and parses the files {@code mustParse} names: for reading
     * a changelog again for some changesets' real checksums, which only their parse has.
     */
    static FileReuse readingOnly(ParsedFileStore store, String options,
                                 java.util.function.Predicate<String> mustParse) {
        return new FileReuse(store, options, null, mustParse);
    }

    /** Parses {@code location} through {@code parser}, or rebuilds it from the store when its bytes were stored. */
    DatabaseChangeLog parse(String location, ChangeLogParameters parameters, ResourceAccessor accessor,
                            Parser parser) throws ChangeLogParseException {
        if (!frames.isEmpty()) {
            frames.peekLast().includedOthers = true;
        }
        var bytes = read(accessor, location);
        var text = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        var sha = bytes == null ? null : ChangelogReader.sha256(bytes);
        if (sha == null) {
            inputsDecide = false;
        } else {
            inputs.putIfAbsent(location, sha);
        }
        String key = null;
        ParameterState.Snapshot before = null;
        if (text != null && selfContained(text) && !mustParse.test(DatabaseChangeLog.normalizePath(location))) {
            if (!usesParameters(text)) {
                key = key(location, sha, "");
            } else {
                before = ParameterState.snapshot(parameters).orElse(null);
                key = before == null ? null : key(location, sha, before.text());
            }
        }
        boolean claimed = false;
        if (key != null) {
            var stored = loadQuietly(key);
            if (stored.isEmpty() && deriver != null) {
                // another read parsing the same file right now: take its result rather than parse it twice
                var other = claimQuietly(key);
                claimed = other.isEmpty();
                stored = other.flatMap(FileReuse::await);
            }
            if (stored.isPresent()) {
                var changeLog = rebuild(stored.get(), parameters);
                if (changeLog.isPresent()) {
                    reused++;
                    return changeLog.get();
                }
            }
        }
        Optional<ParsedFile> recorded = Optional.empty();
        try {
            var frame = new Frame();
            frames.addLast(frame);
            DatabaseChangeLog changeLog;
            try {
                changeLog = parser.parse();
            } finally {
                frames.removeLast();
            }
            if (key != null && !frame.includedOthers && deriver != null) {
                recorded = record(key, text, changeLog, parameters, before);
            }
            if (recorded.isEmpty() && (text == null || !onlyIncludes(text))) {
                inputsDecide = false; // its parse depends on more than the bytes of the files read
            }
            return changeLog;
        } finally {
            if (claimed) {
                store.done(key, recorded);
            }
        }
    }

    /** How long a read waits for another read's parse of a file before parsing it itself. */
    private static final long WAIT_SECONDS = 120;

    private static Optional<ParsedFile> await(java.util.concurrent.CompletableFuture<Optional<ParsedFile>> other) {
        try {
            return other.get(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<java.util.concurrent.CompletableFuture<Optional<ParsedFile>>> claimQuietly(String key) {
        try {
            return store.claim(key);
        } catch (RuntimeException e) {
            return Optional.of(java.util.concurrent.CompletableFuture.completedFuture(Optional.empty()));
        }
    }

    /** Liquibase's parse of one file. */
    interface Parser {
        DatabaseChangeLog parse() throws ChangeLogParseException;
    }

    /** What the reader derived for {@code changeSet} while it was recorded or rebuilt; null when nothing. */
    Derived derived(ChangeSet changeSet) {
        return derived.get(changeSet);
    }

    /**
     * Text that only includes other files by name: no changesets, parameters, properties, preconditions, folder
     * listings, missing files allowed, entities or changeset rewrites. Its parse then depends on nothing but its
     * bytes and those of the files it includes (each of which is an input of the read). Deliberately broad and
     * case-blind: a false match only means the read is not kept whole.
     */
    static boolean onlyIncludes(String text) {
        var lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("include")) {
            return false;
        }
        for (var marker : NOT_ONLY_INCLUDES) {
            if (lower.contains(marker)) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> NOT_ONLY_INCLUDES = List.of("includeall", "include_all", "changeset",
            "property", "${", "precondition", "errorifmissing", "<!doctype", "<!entity", "removechangesetproperty",
            "modifychangesets", "--liquibase");

    /**
     * The files this read opened with the SHA-256 of their bytes, when those bytes decide everything it yields (every
     * file rebuilt from the store, kept into it, or one that only includes others); empty otherwise.
     */
    Optional<List<StoredRead.Input>> decidingInputs() {
        if (!inputsDecide || inputs.isEmpty()) {
            return Optional.empty();
        }
        var result = new ArrayList<StoredRead.Input>(inputs.size());
        inputs.forEach((location, sha) -> result.add(new StoredRead.Input(location, sha)));
        return Optional.of(result);
    }

    /** Whether {@code changeSet} was rebuilt from the store (it has no changes: its checksum cannot be computed). */
    boolean rebuilt(ChangeSet changeSet) {
        return rebuilt.contains(changeSet);
    }

    /** The scan of a file recorded or rebuilt in this read, by physical path. */
    Optional<ChangeSetLines> lines(String physicalPath) {
        return Optional.ofNullable(lines.get(physicalPath)).map(l -> ChangeSetLines.of(l.declarations()));
    }

    /** How many files were rebuilt from the store instead of parsed. */
    int reused() {
        return reused;
    }

    /** Stores what this read recorded; called once the read succeeded. Best effort. */
    void storeRecorded() {
        toStore.forEach((key, file) -> {
            try {
                store.store(key, file);
            } catch (RuntimeException e) {
                // a cache that cannot be written only costs the next read time
            }
        });
    }

    private String key(String location, String bytesSha256, String parametersInForce) {
        return Sha256.hex(KEY_FORMAT + "\n" + location + "\n" + options + "\n" + parametersInForce + "\n"
                + bytesSha256);
    }

    private Optional<ParsedFile> loadQuietly(String key) {
        try {
            return store.load(key);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(ResourceAccessor accessor, String location) {
        try (InputStream in = accessor.getExisting(location).openInputStream()) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null; // Liquibase's own parse reports it
        }
    }

    /** Records a parsed file when it stands alone, with what the reader derives for each of its changesets. */
    private Optional<ParsedFile> record(String key, String text, DatabaseChangeLog changeLog,
                                        ChangeLogParameters parameters, ParameterState.Snapshot before) {
        if (!changeLog.getPreconditions().getNestedPreconditions().isEmpty()
                || !changeLog.getChangeVisitors().isEmpty()) {
            return Optional.empty();
        }
        var physical = changeLog.getPhysicalFilePath();
        var scan = ChangeSetLines.scan(physical, text);
        var changeSets = new ArrayList<ParsedFile.ChangeSet>();
        var results = new IdentityHashMap<ChangeSet, Derived>();
        var keys = new HashSet<String>();
        for (var cs : changeLog.getChangeSets()) {
            keys.add(cs.getId() + "::" + cs.getAuthor() + "::" + ChangelogReader.variant(cs));
        }
        // as the reader decides: fingerprints count only when the scan found exactly Liquibase's changesets
        boolean scanMatches = keys.size() == scan.size();
        for (var cs : changeLog.getChangeSets()) {
            if (!ChangelogReader.checksumFromTextAlone(cs) || ChangelogReader.unloadable(cs).isPresent()) {
                return Optional.empty(); // its checksum depends on other files or classes: always parsed
            }
            Derived d;
            try {
                d = deriver.derive(cs);
                if (!scanMatches || scan.fingerprintOf(cs.getId(), cs.getAuthor()).isEmpty()) {
                    // the text does not decide the checksum (e.g. ${...}): the reader computes it now, so is it kept
                    d = new Derived(d.ops(), d.notes(), d.guard(), Optional.of(
                            cs.generateCheckSum(liquibase.ChecksumVersion.latest()).toString()));
                }
            } catch (RuntimeException e) {
                return Optional.empty(); // the reader reports it, or not, as without reuse
            }
            results.put(cs, d);
            changeSets.add(new ParsedFile.ChangeSet(cs.getId(), cs.getAuthor(), cs.getFilePath(),
                    cs.getLogicalFilePath(), cs.isAlwaysRun(), cs.isRunOnChange(), original(cs.getContextFilter()),
                    cs.getDbmsOriginalString(), cs.getRunWith(), cs.getRunWithSpoolFile(), cs.isRunInTransaction(),
                    cs.getObjectQuotingStrategy() == null ? null : cs.getObjectQuotingStrategy().name(),
                    cs.getLabels() == null ? null : cs.getLabels().toString(), cs.isIgnore(), cs.getRunOrder(),
                    cs.getCreated(), cs.getComments(), cs.getValidCheckSums().stream().map(CheckSum::toString)
                    .sorted().toList(), d.guard(), d.ops(), d.notes(), d.checksum().orElse(null)));
        }
        var skipped = new ArrayList<ParsedFile.Skipped>();
        for (var cs : changeLog.getSkippedChangeSets()) {
            skipped.add(new ParsedFile.Skipped(cs.getId(), cs.getAuthor(), cs.getFilePath(),
                    cs.getDbmsOriginalString()));
        }
        List<ParsedFile.Parameter> defines = List.of();
        String parametersAfter = null;
        if (before != null) {
            var added = ParameterState.added(before, parameters);
            var after = ParameterState.snapshot(parameters);
            if (added.isEmpty() || after.isEmpty()) {
                return Optional.empty();
            }
            defines = added.get();
            parametersAfter = after.get().text();
        }
        var file = new ParsedFile(physical, rawLogicalFilePath(changeLog), original(changeLog.getContextFilter()),
                changeLog.getObjectQuotingStrategy() == null ? null : changeLog.getObjectQuotingStrategy().name(),
                scan.declarations(), changeSets, skipped, defines, parametersAfter);
        // what would be rebuilt must look to Liquibase and to the reader as what was parsed
        var check = rebuildUnchecked(file, parameters);
        if (!sameAs(changeLog, check)) {
            return Optional.empty();
        }
        derived.putAll(results);
        lines.put(physical, scan);
        toStore.put(key, file);
        return Optional.of(file);
    }

    private Optional<DatabaseChangeLog> rebuild(ParsedFile file, ChangeLogParameters parameters) {
        DatabaseChangeLog changeLog;
        try {
            changeLog = rebuildUnchecked(file, parameters);
        } catch (RuntimeException e) {
            return Optional.empty(); // an entry this Liquibase cannot take: parse the file
        }
        if (file.parametersAfter() != null) {
            // what the file's properties defined, defined again; the parameters must then be as after its parse
            for (var p : file.defines()) {
                parameters.set(p.key(), p.value(), p.contexts() == null ? null : new ContextExpression(
                        p.contexts().original()), p.labels() == null ? null : new Labels(p.labels()), p.databases(),
                        p.global(), changeLog);
            }
            var after = ParameterState.snapshot(parameters);
            if (after.isEmpty() || !after.get().text().equals(file.parametersAfter())) {
                throw new StaleReuse();
            }
        }
        var changeSets = changeLog.getChangeSets();
        for (int i = 0; i < changeSets.size(); i++) {
            var stored = file.changeSets().get(i);
            derived.put(changeSets.get(i), new Derived(stored.ops(), stored.notes(), stored.guard(),
                    Optional.ofNullable(stored.checksum())));
            rebuilt.add(changeSets.get(i));
        }
        lines.put(file.physicalPath(), ChangeSetLines.of(file.declarations()));
        return Optional.of(changeLog);
    }

    /** The changelog Liquibase would have returned, with changesets that have no changes. */
    private static DatabaseChangeLog rebuildUnchecked(ParsedFile file, ChangeLogParameters parameters) {
        var changeLog = new DatabaseChangeLog(file.physicalPath());
        changeLog.setChangeLogParameters(parameters);
        changeLog.setLogicalFilePath(file.logicalFilePath());
        changeLog.setContextFilter(file.contextFilter() == null ? null
                : new ContextExpression(file.contextFilter().original()));
        if (file.quoting() != null) {
            changeLog.setObjectQuotingStrategy(ObjectQuotingStrategy.valueOf(file.quoting()));
        }
        for (var s : file.changeSets()) {
            var cs = new ChangeSet(s.id(), s.author(), s.alwaysRun(), s.runOnChange(), s.filePath(), null,
                    s.dbms(), s.runWith(), s.runWithSpoolFile(), s.runInTransaction(),
                    s.quoting() == null ? null : ObjectQuotingStrategy.valueOf(s.quoting()), changeLog);
            cs.setContextFilter(s.contextFilter() == null ? null : new ContextExpression(s.contextFilter().original()));
            cs.setLogicalFilePath(s.logicalFilePath());
            cs.setLabels(s.labels() == null ? null : new Labels(s.labels()));
            cs.setIgnore(s.ignore());
            cs.setRunOrder(s.runOrder());
            cs.setCreated(s.created());
            cs.setComments(s.comments());
            s.validCheckSums().forEach(cs::addValidCheckSum);
            cs.setChangeLogParameters(parameters);
            changeLog.addChangeSet(cs);
        }
        for (var s : file.skipped()) {
            changeLog.getSkippedChangeSets().add(new ChangeSet(s.id(), s.author(), false, false, s.filePath(), null,
                    s.dbms(), changeLog));
        }
        return changeLog;
    }

    /** Whether Liquibase and the reader see the same in both changelogs (everything either reads). */
    private static boolean sameAs(DatabaseChangeLog parsed, DatabaseChangeLog rebuilt) {
        if (!Objects.equals(parsed.getPhysicalFilePath(), rebuilt.getPhysicalFilePath())
                || !Objects.equals(parsed.getFilePath(), rebuilt.getFilePath())
                || !Objects.equals(parsed.getLogicalFilePath(), rebuilt.getLogicalFilePath())
                || !Objects.equals(text(parsed.getContextFilter()), text(rebuilt.getContextFilter()))
                || parsed.getObjectQuotingStrategy() != rebuilt.getObjectQuotingStrategy()
                || parsed.getChangeSets().size() != rebuilt.getChangeSets().size()
                || parsed.getSkippedChangeSets().size() != rebuilt.getSkippedChangeSets().size()) {
            return false;
        }
        for (int i = 0; i < parsed.getChangeSets().size(); i++) {
            if (!observed(parsed.getChangeSets().get(i)).equals(observed(rebuilt.getChangeSets().get(i)))) {
                return false;
            }
        }
        for (int i = 0; i < parsed.getSkippedChangeSets().size(); i++) {
            var a = parsed.getSkippedChangeSets().get(i);
            var b = rebuilt.getSkippedChangeSets().get(i);
            if (!List.of(a.getId(), a.getAuthor(), a.getFilePath(), String.valueOf(a.getDbmsSet()))
                    .equals(List.of(b.getId(), b.getAuthor(), b.getFilePath(), String.valueOf(b.getDbmsSet())))) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> observed(ChangeSet cs) {
        return java.util.Arrays.asList(cs.getId(), cs.getAuthor(), cs.getFilePath(), cs.getLogicalFilePath(),
                cs.getStoredFilePath(), cs.shouldAlwaysRun(), cs.shouldRunOnChange(), text(cs.getContextFilter()),
                cs.getContextFilter() == null ? null : new TreeSet<>(cs.getContextFilter().getContexts()),
                cs.getDbmsSet(), cs.getDbmsOriginalString(), cs.getRunWith(), cs.getRunWithSpoolFile(),
                cs.isRunInTransaction(), cs.getObjectQuotingStrategy(), text(cs.getLabels()),
                cs.getLabels() == null ? null : new TreeSet<>(cs.getLabels().getLabels()), cs.isIgnore(),
                cs.getRunOrder(), cs.getCreated(), cs.getComments(),
                new TreeSet<>(cs.getValidCheckSums().stream().map(CheckSum::toString).toList()),
                ChangelogReader.variant(cs));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** What an expression was made of, from which it is made again; null for no expression. */
    private static ParsedFile.Context original(ContextExpression expression) {
        return expression == null ? null : new ParsedFile.Context(expression.getOriginalString());
    }

    private static String rawLogicalFilePath(DatabaseChangeLog changeLog) {
        try {
            return changeLog.getRawLogicalFilePath();
        } catch (RuntimeException | LinkageError e) {
            return changeLog.getLogicalFilePath();
        }
    }
}
