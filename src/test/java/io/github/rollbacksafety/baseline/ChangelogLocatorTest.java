package io.github.rollbacksafety.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogLocatorTest {

    @TempDir
    Path resources;

    private java.util.Optional<String> locate() {
        return ChangelogLocator.locate(ChangelogLocator.inDirectories(List.of(resources)));
    }

    private void file(String path, String content) throws IOException {
        var p = resources.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void findsTheSpringBootDefaultYamlMaster() throws IOException {
        file("db/changelog/db.changelog-master.yaml", "databaseChangeLog: []");
        assertThat(locate()).contains("db/changelog/db.changelog-master.yaml");
    }

    @Test
    void prefersYamlOverXmlAsSpringBootDoes() throws IOException {
        file("db/changelog/db.changelog-master.xml", "<databaseChangeLog/>");
        file("db/changelog/db.changelog-master.yaml", "databaseChangeLog: []");
        assertThat(locate()).contains("db/changelog/db.changelog-master.yaml");
    }

    @Test
    void readsSpringLiquibaseChangeLogFromApplicationProperties() throws IOException {
        file("application.properties", "spring.liquibase.change-log=classpath:/db/main.xml\n");
        assertThat(locate()).contains("db/main.xml");
    }

    @Test
    void readsNestedKeysFromApplicationYaml() throws IOException {
        file("application.yml", "spring:\n  liquibase:\n    change-log: classpath:db/changelog/master.yaml\n");
        assertThat(locate()).contains("db/changelog/master.yaml");
    }

    @Test
    void readsQuarkusChangeLog() throws IOException {
        file("application.properties", "quarkus.liquibase.change-log=db/quarkus-changelog.xml\n");
        assertThat(locate()).contains("db/quarkus-changelog.xml");
    }

    @Test
    void findsJHipsterLayout() throws IOException {
        file("config/liquibase/master.xml", "<databaseChangeLog/>");
        assertThat(locate()).contains("config/liquibase/master.xml");
    }

    @Test
    void findsNothingInAModuleWithoutChangelog() throws IOException {
        file("application.properties", "server.port=8080\n");
        assertThat(locate()).isEmpty();
    }

    @Test
    void ignoresUnresolvedPlaceholdersAndFallsBackToConventions() throws IOException {
        file("application.properties", "spring.liquibase.change-log=${CHANGELOG}\n");
        file("db/changelog.xml", "<databaseChangeLog/>");
        assertThat(locate()).contains("db/changelog.xml");
    }
}
