package io.github.rollbacksafety.bench;

import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.query.sqlfile.SqlResourcesSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A generated project for the benchmark: {@code tables} tables, {@code changeSets} changesets over {@code files}
 * included changelog files (XML or YAML), the previous release (the first 90% of the changesets plus
 * {@code queries} SQL statements as {@code .sql} resources) packed into a jar, and the current release (all
 * changesets, the last 10% new: added, dropped and renamed columns, not-null constraints, type changes...).
 */
public final class SyntheticProject {

    static final String MASTER = "db/changelog/db.changelog-master";
    private static final int COLUMNS = 10;
    private static final int QUERY_FILES_DIVISOR = 100;

    public enum Format { XML, YAML }

    final int tables;
    final int changeSets;
    final int files;
    final int previousFiles;
    final List<String> statements;
    final Path currentRoot;
    final Path previousJar;
    final Format format;

    private SyntheticProject(int tables, int changeSets, int files, List<String> statements, Path currentRoot,
                             Path previousJar, Format format) {
        this.tables = tables;
        this.changeSets = changeSets;
        this.files = files;
        this.previousFiles = files * 9 / 10;
        this.statements = statements;
        this.currentRoot = currentRoot;
        this.previousJar = previousJar;
        this.format = format;
    }

    public Path currentRoot() {
        return currentRoot;
    }

    public Path previousJar() {
        return previousJar;
    }

    public List<String> statements() {
        return statements;
    }

    public String master() {
        return MASTER + (format == Format.XML ? ".xml" : ".yaml");
    }

    /** Generates the project under {@code dir}; {@code scale} 1 = 500 tables, 5,000 changesets, 20,000 queries. */
    public static SyntheticProject generate(Path dir, double scale, Format format) throws IOException {
        var project = reopen(dir, scale, format);
        project.write();
        return project;
    }

    /** As {@link #generate(Path, double, Format)}, with {@code queries} statements instead of the scale's. */
    public static SyntheticProject generate(Path dir, double scale, int queries, Format format) throws IOException {
        var project = reopen(dir, scale, queries, format);
        project.write();
        return project;
    }

    /** The project {@link #generate} wrote under {@code dir} with the same arguments, without writing it again. */
    static SyntheticProject reopen(Path dir, double scale, Format format) {
        return reopen(dir, scale, Math.max(100, (int) Math.round(20_000 * scale)), format);
    }

    private static SyntheticProject reopen(Path dir, double scale, int queries, Format format) {
        int tables = Math.max(5, (int) Math.round(500 * scale));
        int changeSets = Math.max(50, (int) Math.round(5_000 * scale));
        int files = Math.max(5, (int) Math.round(50 * scale));
        var statements = new ArrayList<String>(queries);
        for (int i = 0; i < queries; i++) {
            statements.add(query(i, tables));
        }
        var current = dir.resolve("current-" + format.name().toLowerCase());
        var jar = dir.resolve("previous-" + format.name().toLowerCase() + ".jar");
        return new SyntheticProject(tables, changeSets, files, statements, current, jar, format);
    }

    public CheckRequest request() {
        var previousSource = ChangelogSource.of(previousJar, master(), "1.0.0");
        var sql = new SqlResourcesSource(previousJar, List.of(master()), "db/changelog/");
        return CheckRequest.of(ChangelogSource.of(currentRoot, master(), "1.1.0"),
                List.of(new PreviousRelease("1.0.0", previousSource, List.of(sql))));
    }

    private String ext() {
        return format == Format.XML ? ".xml" : ".yaml";
    }

    private String partName(int file) {
        return String.format("db/changelog/part-%04d%s", file, ext());
    }

    private void write() throws IOException {
        var perFile = changeSets / files;
        var parts = new ArrayList<String>();
        for (int f = 0; f < files; f++) {
            var body = new StringBuilder();
            body.append(format == Format.XML ? XML_HEAD : "databaseChangeLog:\n");
            for (int i = f * perFile; i < (f + 1) * perFile; i++) {
                body.append(format == Format.XML ? xmlChangeSet(i) : yamlChangeSet(i));
            }
            if (format == Format.XML) {
                body.append("</databaseChangeLog>\n");
            }
            parts.add(body.toString());
        }
        Files.createDirectories(currentRoot.resolve("db/changelog"));
        for (int f = 0; f < files; f++) {
            Files.writeString(currentRoot.resolve(partName(f)), parts.get(f));
        }
        Files.writeString(currentRoot.resolve(master()), master(files));
        try (var zip = new ZipOutputStream(Files.newOutputStream(previousJar))) {
            put(zip, master(), master(previousFiles));
            for (int f = 0; f < previousFiles; f++) {
                put(zip, partName(f), parts.get(f));
            }
            int perQueryFile = QUERY_FILES_DIVISOR;
            for (int q = 0, n = 0; q < statements.size(); q += perQueryFile, n++) {
                var text = new StringBuilder("-- generated queries\n");
                for (int i = q; i < Math.min(statements.size(), q + perQueryFile); i++) {
                    text.append(statements.get(i)).append(";\n");
                }
                put(zip, String.format("sql/queries/q%05d.sql", n), text.toString());
            }
        }
    }

