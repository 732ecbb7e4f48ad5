package io.github.rollbacksafety.changelog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomChangeClassesTest {

    @TempDir
    Path dir;

    /** Maven's plugin realm is a URLClassLoader: closing it would break every later class load of the plugin. */
    @Test
    void closingNeverClosesThePluginsOwnClassLoader() throws Exception {
        Files.writeString(dir.resolve("marker.txt"), "x");
        try (var pluginRealm = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            var withoutClassPath = new CustomChangeClasses(ChangelogSource.of(dir, "m.xml", "1"), pluginRealm);
            assertThat(withoutClassPath.get()).isSameAs(pluginRealm);
            withoutClassPath.close();

            var withClassPath = new CustomChangeClasses(new ChangelogSource(List.of(dir), "m.xml", "1",
                    () -> List.of(dir)), pluginRealm);
            assertThat(withClassPath.get()).isNotSameAs(pluginRealm).satisfies(l ->
                    assertThat(l.getParent()).isSameAs(pluginRealm));
            withClassPath.close();

            assertThat(pluginRealm.getResource("marker.txt")).isNotNull();
        }
    }
}
