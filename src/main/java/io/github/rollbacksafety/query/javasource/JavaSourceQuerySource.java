package io.github.rollbacksafety.query.javasource;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The previous release's queries found in its Java sources (for applications whose previous release exists only
 * as a git tag): SQL string literals, text blocks and constant concatenations, and native SQL in annotations
 * ({@code @Query(nativeQuery = true)}, {@code @NamedNativeQuery}, JDBI {@code @SqlQuery}/{@code @SqlUpdate},
 * MyBatis {@code @Select}/{@code @Insert}/{@code @Update}/{@code @Delete}), and JPA entity mappings with the JPQL
 * that names their entities ({@link JpaSourceReader}, the same mapping semantics as for a jar). Every file is read
 * once; only those a reader can need are parsed ({@link SourceSelection}: most classes of an application hold
 * neither a query nor a mapping), each once. More {@link UnitReader}s can be plugged in to read every parsed file.
 */
public final class JavaSourceQuerySource implements QuerySource {

    /** One parsed source file. */
    public record ParsedJavaFile(String path, CompilationUnit unit) {

        /** The top-level class, interface, enum and record declarations (nested ones are below them). */
        public List<TypeDeclaration<?>> types() {
            return unit.getTypes();
        }
    }

    /**
     * Reads something from every parsed file of one {@link #collect} run, e.g. JPA entity mappings. A reader
     * may keep state across files and report in {@link #finish}, when every file has been read.
     */
    public interface UnitReader {

        void read(ParsedJavaFile file, QueryCollector collector);

        default void finish(QueryCollector collector) {
        }

        /**
         * Called after every {@link #finish} with each SQL string the readers found: a reader that knows the string
         * is something else (JPQL naming a mapped entity, as the bytecode front end decides too) reports it itself
         * and returns true, so that it is not parsed as SQL.
         */
        default boolean claims(Query sql, QueryCollector collector) {
            return false;
        }
    }

    /** One Java file of a source root: its path below the root ('/'-separated) and how to read it. */
    public record SourceFile(String path, Content content) {

        /** Reads the file's bytes; called once per file. */
        @FunctionalInterface
        public interface Content {
            byte[] read() throws IOException;
        }
    }

    /**
     * Where the Java files come from: a directory, or a tree in git's object database read in place. Lists only
     * {@code .java} files, in path order; problems listing are warnings on the collector.
     */
    public interface SourceFiles {

        /** For logs, e.g. the directory. */
        String describe();

        List<SourceFile> list(QueryCollector collector);
    }

    /** How many Java files the sources of this JVM listed and parsed, summed over every read (for benchmarks). */
    public static final class ReadCounts {
        private final java.util.concurrent.atomic.AtomicLong listed = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong parsed = new java.util.concurrent.atomic.AtomicLong();

        void add(int listedFiles, int parsedFiles) {
            listed.addAndGet(listedFiles);
            parsed.addAndGet(parsedFiles);
        }

        public long listed() {
            return listed.get();
        }

        public long parsed() {
            return parsed.get();
        }
    }

    public static final ReadCounts COUNTS = new ReadCounts();

    /** The JPA reader a source starts with (mapping names in both spellings), replaced by {@link #withNaming}. */
    private static final Supplier<UnitReader> JPA_MAPPINGS = JpaSourceReader::new;

    private final SourceFiles files;
    private final String label;
    private final String locationPrefix;
    private final List<Supplier<? extends UnitReader>> readers;
    /** Whether only the files a reader can need are parsed ({@link SourceSelection}); tests compare both ways. */
    private final boolean selecting;

    /**
     * @param sourceRoot a source root such as {@code .../src/main/java}; a missing directory yields nothing
     * @param label      which release the sources are of, for logs, e.g. {@code v1.2.0}
     */
    public JavaSourceQuerySource(Path sourceRoot, String label) {
        this(directory(sourceRoot), label);
    }

    /**
     * @param files the Java files to read, e.g. those of a git tree
     * @param label which release the sources are of, for logs, e.g. {@code v1.2.0}
     */
    public JavaSourceQuerySource(SourceFiles files, String label) {
        this(files, label, "", List.of(SqlStringFinder::new, JPA_MAPPINGS), true);
    }

