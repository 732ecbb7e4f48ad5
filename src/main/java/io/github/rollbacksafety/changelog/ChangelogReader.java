package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.ddl.SqlDdlTranslator;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.schema.SchemaOp;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.CheckSum;
import liquibase.change.DbmsTargetedChange;
import liquibase.change.core.CreateProcedureChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.DatabaseList;
import liquibase.logging.core.NoOpLogService;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a changelog with Liquibase core, with no database and no network, into {@link ChangeSetRef}s whose
 * changes are translated to {@link io.github.rollbacksafety.schema.SchemaOp}s. Thread-safe: Liquibase's scope is
 * per thread, and each call opens its own resource accessor.
 */
public final class ChangelogReader {

    private final LiquibaseChangeTranslator translator;
    private final Optional<ParsedFileStore> parsedFiles;

    public ChangelogReader() {
        this(new SqlDdlTranslator());
    }

    public ChangelogReader(SqlDdlTranslator sqlDdlTranslator) {
        this(new LiquibaseChangeTranslator(sqlDdlTranslator), Optional.empty());
    }

    private ChangelogReader(LiquibaseChangeTranslator translator, Optional<ParsedFileStore> parsedFiles) {
        this.translator = translator;
        this.parsedFiles = parsedFiles;
    }

    /**
     * The same reader, keeping parsed changelog files in {@code store} and reusing them: a file read again with the
     * same name, bytes and options is not parsed again (see {@link ParsedFile} for which files qualify). Results are
     * the same as without the store.
     */
    public ChangelogReader withParsedFiles(ParsedFileStore store) {
        return new ChangelogReader(translator, Optional.of(store));
    }

