package io.github.rollbacksafety;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads settings from an application's configuration file ({@code application.properties}, {@code .yml},
 * {@code .yaml}) as Spring Boot and Quarkus spell them: dotted keys in properties, nested or partially flattened
 * maps in YAML (every document of a multi-document file).
 */
public final class ApplicationConfig {

    private ApplicationConfig() {
    }

    /**
     * The first non-blank value of {@code keys} (in their order) in the file; empty when none is set or the file
     * cannot be read (an unreadable application config is not ours to judge). Closes the stream.
     *
     * @param fileName decides the format: {@code .properties}, else YAML
     */
    public static Optional<String> value(String fileName, InputStream in, List<String> keys) {
        try (in; Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            if (fileName.endsWith(".properties")) {
                var props = new Properties();
                props.load(reader);
                return keys.stream().map(props::getProperty).filter(v -> v != null && !v.isBlank()).findFirst();
            }
            var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (var doc : yaml.loadAll(reader)) {
                if (doc instanceof Map<?, ?> map) {
                    for (var key : keys) {
                        var value = lookup(map, key).filter(v -> !v.isBlank());
                        if (value.isPresent()) {
                            return value;
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
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
