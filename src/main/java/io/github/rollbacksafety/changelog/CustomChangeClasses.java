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

    CustomChangeClasses(ChangelogSource source) {
        this.source = source;
    }

    @Override
    public ClassLoader get() {
        if (loader == null) {
            var parent = ChangelogReader.class.getClassLoader();
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
            loader = urls.isEmpty() ? parent : new URLClassLoader("custom changes of " + source.label(),
                    urls.toArray(URL[]::new), parent);
        }
        return loader;
    }

    @Override
    public void close() {
        if (loader instanceof URLClassLoader closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // the jars were only read
            }
        }
    }
}
