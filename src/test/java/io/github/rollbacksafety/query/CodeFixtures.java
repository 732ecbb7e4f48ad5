package io.github.rollbacksafety.query;

import io.github.rollbacksafety.query.archive.ArchiveQuerySource;


import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Fixtures compiled by the test build, packed into archives, and views of what a collector received. */
public final class CodeFixtures {

    public static final Path TEST_CLASSES = Path.of("target", "test-classes");

    private CodeFixtures() {
    }

    public static QueryCollector collect(Path archiveOrDir, List<String> dependencies) {
        var collector = new QueryCollector();
        new ArchiveQuerySource(archiveOrDir, dependencies).collect(collector);
        return collector;
    }

    /** The fixture classes ({@code fixtures/}) and XML ({@code code/}) of the test build, by entry name. */
    public static Map<String, byte[]> fixtureEntries(String prefix) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        for (var root : List.of("fixtures", "code")) {
            try (var files = Files.walk(TEST_CLASSES.resolve(root))) {
                for (var f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (f.toString().contains("fixtures/code/dep/")) {
                        continue;
                    }
                    var name = TEST_CLASSES.relativize(f).toString().replace('\\', '/');
                    entries.put(prefix + name, Files.readAllBytes(f));
                }
            }
        }
        return entries;
    }

    /** A library jar holding only the {@code fixtures/code/dep} classes. */
    public static byte[] dependencyJar() throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        var dir = TEST_CLASSES.resolve("fixtures/code/dep");
        try (var files = Files.list(dir)) {
            for (var f : (Iterable<Path>) files::iterator) {
                entries.put("fixtures/code/dep/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        var out = new java.io.ByteArrayOutputStream();
        write(out, entries);
        return out.toByteArray();
    }

    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            write(out, entries);
        }
        return file;
    }

    private static void write(OutputStream out, Map<String, byte[]> entries) throws IOException {
        try (var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** The mapping usage of one entity class. */
    public static QueryUsage mapping(QueryCollector c, String className) {
        return c.usages().stream()
                .filter(u -> u.query().location().member().equals(className))
                .filter(u -> u.query().kind() == QuerySourceKind.JPA_MAPPING
                        || u.query().kind() == QuerySourceKind.HIBERNATE_XML)
                .findFirst().orElseThrow(() -> new AssertionError("no mapping usage for " + className));
    }

    /** {@code table.column} of every column the usage reads. */
    public static Set<String> reads(QueryUsage u) {
        return columns(u, QueryUsage.Access.READ);
    }

    /** {@code table.column} of every column the usage writes. */
    public static Set<String> writes(QueryUsage u) {
        return columns(u, QueryUsage.Access.WRITE);
    }

    private static Set<String> columns(QueryUsage u, QueryUsage.Access access) {
        var result = new TreeSet<String>();
        for (var c : u.columns()) {
            if (c.access() == access) {
                c.candidateTables().forEach(t -> result.add(t + "." + c.column()));
            }
        }
        return result;
    }

    /** Every table or view the usage references. */
    public static Set<String> tables(QueryUsage u) {
        return u.tables().stream().map(QueryUsage.TableUse::table).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Insert column lists by table. */
    public static Map<String, List<String>> inserts(QueryUsage u) {
        var result = new LinkedHashMap<String, List<String>>();
        u.inserts().forEach(i -> result.put(i.table(), i.columns()));
        return result;
    }

    /** SQL texts reported from fixture locations, by kind. */
    public static List<Query> sql(QueryCollector c, QuerySourceKind kind) {
        var result = new ArrayList<Query>();
        for (var q : c.sql()) {
            if (q.kind() == kind && !q.location().file().startsWith("io/")) {
                result.add(q);
            }
        }
        return result;
    }

    public static List<String> texts(List<Query> queries) {
        return queries.stream().map(Query::sql).toList();
    }
}
