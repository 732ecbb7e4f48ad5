package io.github.rollbacksafety.changelog;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * The class loader Liquibase loads custom change classes from during one read: the changelog's class path
 * ({@link ChangelogSource#classPath()}) over the plugin's own classes (so that Liquibase's interfaces are shared),
 * created the first time a custom change needs it and closed with the read.
 */
final class CustomChangeClasses implements Supplier<ClassLoader>, AutoCloseable {

    private final ChangelogSource source;
    private ClassLoader loader;
    // only a loader this object created is closed: the parent is the plugin's own class realm
    private URLClassLoader created;

    private final ClassLoader parent;

    CustomChangeClasses(ChangelogSource source) {
        this(source, ChangelogReader.class.getClassLoader());
    }

    /** @param parent the plugin's class loader (Maven's plugin realm): Liquibase's types come from it */
    CustomChangeClasses(ChangelogSource source, ClassLoader parent) {
        this.source = source;
        this.parent = parent;
    }

    @Override
    public ClassLoader get() {
        if (loader == null) {
            var urls = new ArrayList<URL>();
            try {
                for (Path entry : source.classPath().get()) {
                    if (Files.exists(entry)) {
                        urls.add(entry.toUri().toURL());
                    }
                }
            } catch (MalformedURLException | RuntimeException e) {
                // a class path that cannot be built is a class path without the class: stand-ins follow
                urls.clear();
            }
            if (!urls.isEmpty()) {
                created = new URLClassLoader("custom changes of " + source.label(), urls.toArray(URL[]::new), parent);
            }
            loader = created != null ? created : parent;
        }
        return loader;
    }

    @Override
    public void close() {
        if (created != null) {
            try {
                created.close();
            } catch (IOException ignored) {
                // the jars were only read
            }
        }
    }
}
