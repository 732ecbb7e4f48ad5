package io.github.rollbacksafety.changelog;

import liquibase.Scope;
import liquibase.change.ChangeMetaData;
import liquibase.change.ChangeFactory;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Liquibase's {@code customChange}, loaded while {@link ChangelogReader} reads: the class is looked up in the
 * changelog's own class path (the module's classes and runtime dependencies, or a release's jar and its
 * dependencies) and, when it still cannot be loaded, parsing goes on with this object standing in for it: it keeps
 * the class name and parameters, and its checksum is unknown. Outside a read it is Liquibase's own wrapper.
 */
@DatabaseChange(name = "customChange", description = "A custom change class, or a stand-in when it cannot be loaded",
        priority = ChangeMetaData.PRIORITY_DEFAULT + 50)
public final class StandInCustomChange extends CustomChangeWrapper {

    /** The class loader for custom change classes of the read on this thread; null outside a read. */
    private static final ThreadLocal<Supplier<ClassLoader>> CLASSES = new ThreadLocal<>();
    private static final Object LOCK = new Object();
    private static volatile ChangeFactory installedInto;

    private String standInFor;
    private String whyNotLoaded;

    /** Registers this change with Liquibase once per factory. Must run inside the reader's scope. */
    static void install() {
        var factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
        if (installedInto == factory) {
            return;
        }
        synchronized (LOCK) {
            if (installedInto != factory) {
                factory.register(new StandInCustomChange());
                installedInto = factory;
            }
        }
    }

    /** Runs {@code work} with custom change classes loaded from {@code classes} (created on first need). */
    static <T> T loadingFrom(Supplier<ClassLoader> classes, java.util.concurrent.Callable<T> work) throws Exception {
        var previous = CLASSES.get();
        CLASSES.set(classes);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CLASSES.remove();
            } else {
                CLASSES.set(previous);
            }
        }
    }

    @Override
    public void load(ParsedNode parsedNode, ResourceAccessor resourceAccessor) throws ParsedNodeException {
        var classes = CLASSES.get();
        if (classes == null) {
            super.load(parsedNode, resourceAccessor);
            return;
        }
        try {
            Scope.child(Map.of(Scope.Attr.classLoader.name(), classes.get()),
                    () -> StandInCustomChange.super.load(parsedNode, resourceAccessor));
        } catch (Exception | LinkageError e) {
            var className = parsedNode.getChildValue(null, "class", String.class);
            if (className == null || className.isBlank()) {
                throw e instanceof ParsedNodeException p ? p : new ParsedNodeException(e);
            }
            standInFor = className;
            whyNotLoaded = ChangelogErrors.deepestMessage(e);
            readParameters(parsedNode);
        }
    }

    private void readParameters(ParsedNode node) throws ParsedNodeException {
        var params = node.getChild(null, "params");
        var holder = params == null ? node : params;
        for (var param : holder.getChildren(null, "param")) {
            var name = param.getChildValue(null, "name", String.class);
            var value = param.getValue() != null ? param.getValue() : param.getChildValue(null, "value");
            if (name != null) {
                setParam(name, value == null ? null : value.toString());
            }
        }
        for (var child : node.getChildren()) {
            // without the class, every other attribute may be one of its properties
            if (child.getValue() != null && !"class".equals(child.getName()) && !"param".equals(child.getName())) {
                setParam(child.getName(), child.getValue().toString());
            }
        }
    }

    /** The class this object stands in for, when it could not be loaded. */
    public Optional<String> standInFor() {
        return Optional.ofNullable(standInFor);
    }

    /** Why the class could not be loaded. */
    public Optional<String> whyNotLoaded() {
        return Optional.ofNullable(whyNotLoaded);
    }

    @Override
    public String getClassName() {
        return standInFor != null ? standInFor : super.getClassName();
    }

    @Override
    public CheckSum generateCheckSum() {
        if (standInFor != null) {
            throw new IllegalStateException("custom change class " + standInFor + " could not be loaded ("
                    + whyNotLoaded + "), so its checksum cannot be computed");
        }
        return super.generateCheckSum();
    }
}
