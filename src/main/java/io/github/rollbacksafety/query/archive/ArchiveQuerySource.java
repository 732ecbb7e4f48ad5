package io.github.rollbacksafety.query.archive;

import io.github.rollbacksafety.ArchiveLayout;
import io.github.rollbacksafety.query.XmlTree;
import io.github.rollbacksafety.query.bytecode.ClassFileReader;
import io.github.rollbacksafety.query.mapping.AnnotationMappings;
import io.github.rollbacksafety.query.EntityQueries;
import io.github.rollbacksafety.query.mapping.HibernateMappingReader;
import io.github.rollbacksafety.query.mapping.JpqlTranslator;
import io.github.rollbacksafety.query.mapping.MappingUsages;
import io.github.rollbacksafety.query.mapping.NamingEvidence;
import io.github.rollbacksafety.query.mapping.OrmXmlReader;
import io.github.rollbacksafety.query.mybatis.MyBatisMapperReader;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySource;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.mapping.AnnotationMappings.AnnotatedQuery;
import io.github.rollbacksafety.query.XmlTree.Element;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The previous release's queries found in its code: a plain jar, a Spring Boot jar ({@code BOOT-INF/classes/}),
 * a WAR ({@code WEB-INF/classes/}) or a classes directory. One pass over the entries dispatches class files
 * (SQL strings, JPA annotations, query annotations), Hibernate {@code hbm.xml}, JPA {@code orm.xml} and MyBatis
 * mappers to their readers; once every class is known the entity model is built, mappings are emitted as usage
 * and JPQL is translated through the model.
 *
 * <p>Libraries inside the archive ({@code BOOT-INF/lib/}, {@code WEB-INF/lib/}) are read only when their file
 * name starts with one of the {@code queryDependencies} artifactId prefixes. Archives are read in place with
 * {@link ZipFile} (nested jars streamed), never extracted; entry names with {@code ..} are ignored and entries
 * larger than {@value #MAX_ENTRY_BYTES} bytes are skipped with a warning.
 */
public final class ArchiveQuerySource implements QuerySource {

    static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;
    private static final byte[][] XML_MARKERS = {
        "<mapper".getBytes(StandardCharsets.US_ASCII),
        "<entity-mappings".getBytes(StandardCharsets.US_ASCII),
        "<hibernate-mapping".getBytes(StandardCharsets.US_ASCII),
        "<configuration".getBytes(StandardCharsets.US_ASCII),
    };

    /** Read in one pass: entity superclasses and embeddables in one may be used by entities and JPQL of another. */
    private final List<Path> archivesOrDirs;
    private final List<String> queryDependencies;
    private java.util.Optional<String> dbms = java.util.Optional.empty();
    /** The release's naming when known from outside (configured, or from files not read here such as POMs). */
    private java.util.Optional<java.util.function.Supplier<NamingEvidence.Choice>> naming = java.util.Optional.empty();

    /**
     * @param archiveOrDir      a jar, Boot jar, WAR or classes directory
     * @param queryDependencies artifactId prefixes of libraries inside the archive whose queries count too
     */
    public ArchiveQuerySource(Path archiveOrDir, List<String> queryDependencies) {
        this(List.of(archiveOrDir), queryDependencies);
    }

    /**
     * Several archives or directories of one release read as one application (a core module's jar with the
     * entity superclasses, a service module's jar with the entities and JPQL): one entity model for all of them.
     *
     * @param archivesOrDirs    jars, Boot jars, WARs or classes directories, at least one
     * @param queryDependencies artifactId prefixes of libraries inside the archives whose queries count too
     */
    public ArchiveQuerySource(List<Path> archivesOrDirs, List<String> queryDependencies) {
        if (archivesOrDirs.isEmpty()) {
            throw new IllegalArgumentException("no archive");
        }
        this.archivesOrDirs = List.copyOf(archivesOrDirs);
        this.queryDependencies = List.copyOf(queryDependencies);
    }

    /** Reads MyBatis statements for this database (their {@code databaseId}); returns this source. */
    public ArchiveQuerySource withDbms(java.util.Optional<String> database) {
        this.dbms = database;
        return this;
    }

    /**
     * Maps names with this naming instead of the one the archives' own files suggest (Spring Boot libraries,
     * application configs, {@code persistence.xml}); returns this source.
     */
    public ArchiveQuerySource withNaming(java.util.function.Supplier<NamingEvidence.Choice> choice) {
        this.naming = java.util.Optional.of(choice);
        return this;
    }

    @Override
    public String describe() {
        var first = name(archivesOrDirs.get(0));
        return archivesOrDirs.size() == 1 ? first : first + " and " + (archivesOrDirs.size() - 1) + " more";
    }

    private static String name(Path archiveOrDir) {
        var name = archiveOrDir.getFileName();
        return name == null ? archiveOrDir.toString() : name.toString();
    }

    @Override
    public void collect(QueryCollector collector) {
        var pass = new Pass(collector);
        for (var archiveOrDir : archivesOrDirs) {
            try {
                if (Files.isDirectory(archiveOrDir)) {
                    readDirectory(archiveOrDir, pass);
                } else if (Files.exists(archiveOrDir) || archivesOrDirs.size() == 1) {
                    readArchive(archiveOrDir, pass);
                }
            } catch (IOException e) {
                collector.warning(name(archiveOrDir) + ": cannot be read: " + e.getMessage());
            }
        }
        pass.finish();
    }

    private static void readDirectory(Path archiveOrDir, Pass pass) throws IOException {
        try (var files = Files.walk(archiveOrDir)) {
            for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                var name = archiveOrDir.relativize(file).toString().replace('\\', '/');
                pass.entry(name, Files.size(file), () -> Files.newInputStream(file));
            }
        }
    }

    private static void readArchive(Path archiveOrDir, Pass pass) throws IOException {
        try (var zip = new ZipFile(archiveOrDir.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    pass.entry(entry.getName(), entry.getSize(), () -> zip.getInputStream(entry));
                }
            }
        }
    }

    /** Opens an entry's content. */
    @FunctionalInterface
    private interface Content {
        InputStream open() throws IOException;
    }

    /** The state of one pass: readers and what they found so far. */
    private final class Pass {
        private final QueryCollector collector;
        private final ClassFileReader classReader = new ClassFileReader();
        private final AnnotationMappings annotations = new AnnotationMappings();
        private final MyBatisMapperReader myBatis = new MyBatisMapperReader(dbms);
        private final List<ClassFileReader.CodeString> strings = new ArrayList<>();
        private final List<Element> hbm = new ArrayList<>();
        private final List<String> hbmFiles = new ArrayList<>();
        private final List<Element> orm = new ArrayList<>();
        private final List<String> ormFiles = new ArrayList<>();
        private final NamingEvidence naming = new NamingEvidence();

        Pass(QueryCollector collector) {
            this.collector = collector;
        }

        void entry(String rawName, long size, Content content) {
            if (rawName.contains("..") || rawName.startsWith("/")) {
                collector.warning(describe() + ": ignored entry with an unsafe name: " + rawName);
                return;
            }
            if (NamingEvidence.relevant(rawName)) {
                naming.file(rawName, () -> {
                    try (var in = content.open()) {
                        return in.readNBytes(MAX_ENTRY_BYTES);
                    }
                });
            }
            for (var lib : ArchiveLayout.LIB_ROOTS) {
                if (rawName.startsWith(lib)) {
                    if (rawName.endsWith(".jar") && isQueryDependency(rawName.substring(lib.length()))) {
                        nestedJar(rawName, content);
                    }
                    return;
                }
            }
            var name = rawName;
            for (var root : ArchiveLayout.NESTED_CLASS_ROOTS) {
                if (name.startsWith(root)) {
                    name = name.substring(root.length());
                }
            }
            read(name, size, content);
        }

        private boolean isQueryDependency(String jarName) {
            for (var prefix : queryDependencies) {
                if (!prefix.isBlank() && jarName.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        private void nestedJar(String jarName, Content content) {
            var shortName = jarName.substring(jarName.lastIndexOf('/') + 1);
            try (var in = new ZipInputStream(content.open())) {
                for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    var name = e.getName();
                    if (e.isDirectory() || name.contains("..") || name.startsWith("/")) {
                        continue;
                    }
                    if (relevant(name)) {
                        var bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
                        dispatch(shortName + "!/" + name, name, bytes);
                    }
                }
            } catch (IOException e) {
                collector.warning(describe() + ": " + jarName + ": cannot be read: " + e.getMessage());
            }
        }

        private boolean relevant(String name) {
            return (name.endsWith(".class") && !name.endsWith("module-info.class")
                    && !name.startsWith("META-INF/versions/")) || name.endsWith(".xml");
        }

        private void read(String name, long size, Content content) {
            if (!relevant(name)) {
                return;
            }
            if (size > MAX_ENTRY_BYTES) {
                collector.warning(describe() + ": " + name + ": skipped, larger than " + MAX_ENTRY_BYTES + " bytes");
                return;
            }
            try (var in = content.open()) {
                dispatch(name, name, in.readNBytes(MAX_ENTRY_BYTES + 1));
            } catch (IOException e) {
                collector.warning(describe() + ": " + name + ": cannot be read: " + e.getMessage());
            }
        }

        private void dispatch(String location, String name, byte[] bytes) {
            if (bytes.length > MAX_ENTRY_BYTES) {
                collector.warning(describe() + ": " + location + ": skipped, larger than " + MAX_ENTRY_BYTES
                        + " bytes");
                return;
            }
            if (name.endsWith(".class")) {
                try {
                    var cf = classReader.read(bytes, location);
                    strings.addAll(cf.strings());
                    annotations.add(cf);
                } catch (RuntimeException e) {
                    collector.warning(describe() + ": " + location + ": unreadable class file (" + e + ")");
                }
            } else if (name.endsWith(".xml") && hasMarker(bytes)) {
                xml(location, bytes);
            }
        }

        private void xml(String location, byte[] bytes) {
            Element root;
            try {
                root = XmlTree.parse(bytes);
            } catch (IOException e) {
                collector.warning(describe() + ": " + location + ": " + e.getMessage());
                return;
            }
            switch (root.name()) {
                case "mapper" -> myBatis.add(root, location);
                case "configuration" -> {
                    if (MyBatisMapperReader.isConfiguration(root)) {
                        myBatis.addConfiguration(root);
                    }
                }
                case "hibernate-mapping" -> {
                    hbm.add(root);
                    hbmFiles.add(location);
                }
                case "entity-mappings" -> {
                    orm.add(root);
                    ormFiles.add(location);
                }
                default -> {
                    // another XML document that happens to contain a marker
                }
            }
        }

        /** Builds the entity model from everything read and emits mappings, annotated queries and strings. */
        void finish() {
            // mappers together: fragments are included across files, properties come from the configuration
            myBatis.emit(collector);
            var model = ArchiveQuerySource.this.naming.map(java.util.function.Supplier::get)
                    .orElseGet(naming::choice).model();
            annotations.build(model);
            var hibernate = new HibernateMappingReader();
            for (int i = 0; i < hbm.size(); i++) {
                hibernate.read(hbm.get(i), hbmFiles.get(i), model);
            }
            var ormReader = new OrmXmlReader(annotations);
            model.index();
            for (int i = 0; i < orm.size(); i++) {
                ormReader.read(orm.get(i), ormFiles.get(i), model);
            }
            model.index();
            var mappings = new MappingUsages(model);
            mappings.emit(collector);
            var jpql = new JpqlTranslator(model, mappings);
            if (!model.isEmpty()) {
                collector.entityQueries(EntityQueries.of(jpql::namesEntity, jpql::translate));
            }
            for (var q : annotations.queries()) {
                query(q, QuerySourceKind.ANNOTATION_SQL, jpql);
            }
            for (var q : hibernate.queries()) {
                query(q, QuerySourceKind.HIBERNATE_XML, jpql);
            }
            for (var q : ormReader.queries()) {
                query(q, QuerySourceKind.ANNOTATION_SQL, jpql);
            }
            for (var q : annotations.unsupported()) {
                var kind = q.jpql() ? QuerySourceKind.JPQL : QuerySourceKind.ANNOTATION_SQL;
                collector.unparsed(new Query(q.text(), q.location(), kind), q.text());
            }
            for (var s : strings) {
                if (!model.isEmpty() && jpql.namesEntity(s.text())) {
                    translate(new Query(s.text(), s.location(), QuerySourceKind.JPQL), jpql);
                } else {
                    collector.sql(new Query(s.text(), s.location(), QuerySourceKind.BYTECODE_STRING));
                }
            }
        }

        private void query(AnnotatedQuery q, QuerySourceKind nativeKind, JpqlTranslator jpql) {
            if (q.jpql()) {
                translate(new Query(q.text(), q.location(), QuerySourceKind.JPQL), jpql);
                return;
            }
            var query = new Query(q.text(), q.location(), nativeKind);
            if (q.text().isBlank()) {
                collector.unparsed(query, "empty query");
            } else if (q.text().strip().startsWith("<script>")) {
                try {
                    var sql = MyBatisMapperReader.flattenScript(XmlTree.parse(
                            q.text().getBytes(StandardCharsets.UTF_8)));
                    collector.sql(new Query(sql, q.location(), nativeKind));
                } catch (IOException e) {
                    collector.unparsed(query, "<script> is not well-formed XML: " + e.getMessage());
                }
            } else {
                collector.sql(query);
            }
        }

        private void translate(Query query, JpqlTranslator jpql) {
            try {
                collector.usage(jpql.translate(query));
            } catch (UnparsableQueryException e) {
                collector.unparsed(query, e.getMessage());
            }
        }
    }

    private static boolean hasMarker(byte[] bytes) {
        // cheap pre-check: most XML files of an application (Spring, logging) are not mappings
        int limit = Math.min(bytes.length, 4096);
        for (var marker : XML_MARKERS) {
            outer:
            for (int i = 0; i + marker.length <= limit; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (bytes[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
