package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a changelog needs from the class path the application runs with: custom change classes, included files. */
class ChangelogClassPathTest {

    private static final String HEAD = "<?xml version=\"1.0\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n";

    @TempDir
    Path dir;

    /** Compiles a custom change class that is on no class path but the one given to the reader. */
    private Path compiledCustomChange() throws IOException {
        var src = Files.createDirectories(dir.resolve("src/com/acme/db"));
        Files.writeString(src.resolve("Backfill.java"), """
                package com.acme.db;
                public class Backfill implements liquibase.change.custom.CustomTaskChange {
                    private String table;
                    public void setTable(String table) { this.table = table; }
                    public String getTable() { return table; }
                    public void execute(liquibase.database.Database db) { }
                    public String getConfirmationMessage() { return "done"; }
                    public void setUp() { }
                    public void setFileOpener(liquibase.resource.ResourceAccessor a) { }
                    public liquibase.exception.ValidationErrors validate(liquibase.database.Database db) { return null; }
                }
                """);
        var classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.resolve("Backfill.java").toString());
        assertThat(rc).isZero();
        return classes;
    }

    private Path changelog(String body) throws IOException {
        var root = Files.createDirectories(dir.resolve("resources/db"));
        Files.writeString(root.resolve("master.xml"), HEAD + body + "</databaseChangeLog>\n");
        return dir.resolve("resources");
    }

    @Test
    void customChangeClassIsLoadedFromTheModulesClassPath() throws IOException {
        var classes = compiledCustomChange();
        var root = changelog("""
                <changeSet id="1" author="a"><customChange class="com.acme.db.Backfill" table="orders"/></changeSet>
                """);

        var withClasses = new ChangelogReader().read(new ChangelogSource(List.of(root), "db/master.xml", "1",
                () -> List.of(classes)), ChangelogOptions.DEFAULT).changeSets().get(0);
        var without = new ChangelogReader().read(ChangelogSource.of(root, "db/master.xml", "1"),
                ChangelogOptions.DEFAULT).changeSets().get(0);

        assertThat(withClasses.checksumUnknownBecause()).isEmpty();
        assertThat(withClasses.checksum()).hasValueSatisfying(c -> assertThat(c).startsWith("9:"));
        assertThat(without.checksumUnknownBecause()).hasValueSatisfying(w -> assertThat(w).contains("com.acme.db.Backfill"));
        // either way a new custom change is unanalyzable and names its class
        for (var cs : List.of(withClasses, without)) {
            assertThat(cs.ops()).singleElement().isInstanceOf(SchemaOp.Unanalyzable.class)
                    .satisfies(op -> assertThat(op.describe()).contains("com.acme.db.Backfill"));
        }
    }

    @Test
    void fileIncludedFromADependencyIsFoundOnTheClassPath() throws IOException {
        var root = changelog("""
                <include file="shared/common-properties.xml"/>
                <changeSet id="1" author="a"><createTable tableName="${prefix}orders"><column name="id" type="int"/></createTable></changeSet>
                """);
        var dependency = Files.createDirectories(dir.resolve("dependency/shared"));
        Files.writeString(dependency.resolve("common-properties.xml"), HEAD
                + "<property name=\"prefix\" value=\"app_\"/>\n</databaseChangeLog>\n");

        var changelog = new ChangelogReader().read(new ChangelogSource(List.of(root), "db/master.xml", "1",
                () -> List.of(dir.resolve("dependency"))), ChangelogOptions.DEFAULT);

        assertThat(changelog.changeSets()).singleElement().satisfies(cs ->
                assertThat(((SchemaOp.CreateTable) cs.ops().get(0)).table()).isEqualTo("app_orders"));
    }
}