    private JavaSourceQuerySource(SourceFiles files, String label, String locationPrefix,
                                  List<Supplier<? extends UnitReader>> readers, boolean selecting) {
        this.selecting = selecting;
        this.files = files;
        this.label = label;
        this.locationPrefix = locationPrefix;
        this.readers = List.copyOf(readers);
    }

    /**
     * Prefixes the file of every location, e.g. {@code src/main/java/}, so that reports name files as they are
     * in the repository.
     */
    public JavaSourceQuerySource withLocationPrefix(String prefix) {
        var p = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return new JavaSourceQuerySource(files, label, p, readers, selecting);
    }

    /**
     * Reads JPA mappings with the release's naming, asked for when the mappings are built (e.g. detected from the
     * release's POMs and application configs); without it, mapping names are used in both spellings.
     */
    public JavaSourceQuerySource withNaming(Supplier<io.github.rollbacksafety.query.mapping.NamingEvidence.Choice> naming) {
        var all = new ArrayList<Supplier<? extends UnitReader>>();
        for (var reader : readers) {
            // the JPA reader is the one this source made itself (see the constructor): replaced by one with the naming
            all.add(reader == JPA_MAPPINGS ? () -> new JpaSourceReader(naming) : reader);
        }
        return new JavaSourceQuerySource(files, label, locationPrefix, all, selecting);
    }

    /**
     * Adds a reader of the parsed files; a new reader is made for every {@link #collect} run. Every file is then
     * parsed: the selection of files ({@link SourceSelection}) knows only what the built-in readers need.
     */
    public JavaSourceQuerySource withReader(Supplier<? extends UnitReader> reader) {
        var all = new ArrayList<Supplier<? extends UnitReader>>(readers);
        all.add(reader);
        return new JavaSourceQuerySource(files, label, locationPrefix, all, false);
    }

    /** The same source parsing every file, as before the selection (for tests that compare the two). */
    JavaSourceQuerySource parsingEveryFile() {
        return new JavaSourceQuerySource(files, label, locationPrefix, readers, false);
    }

    @Override
    public String describe() {
        return "Java sources of " + label + " (" + files.describe() + ")";
    }

    @Override
    public void collect(QueryCollector collector) {
        var active = readers.stream().map(s -> (UnitReader) s.get()).toList();
        // SQL strings wait until every reader has finished: only then is it known which ones are JPQL
        var staged = new QueryCollector();
        var sources = files.list(collector);
        // read every file and scan its text on every core, then parse only the files a reader can need
        var read = new ArrayList<Read>(sources.size());
        ParallelParse.inOrder(sources.size(), i -> read(sources.get(i)), read::add);
        var profiles = read.stream().map(r -> r.profile().orElse(UNREADABLE)).toList();
        var chosen = selecting ? SourceSelection.select(profiles) : everyOne(profiles.size());
        var items = new ArrayList<Read>();
        for (int i = 0; i < read.size(); i++) {
            if (chosen.get(i) || read.get(i).text().isEmpty()) {
                items.add(read.get(i));
            }
        }
        read.clear();
        COUNTS.add(sources.size(), chosen.cardinality());
        // parsing dominates and files are independent: parse on every core, but hand the parsed files to the
        // readers (which keep state across files) one at a time and in path order, so results never depend on timing
        ParallelParse.inOrder(items.size(), i -> parse(items.get(i)), parsed -> {
            parsed.warning().ifPresent(collector::warning);
            parsed.file().ifPresent(file -> {
                for (var reader : active) {
                    try {
                        reader.read(file, staged);
                    } catch (RuntimeException e) {
                        collector.warning(file.path() + ": cannot read Java source (" + e
                                + "); SQL strings in it may be missed");
                    }
                }
            });
        });
        active.forEach(r -> r.finish(staged));
        staged.warnings().forEach(collector::warning);
        staged.usages().forEach(collector::usage);
        staged.entityQueries().forEach(collector::entityQueries);
        staged.unparsed().forEach(u -> collector.unparsed(u.query(), u.reason()));
        for (var sql : staged.sql()) {
            if (active.stream().noneMatch(r -> r.claims(sql, collector))) {
                collector.sql(sql);
            }
        }
    }

