package io.github.rollbacksafety.changelog;

import liquibase.ContextExpression;
import liquibase.changelog.ChangeLogParameters;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Liquibase's changelog parameters as text, for {@link FileReuse}: a file that uses or defines parameters is keyed by
 * every parameter in force when it is parsed, and what its properties added is recorded to be defined again when the
 * file is rebuilt. Liquibase does not expose its parameter lists, so they are read reflectively; where that fails
 * (another Liquibase version) such files are simply always parsed.
 */
final class ParameterState {

    private static final Field GLOBAL = field(ChangeLogParameters.class, "globalParameters");
    private static final Field LOCAL = field(ChangeLogParameters.class, "localParameters");
    private static final Class<?> PARAMETER = parameterClass();
    private static final Field KEY = field(PARAMETER, "key");
    private static final Field VALUE = field(PARAMETER, "value");
    private static final Field CONTEXTS = field(PARAMETER, "validContexts");
    private static final Field LABELS = field(PARAMETER, "validLabels");
    private static final Field DATABASES = field(PARAMETER, "validDatabases");

    private ParameterState() {
    }

    /** The parameters at one moment: the entries themselves (to tell the added ones) and their text. */
    record Snapshot(Set<Object> entries, String text) {
    }

    static Optional<Snapshot> snapshot(ChangeLogParameters parameters) {
        try {
            var entries = Collections.newSetFromMap(new IdentityHashMap<Object, Boolean>());
            var text = new StringBuilder("global:");
            for (var p : (List<?>) GLOBAL.get(parameters)) {
                entries.add(p);
                text.append(describe(p)).append(';');
            }
            text.append("local:");
            for (var e : new TreeMap<>((Map<?, ?>) LOCAL.get(parameters)).entrySet()) {
                text.append(e.getKey()).append('{');
                for (var p : (List<?>) e.getValue()) {
                    entries.add(p);
                    text.append(describe(p)).append(';');
                }
                text.append('}');
            }
            return Optional.of(new Snapshot(entries, text.toString()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The parameters added since {@code before}, as definitions; empty when one cannot be written down. */
    static Optional<List<ParsedFile.Parameter>> added(Snapshot before, ChangeLogParameters after) {
        try {
            var result = new ArrayList<ParsedFile.Parameter>();
            for (var p : (List<?>) GLOBAL.get(after)) {
                if (!before.entries().contains(p)) {
                    result.add(definition(p, true));
                }
            }
            for (var list : ((Map<?, ?>) LOCAL.get(after)).values()) {
                for (var p : (List<?>) list) {
                    if (!before.entries().contains(p)) {
                        result.add(definition(p, false));
                    }
                }
            }
            return result.contains(null) ? Optional.empty() : Optional.of(result);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ParsedFile.Parameter definition(Object p, boolean global) throws ReflectiveOperationException {
        if (!(VALUE.get(p) instanceof String value)) {
            return null;
        }
        var contexts = (ContextExpression) CONTEXTS.get(p);
        var labels = LABELS.get(p);
        var databases = (List<?>) DATABASES.get(p);
        return new ParsedFile.Parameter((String) KEY.get(p), value,
                contexts == null ? null : new ParsedFile.Context(contexts.getOriginalString()),
                labels == null ? null : labels.toString(),
                databases == null ? null : String.join(",", databases.stream().map(String::valueOf).toList()), global);
    }

    private static String describe(Object p) throws ReflectiveOperationException {
        var contexts = (ContextExpression) CONTEXTS.get(p);
        return KEY.get(p) + "=" + VALUE.get(p) + "|" + (contexts == null ? "-" : contexts.getOriginalString() + "/"
                + contexts) + "|" + LABELS.get(p) + "|" + DATABASES.get(p);
    }

    private static Class<?> parameterClass() {
        for (var c : ChangeLogParameters.class.getDeclaredClasses()) {
            if (c.getSimpleName().equals("ChangeLogParameter")) {
                return c;
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        try {
            var field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Liquibase: snapshots fail, files with parameters are parsed
        }
    }
}
