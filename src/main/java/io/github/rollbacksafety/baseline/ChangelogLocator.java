package io.github.rollbacksafety.baseline;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Finds a module's master changelog the way its framework would: {@code spring.liquibase.change-log} or
 * {@code quarkus.liquibase.change-log} in {@code application.properties/yml/yaml}, else the conventional paths.
 * Works on any lookup function, so the same logic serves resource directories and a release's jar.
 */
public final class ChangelogLocator {

    public static final List<String> CONVENTIONAL = List.of(
            "db/changelog/db.changelog-master.yaml",
            "db/changelog/db.changelog-master.yml",
            "db/changelog/db.changelog-master.xml",
            "db/changelog/db.changelog-master.json",
            "db/changelog/db.changelog-master.sql",
            "config/liquibase/master.xml",
            "db/changelog.xml",
            "db/changeLog.xml");

    private static final List<String> KEYS = List.of("spring.liquibase.change-log", "spring.liquibase.changeLog",
            "spring.liquibase.change_log", "quarkus.liquibase.change-log", "quarkus.liquibase.changeLog");

    private ChangelogLocator() {
    }

    /**
     * The master changelog's classpath path.
     *
     * @param open opens a classpath resource, or empty when it does not exist
     */
    public static Optional<String> locate(Function<String, Optional<InputStream>> open) {
        for (var name : List.of("application.properties", "application.yml", "application.yaml")) {
            var configured = open.apply(name).flatMap(in -> configured(name, in));
            if (configured.isPresent()) {
                var path = strip(configured.get());
                if (!path.contains("${")) {
                    return Optional.of(path);
                }
            }
        }
        return CONVENTIONAL.stream().filter(p -> open.apply(p).map(ChangelogLocator::close).orElse(false)).findFirst();
    }

    /** A lookup over resource directories, first match wins. */
    public static Function<String, Optional<InputStream>> inDirectories(List<Path> roots) {
        return path -> roots.stream().map(r -> r.resolve(path)).filter(Files::isRegularFile).findFirst()
                .map(p -> {
                    try {
                        return Files.newInputStream(p);
                    } catch (IOException e) {
                        return null;
                    }
                });
    }

    public static String strip(String path) {
        var p = path.strip();
        if (p.startsWith("classpath*:")) {
            p = p.substring("classpath*:".length());
        } else if (p.startsWith("classpath:")) {
            p = p.substring("classpath:".length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    private static boolean close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // only existence mattered
        }
        return true;
    }

    private static Optional<String> configured(String name, InputStream in) {
        try (in; Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            if (name.endsWith(".properties")) {
                var props = new Properties();
                props.load(reader);
                return KEYS.stream().map(props::getProperty).filter(v -> v != null && !v.isBlank()).findFirst();
            }
            var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (var doc : yaml.loadAll(reader)) {
                if (doc instanceof Map<?, ?> map) {
                    for (var key : KEYS) {
                        var value = lookup(map, key);
                        if (value.isPresent()) {
                            return value;
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // an unreadable application config is not ours to judge: fall back to conventions
            return Optional.empty();
        }
    }

    /** Looks up a dotted key in nested YAML maps, also accepting partially flattened keys. */
    private static Optional<String> lookup(Map<?, ?> map, String dottedKey) {
        var direct = map.get(dottedKey);
        if (direct != null) {
            return Optional.of(direct.toString());
        }
        var dot = dottedKey.indexOf('.');
        while (dot > 0) {
            var head = dottedKey.substring(0, dot);
            if (map.get(head) instanceof Map<?, ?> child) {
                var found = lookup(child, dottedKey.substring(dot + 1));
                if (found.isPresent()) {
                    return found;
                }
            }
            dot = dottedKey.indexOf('.', dot + 1);
        }
        return Optional.empty();
    }
}