    /** One file after parsing: the tree when there is one, and a warning when something went wrong. */
    private record Parsed(Optional<ParsedJavaFile> file, Optional<String> warning) {
    }

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                    .setAttributeComments(false)));

    private static java.util.BitSet everyOne(int count) {
        var all = new java.util.BitSet(count);
        all.set(0, count);
        return all;
    }

    /** One file's text and what a scan of it tells, or the warning when it cannot be read. */
    private record Read(String path, Optional<String> text, Optional<SourceSelection.Profile> profile,
                        Optional<String> warning) {
    }

    /** A file that cannot be read is parsed (to report it) but needs nothing else. */
    private static final SourceSelection.Profile UNREADABLE = SourceSelection.NEEDED;

    private Read read(SourceFile file) {
        var path = locationPrefix + file.path();
        try {
            var text = new String(file.content().read(), StandardCharsets.UTF_8);
            return new Read(path, Optional.of(text), Optional.of(SourceSelection.profile(text)), Optional.empty());
        } catch (IOException e) {
            return new Read(path, Optional.empty(), Optional.empty(),
                    Optional.of(path + ": cannot read Java source: " + e.getMessage()));
        }
    }

    private Parsed parse(Read file) {
        var path = file.path();
        if (file.text().isEmpty()) {
            return new Parsed(Optional.empty(), file.warning());
        }
        var text = file.text().get();
        try {
            var result = PARSER.get().parse(text);
            var warning = result.isSuccessful() ? Optional.<String>empty()
                    : Optional.of(parseProblem(path, result.getProblems()));
            return new Parsed(result.getResult().map(unit -> new ParsedJavaFile(path, unit)), warning);
        } catch (RuntimeException | StackOverflowError e) {
            // JavaParser bugs on odd input must not stop the check: this file is lost, the rest is read
            return new Parsed(Optional.empty(), Optional.of(path + ": cannot parse Java source (" + e
                    + "); SQL strings in it are not checked"));
        }
    }

    /**
     * Whether a Java file can contribute anything: a JPA mapping (it names {@code persistence}), a string literal
     * or text block that starts like SQL or a clause of it, a string constant other files may use, or a query
     * annotation. A cheap test on the text, for reading the many files of a large repository's other modules: most
     * (UI, REST, messaging code) are left unparsed.
     */
    public static boolean mayHoldQueries(String text) {
        return MAY_HOLD_QUERIES.matcher(text).find();
    }

    private static final java.util.regex.Pattern MAY_HOLD_QUERIES = java.util.regex.Pattern.compile(
            "persistence|@Query|@Sql|@Select|@Insert|@Update|@Delete|static\\s+final\\s+String"
                    + "|\\bString\\s+[A-Z][A-Z0-9_]*\\s*="
                    + "|\"(?:\"\")?\\s*(?i:select|insert|update|delete|with|merge|upsert|replace|truncate|call"
                    + "|from|where|set|values|join|inner|left|and|or|order|group|having|limit|union|returning|on)\\b");

    /** The {@code .java} files below a directory; a missing directory has none. */
    public static SourceFiles directory(Path root) {
        return new SourceFiles() {
            @Override
            public String describe() {
                return root.toString();
            }

            @Override
            public List<SourceFile> list(QueryCollector collector) {
                if (!Files.isDirectory(root)) {
                    return List.of();
                }
                try (Stream<Path> paths = Files.walk(root)) {
                    return paths.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                            .sorted()
                            .map(p -> new SourceFile(slashes(root.relativize(p)), () -> Files.readAllBytes(p)))
                            .toList();
                } catch (IOException e) {
                    collector.warning("Cannot list the Java sources under " + root + ": " + e.getMessage());
                    return List.of();
                }
            }
        };
    }

    private static String parseProblem(String path, List<Problem> problems) {
        if (problems.isEmpty()) {
            return path + ": cannot parse Java source; SQL strings in it may be missed";
        }
        var first = problems.get(0);
        int line = first.getLocation().flatMap(r -> r.getBegin().getRange()).map(r -> r.begin.line).orElse(0);
        var message = first.getMessage().lines().findFirst().orElse("").strip();
        if (message.length() > 160) {
            message = message.substring(0, 157) + "...";
        }
        return path + (line > 0 ? ":" + line : "") + ": cannot parse Java source (" + message
                + "); SQL strings in it may be missed";
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
