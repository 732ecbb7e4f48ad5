package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.RollbackSafetyException;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.xml.XMLChangeLogSAXParser;
import liquibase.resource.ResourceAccessor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * Wraps each Liquibase changelog parser so that, while {@link ChangelogReader} reads (and only then): an include
 * cycle is reported instead of overflowing the stack, a missing included file names its includer, and any parse
 * error names the innermost file being read. The XML delegate is created inside the reader's scope, so it does
 * not validate against XSDs (which could mean fetching them, and rejects {@code dbchangelog-5.0.xsd}).
 */
final class GuardedChangeLogParser implements ChangeLogParser {

    /** Files being parsed on this thread, outermost first; null when no reader is active. */
    private static final ThreadLocal<Deque<String>> INCLUDE_STACK = new ThreadLocal<>();
    /** The current read's reuse of parsed files, when it has one. */
    private static final ThreadLocal<FileReuse> REUSE = new ThreadLocal<>();
    private static final Object LOCK = new Object();
    private static volatile ChangeLogParserFactory installedInto;

    private final ChangeLogParser delegate;

    private GuardedChangeLogParser(ChangeLogParser delegate) {
        this.delegate = delegate;
    }

    /** Registers the guards once per factory instance. Must run inside the reader's scope. */
    static void install() {
        var factory = ChangeLogParserFactory.getInstance();
        if (installedInto == factory) {
            return;
        }
        synchronized (LOCK) {
            if (installedInto == factory) {
                return;
            }
            for (var parser : new ArrayList<>(factory.getParsers())) {
                if (parser instanceof GuardedChangeLogParser) {
                    continue;
                }
                var delegate = parser instanceof XMLChangeLogSAXParser ? new XMLChangeLogSAXParser() : parser;
                factory.register(new GuardedChangeLogParser(delegate));
            }
            installedInto = factory;
        }
    }

    /** Runs {@code work} with include tracking on for this thread. */
    static <T> T tracking(Callable<T> work) throws Exception {
        return tracking(work, null);
    }

    /**
     * Runs {@code work} with include tracking on for this thread and, when {@code reuse} is not null, parsed files
     * taken from it or recorded into it.
     */
    static <T> T tracking(Callable<T> work, FileReuse reuse) throws Exception {
        var previous = INCLUDE_STACK.get();
        var previousReuse = REUSE.get();
        INCLUDE_STACK.set(new ArrayDeque<>());
        REUSE.set(reuse);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                INCLUDE_STACK.remove();
            } else {
                INCLUDE_STACK.set(previous);
            }
            if (previousReuse == null) {
                REUSE.remove();
            } else {
                REUSE.set(previousReuse);
            }
        }
    }

    @Override
    public DatabaseChangeLog parse(String physicalChangeLogLocation, ChangeLogParameters changeLogParameters,
                                   ResourceAccessor resourceAccessor) throws ChangeLogParseException {
        var stack = INCLUDE_STACK.get();
        if (stack == null) {
            return delegate.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor);
        }
        var path = DatabaseChangeLog.normalizePath(physicalChangeLogLocation);
        var includer = stack.peekLast();
        if (stack.contains(path)) {
            var cycle = new StringBuilder();
            stack.stream().dropWhile(p -> !p.equals(path)).forEach(p -> cycle.append(p).append(" -> "));
            throw new RollbackSafetyException("include cycle: " + cycle + path, includer,
                    lineMentioning(resourceAccessor, includer, path), null);
        }
        if (includer != null && !exists(resourceAccessor, physicalChangeLogLocation)) {
            throw new RollbackSafetyException("included changelog " + path + " was not found", includer,
                    lineMentioning(resourceAccessor, includer, path), null);
        }
        stack.addLast(path);
        try {
            var reuse = REUSE.get();
            if (reuse != null) {
                return reuse.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor,
                        () -> delegate.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor));
            }
            return delegate.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor);
        } catch (RollbackSafetyException e) {
            throw e;
        } catch (ChangeLogParseException | RuntimeException | StackOverflowError e) {
            var error = ChangelogErrors.of(path, e);
            if (error.line() == 0 && error.file().map(path::equals).orElse(false)) {
                // a missing include or includeAll folder: point at the line that names it
                var line = ChangelogErrors.mentionedName(e).map(n -> lineMentioning(resourceAccessor, path, n))
                        .orElse(0);
                if (line > 0) {
                    error = new RollbackSafetyException(error.getMessage(), path, line, null);
                }
            }
            throw error;
        } finally {
            stack.removeLast();
        }
    }

    @Override
    public boolean supports(String changeLogFile, ResourceAccessor resourceAccessor) {
        return delegate.supports(changeLogFile, resourceAccessor);
    }

    @Override
    public int getPriority() {
        // always above the parser it wraps, keeping the order between the wrapped parsers
        return delegate.getPriority() + 50;
    }

    private static boolean exists(ResourceAccessor accessor, String path) {
        try {
            return accessor.get(path).exists();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The first line of {@code file} containing {@code name} or its last path segment; 0 when unknown. */
    private static int lineMentioning(ResourceAccessor accessor, String file, String name) {
        if (file == null || name == null || name.isBlank()) {
            return 0;
        }
        try (InputStream in = accessor.getExisting(file).openInputStream()) {
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var simple = name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
            int at = text.indexOf(name);
            if (at < 0) {
                at = text.indexOf(simple);
            }
            if (at < 0) {
                return 0;
            }
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        } catch (IOException | RuntimeException ex) {
            return 0;
        }
    }
}
