package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.ApplicationConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        return ApplicationConfig.value(name, in, KEYS);
    }
}