    private String master(int count) {
        var text = new StringBuilder(format == Format.XML ? XML_HEAD : "databaseChangeLog:\n");
        for (int f = 0; f < count; f++) {
            if (format == Format.XML) {
                text.append("  <include file=\"").append(partName(f)).append("\"/>\n");
            } else {
                text.append("  - include:\n      file: ").append(partName(f)).append('\n');
            }
        }
        return format == Format.XML ? text.append("</databaseChangeLog>\n").toString() : text.toString();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static final String XML_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
            """;

    /** What changeset {@code i} does, as (kind, table, column, extra). */
    private record Op(String kind, String table, String column, String extra) {
    }

    private Op op(int i) {
        int previousCount = previousFiles * (changeSets / files);
        if (i < tables) {
            return new Op("createTable", "t" + i, "", "");
        }
        if (i < previousCount) {
            var table = "t" + (i % tables);
            return i % 3 == 0 ? new Op("createIndex", table, "c1", "ix_" + i)
                    : new Op("addColumn", table, "x" + i, "varchar(50)");
        }
        int j = i - previousCount;
        var table = "t" + (j % tables);
        switch (j % 8) {
            case 0: return new Op("addColumn", table, "n" + i, "varchar(20)");
            case 1: return new Op("addColumnNotNull", table, "m" + i, "int");
            case 2: return new Op("dropColumn", table, "c9", "");
            case 3: return new Op("renameColumn", table, "c6", "c6_renamed");
            case 4: return new Op("addNotNullConstraint", table, "c8", "varchar(100)");
            case 5: return new Op("modifyDataType", table, "c7", "varchar(200)");
            case 6: return new Op("createTable", "new_" + i, "", "");
            default: return new Op("createIndex", table, "c2", "ix_new_" + i);
        }
    }

    private static String columnType(int c) {
        return c % 2 == 0 ? "int" : "varchar(100)";
    }

    private String xmlChangeSet(int i) {
        var op = op(i);
        var s = new StringBuilder("  <changeSet id=\"cs-" + i + "\" author=\"bench\">\n");
        switch (op.kind()) {
            case "createTable" -> {
                s.append("    <createTable tableName=\"").append(op.table()).append("\">\n");
                s.append("      <column name=\"id\" type=\"bigint\"><constraints primaryKey=\"true\"/></column>\n");
                for (int c = 0; c < COLUMNS; c++) {
                    s.append("      <column name=\"c").append(c).append("\" type=\"")
                            .append(c == 8 ? "varchar(100)" : columnType(c)).append("\"/>\n");
                }
                s.append("    </createTable>\n");
            }
            case "createIndex" -> s.append("    <createIndex tableName=\"").append(op.table()).append("\" indexName=\"")
                    .append(op.extra()).append("\"><column name=\"").append(op.column()).append("\"/></createIndex>\n");
            case "addColumn" -> s.append("    <addColumn tableName=\"").append(op.table()).append("\"><column name=\"")
                    .append(op.column()).append("\" type=\"").append(op.extra()).append("\"/></addColumn>\n");
            case "addColumnNotNull" -> s.append("    <addColumn tableName=\"").append(op.table())
                    .append("\"><column name=\"").append(op.column()).append("\" type=\"").append(op.extra())
                    .append("\"><constraints nullable=\"false\"/></column></addColumn>\n");
            case "dropColumn" -> s.append("    <dropColumn tableName=\"").append(op.table()).append("\" columnName=\"")
                    .append(op.column()).append("\"/>\n");
            case "renameColumn" -> s.append("    <renameColumn tableName=\"").append(op.table())
                    .append("\" oldColumnName=\"").append(op.column()).append("\" newColumnName=\"")
                    .append(op.extra()).append("\"/>\n");
            case "addNotNullConstraint" -> s.append("    <addNotNullConstraint tableName=\"").append(op.table())
                    .append("\" columnName=\"").append(op.column()).append("\" columnDataType=\"").append(op.extra())
                    .append("\"/>\n");
            case "modifyDataType" -> s.append("    <modifyDataType tableName=\"").append(op.table())
                    .append("\" columnName=\"").append(op.column()).append("\" newDataType=\"").append(op.extra())
                    .append("\"/>\n");
            default -> throw new IllegalStateException(op.kind());
        }
        return s.append("  </changeSet>\n").toString();
    }

    private String yamlChangeSet(int i) {
        var op = op(i);
        var s = new StringBuilder("  - changeSet:\n      id: cs-" + i + "\n      author: bench\n      changes:\n");
        var c8 = "        ";
        switch (op.kind()) {
            case "createTable" -> {
                s.append(c8).append("- createTable:\n").append(c8).append("    tableName: ").append(op.table())
                        .append('\n').append(c8).append("    columns:\n");
                s.append(c8).append("      - column: {name: id, type: bigint, constraints: {primaryKey: true}}\n");
                for (int c = 0; c < COLUMNS; c++) {
                    s.append(c8).append("      - column: {name: c").append(c).append(", type: '")
                            .append(c == 8 ? "varchar(100)" : columnType(c)).append("'}\n");
                }
            }
            case "createIndex" -> s.append(c8).append("- createIndex: {tableName: ").append(op.table())
                    .append(", indexName: ").append(op.extra()).append(", columns: [{column: {name: ")
                    .append(op.column()).append("}}]}\n");
            case "addColumn" -> s.append(c8).append("- addColumn: {tableName: ").append(op.table())
                    .append(", columns: [{column: {name: ").append(op.column()).append(", type: '")
                    .append(op.extra()).append("'}}]}\n");
            case "addColumnNotNull" -> s.append(c8).append("- addColumn: {tableName: ").append(op.table())
                    .append(", columns: [{column: {name: ").append(op.column()).append(", type: '")
                    .append(op.extra()).append("', constraints: {nullable: false}}}]}\n");
            case "dropColumn" -> s.append(c8).append("- dropColumn: {tableName: ").append(op.table())
                    .append(", columnName: ").append(op.column()).append("}\n");
            case "renameColumn" -> s.append(c8).append("- renameColumn: {tableName: ").append(op.table())
                    .append(", oldColumnName: ").append(op.column()).append(", newColumnName: ")
                    .append(op.extra()).append("}\n");
            case "addNotNullConstraint" -> s.append(c8).append("- addNotNullConstraint: {tableName: ")
                    .append(op.table()).append(", columnName: ").append(op.column()).append(", columnDataType: '")
                    .append(op.extra()).append("'}\n");
            case "modifyDataType" -> s.append(c8).append("- modifyDataType: {tableName: ").append(op.table())
                    .append(", columnName: ").append(op.column()).append(", newDataType: '").append(op.extra())
                    .append("'}\n");
            default -> throw new IllegalStateException(op.kind());
        }
        return s.toString();
    }

    /** Query {@code i}: selects with joins, aliases and subqueries, named and positional inserts, updates, deletes. */
    static String query(int i, int tables) {
        var a = "t" + (i % tables);
        var b = "t" + ((i * 7 + 3) % tables);
        var c = "t" + ((i * 13 + 5) % tables);
        switch (i % 6) {
            case 0: return "SELECT a.id, a.c1, b.c2 FROM " + a + " a JOIN " + b + " b ON b.c3 = a.id WHERE a.c4 = ?"
                    + " AND b.c5 IN (SELECT s.c6 FROM " + c + " s WHERE s.c7 > 5) ORDER BY a.c1";
            case 1: return "SELECT count(*) AS n, c2 FROM " + a + " WHERE c3 LIKE ? AND c9 IS NOT NULL GROUP BY c2";
            case 2: return "INSERT INTO " + a + " (id, c1, c2, c3) VALUES (?, ?, ?, ?)";
            case 3: return "INSERT INTO " + a + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            case 4: return "UPDATE " + a + " SET c1 = ?, c5 = c5 + 1 WHERE id = ?";
            default: return "DELETE FROM " + a + " WHERE c2 = ? AND id NOT IN (SELECT x.id FROM " + b
                    + " x WHERE x.c8 IS NULL)";
        }
    }
}