    /**
     * Parses the master changelog and everything it includes.
     *
     * @throws io.github.rollbacksafety.RollbackSafetyException when a changelog is missing or malformed, naming
     *                                                          the file and, where known, the line
     */
    public Changelog read(ChangelogSource source, ChangelogOptions options) {
        // Liquibase's registries are not all thread-safe (liquibase#3788, #4908): under mvn -T a parse can meet a
        // ConcurrentModificationException from another module's parse; parsing is deterministic, so read again
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(source, options);
            } catch (RollbackSafetyException e) {
                if (attempt == MAX_ATTEMPTS || !causedByConcurrentModification(e)) {
                    throw e;
                }
            }
        }
    }

    private static final int MAX_ATTEMPTS = 3;

    static boolean causedByConcurrentModification(Throwable e) {
        return causedBy(e, java.util.ConcurrentModificationException.class);
    }

    private Changelog readOnce(ChangelogSource source, ChangelogOptions options) {
        if (parsedFiles.isPresent()) {
            var unchanged = unchangedRead(source, options);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
            try {
                return readOnce(source, options, true);
            } catch (RuntimeException e) {
                if (!causedBy(e, FileReuse.StaleReuse.class)) {
                    throw e;
                }
                // a stored file did not fit this read after all: read everything from the files
            }
        }
        return readOnce(source, options, false);
    }

    /**
     * The changelog as the last read of {@code source} with these options yielded it, when that read was kept whole
     * ({@link StoredRead}) and every file it opened still has the same bytes: no Liquibase parse at all. Empty when
     * there is no such read or anything differs (or cannot be read): the caller reads the changelog.
     */
    private Optional<Changelog> unchangedRead(ChangelogSource source, ChangelogOptions options) {
        var store = parsedFiles.orElseThrow();
        Optional<StoredRead> stored;
        try {
            stored = store.loadRead(readKey(source, options));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            // plain files in directory roots are hashed directly; anything else through Liquibase's accessor
            var viaAccessor = new ArrayList<StoredRead.Input>();
            for (var input : stored.get().inputs()) {
                var file = ChangelogRoots.plainFile(source.roots(), input.location());
                if (file.isEmpty()) {
                    viaAccessor.add(input);
                } else if (!sha256(java.nio.file.Files.readAllBytes(file.get())).equals(input.sha256())) {
                    return Optional.empty();
                }
            }
            if (!viaAccessor.isEmpty() && !sameThroughAccessor(source, viaAccessor)) {
                return Optional.empty();
            }
            return Optional.of(restore(source, options, stored.get().changeSets(), () -> { }));
        } catch (Exception e) {
            return Optional.empty(); // a file gone, unreadable, or an entry this version cannot take: read it
        }
    }

    private static boolean sameThroughAccessor(ChangelogSource source, List<StoredRead.Input> inputs)
            throws Exception {
        try (var roots = ChangelogRoots.open(source.roots(), source.classPath())) {
            var accessor = roots.accessor();
            return Scope.child(scopeValues(accessor), () -> {
                for (var input : inputs) {
                    try (InputStream in = accessor.getExisting(input.location()).openInputStream()) {
                        if (!sha256(in.readAllBytes()).equals(input.sha256())) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(Sha256.newDigest().digest(bytes));
    }

    /** What identifies a whole read: the master, the roots it is read from and the options. */
    private static String readKey(ChangelogSource source, ChangelogOptions options) {
        return "read|" + source.master() + "|" + source.roots() + "|" + canonical(options);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private Changelog readOnce(ChangelogSource source, ChangelogOptions options, boolean reuse) {
        try (var roots = ChangelogRoots.open(source.roots(), source.classPath()); var classes = new CustomChangeClasses(source)) {
            var accessor = roots.accessor();
            return Scope.child(scopeValues(accessor), () -> StandInCustomChange.loadingFrom(classes,
                    () -> readInScope(source, options, accessor, reuse)));
        } catch (FileReuse.StaleReuse e) {
            throw e;
        } catch (RollbackSafetyException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw ChangelogErrors.of(source.master(), e);
        }
    }

    /**
     * A changelog this reader read before, from its stored changesets (see {@link StoredChangeSet}), without
     * parsing anything. A checksum that was not known is computed when asked, by reading {@code source} again
     * after {@code beforeReread} has made it readable.
     */
    public Changelog restore(ChangelogSource source, ChangelogOptions options, List<StoredChangeSet> stored,
                             Runnable beforeReread) {
        var resolver = new Rereader(source, options, parsedFiles, beforeReread);
        var result = new ArrayList<ChangeSetRef>(stored.size());
        for (var s : stored) {
            var fingerprint = Optional.ofNullable(s.fingerprint());
            var checksum = s.unknownBecause() != null ? ChangeSetChecksum.unknown(s.unknownBecause(), fingerprint)
                    : ChangeSetChecksum.restored(s.filePath() + "::" + s.id() + "::" + s.author() + "::"
                    + s.variant(), fingerprint, Optional.ofNullable(s.checksum()), resolver);
            result.add(new ChangeSetRef(s.id(), s.author(), s.filePath(), s.line(), checksum, s.runOnChange(),
                    s.runAlways(), s.validCheckSums(), s.guard(), s.ops(), s.notes(), s.variant()));
        }
        return new Changelog(source, result);
    }

    /** The Liquibase scope every use of Liquibase runs in: quiet, no analytics, no XSD fetching, these resources. */
    public static Map<String, Object> scopeValues(ResourceAccessor accessor) {
        var values = new HashMap<String, Object>();
        values.put(Scope.Attr.resourceAccessor.name(), accessor);
        values.put(Scope.Attr.classLoader.name(), ChangelogReader.class.getClassLoader());
        values.put(Scope.Attr.logService.name(), new NoOpLogService());
        values.put(Scope.Attr.ui.name(), new LoggerUIService());
        // configuration read through the scope: no analytics, no XSD validation (5.0 XSDs, no fetching), and
        // entity lookups restricted to the classpath and the roots
        values.put("liquibase.analytics.enabled", false);
        values.put("liquibase.validateXmlChangelogFiles", false);
        values.put("liquibase.secureParsing", true);
        values.put("liquibase.showBanner", false);
        // the same file under two roots (src/main/resources and target/classes): the first root wins
        values.put("liquibase.duplicateFileMode", "SILENT");
        return values;
    }

    private static DatabaseChangeLog parse(ChangelogSource source, ChangelogOptions options,
                                           ResourceAccessor accessor) throws Exception {
        return parse(source, options, accessor, null);
    }

    private static DatabaseChangeLog parse(ChangelogSource source, ChangelogOptions options,
                                           ResourceAccessor accessor, FileReuse reuse) throws Exception {
        var master = source.master();
        if (!accessor.get(master).exists()) {
            throw new RollbackSafetyException("master changelog " + master + " was not found in " + source.roots(),
                    master, 0, null);
        }
        GuardedChangeLogParser.install();
        StandInCustomChange.install();
        var parameters = parameters(options);
        var parser = ChangeLogParserFactory.getInstance().getParser(master, accessor);
        return GuardedChangeLogParser.tracking(() -> parser.parse(master, parameters, accessor), reuse);
    }

    private Changelog readInScope(ChangelogSource source, ChangelogOptions options, ResourceAccessor accessor,
                                  boolean withReuse) throws Exception {
        var dbmsOption = options.dbms().filter(s -> !s.isBlank()).map(String::strip);
        var reuse = withReuse ? new FileReuse(parsedFiles.get(), canonical(options), cs -> derive(cs, dbmsOption))
                : null;
        DatabaseChangeLog changeLog = parse(source, options, accessor, reuse);
        var rereader = new Rereader(source, options, parsedFiles, () -> { });
        // changesets per physical file: a file's fingerprints are trusted only when its scan found them all
        var declaredPerFile = new HashMap<String, Integer>();
        var physicalKeys = new HashSet<String>();
        for (ChangeSet cs : changeLog.getChangeSets()) {
            if (physicalKeys.add(physicalPath(cs) + "::" + cs.getId() + "::" + cs.getAuthor() + "::" + variant(cs))) {
                declaredPerFile.merge(physicalPath(cs), 1, Integer::sum);
            }
        }

        var contexts = options.contexts().filter(s -> !s.isBlank())
                .map(c -> new ContextChangeSetFilter(new Contexts(c)));
        var labels = options.labels().filter(s -> !s.isBlank())
                .map(l -> new LabelChangeSetFilter(new LabelExpression(l)));
        var dbms = options.dbms().filter(s -> !s.isBlank()).map(String::strip);

        var lines = new HashMap<String, ChangeSetLines>();
        var occurrences = new HashMap<String, Integer>();
        var seen = new HashSet<String>();
        var result = new ArrayList<ChangeSetRef>();
        for (ChangeSet cs : changeLog.getChangeSets()) {
            var filePath = cs.getFilePath();
            var physical = physicalPath(cs);
            var fileLines = lines.computeIfAbsent(physical, p -> reuse == null ? scanLines(accessor, p)
                    : reuse.lines(p).orElseGet(() -> scanLines(accessor, p)));
            var variant = variant(cs);
            // twins (one per dbms, context or label) share id and author: the n-th one is the n-th declaration
            var physicalKey = physical + "::" + cs.getId() + "::" + cs.getAuthor();
            int nth = occurrences.getOrDefault(physicalKey, 0);
            occurrences.merge(physicalKey, 1, Integer::sum);
            int line = fileLines.lineOf(cs.getId(), cs.getAuthor(), nth);
            // Liquibase filters first, then identifies: a twin filtered out never hides the one that runs
            if (cs.isIgnore() || cs.isInheritableIgnore()
                    || contexts.map(f -> !f.accepts(cs).isAccepted()).orElse(false)
                    || labels.map(f -> !f.accepts(cs).isAccepted()).orElse(false)
                    || dbms.map(d -> !DatabaseList.definitionMatches(cs.getDbmsSet(), d, true)).orElse(false)) {
                continue;
            }
            if (!seen.add(filePath + "::" + cs.getId() + "::" + cs.getAuthor() + "::" + variant)) {
                continue; // the same file included twice: Liquibase runs each changeset once
            }
            var textFingerprint = fileLines.size() == declaredPerFile.get(physical)
                    ? fileLines.fingerprintOf(cs.getId(), cs.getAuthor()) : Optional.<String>empty();
            var key = filePath + "::" + cs.getId() + "::" + cs.getAuthor() + "::" + variant;
            var derived = reuse == null ? null : reuse.derived(cs);
            var computed = derived == null ? Optional.<String>empty() : derived.checksum();
            if (reuse != null && reuse.rebuilt(cs) && textFingerprint.isEmpty() && computed.isEmpty()) {
                throw new FileReuse.StaleReuse(); // its checksum would need the changes it does not have
            }
            var checksum = unloadable(cs)
                    .map(why -> ChangeSetChecksum.unknown(why, textFingerprint))
                    .orElseGet(() -> checksumFromTextAlone(cs) && textFingerprint.isPresent()
                            ? ChangeSetChecksum.lazy(key, textFingerprint.get(), rereader)
                            : computed.map(ChangeSetChecksum::known).orElseGet(() -> checksumOrUnknown(cs,
                            textFingerprint)));
            result.add(toRef(cs, filePath, line, checksum, variant,
                    derived != null ? derived : derive(cs, dbms)));
        }
        if (reuse != null) {
            reuse.storeRecorded();
            var inputs = reuse.decidingInputs();
            if (inputs.isPresent()) {
                try {
                    parsedFiles.get().storeRead(readKey(source, options), new StoredRead(inputs.get(),
                            result.stream().map(StoredChangeSet::of).toList()));
                } catch (RuntimeException e) {
                    // the next build reads it again
                }
            }
        }
        return new Changelog(source, result);
    }

    private static String physicalPath(ChangeSet cs) {
        return cs.getChangeLog() == null ? cs.getFilePath() : cs.getChangeLog().getPhysicalFilePath();
    }

    /**
     * False when the checksum depends on more than the changeset's text: a change that reads a file (SQL file,
     * procedure or view body, CSV data) or whose checksum is its own business (custom and extension changes).
     */
    static boolean checksumFromTextAlone(ChangeSet cs) {
        for (Change change : cs.getChanges()) {
            if (change instanceof SQLFileChange || change instanceof CreateProcedureChange
                    || change instanceof CreateViewChange || change instanceof LoadDataChange
                    || change instanceof CustomChangeWrapper
                    || !change.getClass().getPackageName().equals("liquibase.change.core")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Computes real checksums on demand by reading the changelog again (its roots are opened anew, after
     * {@code beforeReread} made them readable): needed only for released changesets whose text changed, which is
     * rare, so no Liquibase object is kept after a read. With a store, a computed checksum is kept under the
     * changeset's identity, the fingerprint of its text and the options, so that the next build comparing the same
     * two texts reads neither changelog again.
     */
    private static final class Rereader implements ChangeSetChecksum.Resolver {
        private final ChangelogSource source;
        private final ChangelogOptions options;
        private final Optional<ParsedFileStore> parsedFiles;
        private final Runnable beforeReread;

        Rereader(ChangelogSource source, ChangelogOptions options, Optional<ParsedFileStore> parsedFiles,
                 Runnable beforeReread) {
            this.source = source;
            this.options = options;
            this.parsedFiles = parsedFiles;
            this.beforeReread = beforeReread;
        }

        @Override
        public Optional<String> remembered(String key, String fingerprint) {
            return parsedFiles.flatMap(store -> store.checksum(checksumKey(key, fingerprint)));
        }

        @Override
        public void remember(String key, String fingerprint, String checksum) {
            parsedFiles.ifPresent(store -> store.storeChecksum(checksumKey(key, fingerprint), checksum));
        }

        private String checksumKey(String key, String fingerprint) {
            return "checksum|" + canonical(options) + "|" + key + "|" + fingerprint;
        }

        @Override
        public Map<String, String> checksums(Set<String> keys) {
            beforeReread.run();
            if (parsedFiles.isPresent()) {
                // only the files of the changesets asked for are parsed; a changeset asked for that another file
                // declares (a logicalFilePath) comes back rebuilt, without changes: then everything is parsed
                var files = new HashSet<String>();
                keys.forEach(k -> files.add(DatabaseChangeLog.normalizePath(k.substring(0, k.indexOf("::")))));
                try {
                    return checksums(keys, FileReuse.readingOnly(parsedFiles.get(), canonical(options), files::contains));
                } catch (RuntimeException e) {
                    if (!causedBy(e, FileReuse.StaleReuse.class)) {
                        throw e;
                    }
                }
            }
            return checksums(keys, null);
        }

        private Map<String, String> checksums(Set<String> keys, FileReuse reuse) {
            try (var roots = ChangelogRoots.open(source.roots(), source.classPath()); var classes = new CustomChangeClasses(source)) {
                var accessor = roots.accessor();
                return Scope.child(scopeValues(accessor), () -> StandInCustomChange.loadingFrom(classes, () -> {
                    var result = new HashMap<String, String>();
                    for (ChangeSet cs : parse(source, options, accessor, reuse).getChangeSets()) {
                        var key = cs.getFilePath() + "::" + cs.getId() + "::" + cs.getAuthor() + "::" + variant(cs);
                        if (keys.contains(key) && !result.containsKey(key)) {
                            if (reuse != null && reuse.rebuilt(cs)) {
                                throw new FileReuse.StaleReuse();
                            }
                            result.put(key, checksum(cs, cs.getFilePath(), 0));
                        }
                    }
                    return result;
                }));
            } catch (FileReuse.StaleReuse e) {
                throw e;
            } catch (RollbackSafetyException e) {
                throw e;
            } catch (Exception | StackOverflowError e) {
                throw ChangelogErrors.of(source.master(), e);
            }
        }
    }

    private static ChangeSetRef toRef(ChangeSet cs, String filePath, int line, ChangeSetChecksum checksum,
                                      String variant, FileReuse.Derived derived) {
        return new ChangeSetRef(cs.getId(), cs.getAuthor(), filePath, line, checksum,
                cs.shouldRunOnChange(), cs.shouldAlwaysRun(), validCheckSums(cs), derived.guard(), derived.ops(),
                derived.notes(), variant);
    }

    /** What the check takes from a changeset's changes: schema operations, notes and its precondition guard. */
    private FileReuse.Derived derive(ChangeSet cs, Optional<String> dbms) {
        var notes = new ArrayList<String>();
        var ops = new ArrayList<SchemaOp>();
        for (Change change : cs.getChanges()) {
            if (dbms.isPresent() && change instanceof DbmsTargetedChange targeted
                    && !DatabaseList.definitionMatches(targeted.getDbms(), dbms.get(), true)) {
                notes.add("a " + change.getSerializedObjectName() + " change targets only " + targeted.getDbms()
                        + " and is skipped for " + dbms.get());
                continue;
            }
            ops.addAll(translator.translate(change));
        }
        // whether the preconditions hold is the engine's call (one note per changeset), not the reader's
        var guard = LiquibasePreconditions.guard(cs.getPreconditions());
        if (!cs.getSqlVisitors().isEmpty()) {
            notes.add("modifySql rewrites the generated SQL; the check analyses the changes as written");
        }
        if (dbms.isEmpty() && cs.getDbmsSet() != null && !cs.getDbmsSet().isEmpty()) {
            notes.add("runs only on " + String.join(", ", new TreeSet<>(cs.getDbmsSet()))
                    + "; analysed because no dbms was chosen");
        }
        return new FileReuse.Derived(List.copyOf(ops), List.copyOf(notes), guard);
    }

    /** The options in one spelling whatever the map's order, for keys of parsed files. */
    private static String canonical(ChangelogOptions options) {
        return new java.util.TreeMap<>(options.parameters()) + "|" + options.contexts().orElse("") + "|"
                + options.labels().orElse("") + "|" + options.dbms().orElse("");
    }

    /**
     * What tells twins apart: the changeset's dbms, context and labels, normalised; empty when it has none of them.
     */
    static String variant(ChangeSet cs) {
        var parts = new ArrayList<String>();
        if (cs.getDbmsSet() != null && !cs.getDbmsSet().isEmpty()) {
            parts.add("dbms=" + String.join(",", new TreeSet<>(cs.getDbmsSet())));
        }
        var context = cs.getContextFilter();
        if (context != null && !context.isEmpty()) {
            parts.add("context=" + context.toString().strip());
        }
        var labels = cs.getLabels();
        if (labels != null && !labels.isEmpty()) {
            parts.add("labels=" + labels.toString().strip());
        }
        return String.join(";", parts);
    }

    /** Why the changeset's checksum cannot be computed: a custom change whose class could not be loaded. */
    static Optional<String> unloadable(ChangeSet cs) {
        for (Change change : cs.getChanges()) {
            if (change instanceof StandInCustomChange standIn && standIn.standInFor().isPresent()) {
                return Optional.of("custom change class " + standIn.standInFor().get() + " could not be loaded ("
                        + standIn.whyNotLoaded().orElse("not on the class path") + ")");
            }
        }
        return Optional.empty();
    }

    /** The checksum, or an unknown one when Liquibase cannot compute it (e.g. an SQL file that is not there). */
    private static ChangeSetChecksum checksumOrUnknown(ChangeSet cs, Optional<String> textFingerprint) {
        try {
            return ChangeSetChecksum.known(cs.generateCheckSum(ChecksumVersion.latest()).toString());
        } catch (RuntimeException e) {
            return ChangeSetChecksum.unknown(ChangelogErrors.deepestMessage(e), textFingerprint);
        }
    }

    private static String checksum(ChangeSet cs, String filePath, int line) {
        try {
            return cs.generateCheckSum(ChecksumVersion.latest()).toString();
        } catch (RuntimeException e) {
            throw new RollbackSafetyException("cannot compute the checksum of changeset " + cs.getAuthor() + ":"
                    + cs.getId() + ": " + ChangelogErrors.deepestMessage(e), filePath, line, null);
        }
    }

    private static Set<String> validCheckSums(ChangeSet cs) {
        var result = new LinkedHashSet<String>();
        for (CheckSum sum : cs.getValidCheckSums()) {
            result.add(sum.toString());
        }
        return result;
    }

    private static ChangeSetLines scanLines(ResourceAccessor accessor, String physicalPath) {
        try (InputStream in = accessor.getExisting(physicalPath).openInputStream()) {
            return ChangeSetLines.scan(physicalPath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return ChangeSetLines.none();
        }
    }

    /**
     * The changelog's parameters: the build's values (which win over the changelog's own properties, as on
     * Liquibase's command line) and the properties the changelog declares while it is parsed. Liquibase's
     * constructor also imports every environment variable and system property; those are removed so that a
     * result never depends on the machine the build runs on.
     */
    public static ChangeLogParameters parameters(ChangelogOptions options) {
        var parameters = new ChangeLogParameters();
        dropSystemParameters(parameters);
        options.parameters().forEach(parameters::set);
        options.contexts().filter(s -> !s.isBlank()).ifPresent(c -> parameters.setContexts(new Contexts(c)));
        options.labels().filter(s -> !s.isBlank()).ifPresent(l -> parameters.setLabels(new LabelExpression(l)));
        options.dbms().filter(s -> !s.isBlank()).ifPresent(d -> parameters.setDatabase(d.strip()));
        return parameters;
    }

    private static final Field SYSTEM_PARAMETERS = systemParametersField();

    private static Field systemParametersField() {
        try {
            Field field = ChangeLogParameters.class.getDeclaredField("systemParameters");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Liquibase version: machine properties stay visible as ${...}
        }
    }

    private static void dropSystemParameters(ChangeLogParameters parameters) {
        if (SYSTEM_PARAMETERS == null) {
            return;
        }
        try {
            if (SYSTEM_PARAMETERS.get(parameters) instanceof List<?> list) {
                list.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // keep Liquibase's defaults rather than fail the read
        }
    }
}
