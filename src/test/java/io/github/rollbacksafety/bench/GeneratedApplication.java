package io.github.rollbacksafety.bench;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A generated multi-module application at the scale of a real one, in a git repository whose previous release is
 * the tag {@code v1.0.0} (never published to a Maven repository: the check reads it from git). The checked module
 * {@code shop-app} holds, at the tag:
 * <ul>
 *   <li>2,000 Java classes under {@code src/main/java}: 300 JPA entities (two mapped superclasses, six
 *       embeddables, {@code @AttributeOverride}, {@code @ManyToOne}, implicit and explicit column names), 100 DAOs
 *       with 500 SQL strings built from constants ({@code Tables.X}, {@code static final} column lists), text
 *       blocks and {@code StringBuilder} chains, 20 MyBatis mapper interfaces, and services, DTOs, controllers,
 *       converters and utilities whose strings are not SQL;</li>
 *   <li>20 MyBatis mapper XML files with 100 statements (result maps, {@code <sql>} fragments, {@code <if>},
 *       {@code <where>}, {@code <set>});</li>
 *   <li>900 changesets in 18 XML changelog files (the current release adds two files, 100 changesets: safe
 *       expansions and a few breaking drops, renames, NOT NULL columns and narrowed types);</li>
 *   <li>files the check has no use for: 200 test classes, static web assets, a second module {@code shop-api}
 *       with 150 classes.</li>
 * </ul>
 * The SQL every statement ends up as is known here ({@link #statements()}) so that the library work (JSqlParser
 * parsing each once) can be measured on the same input.
 */
public final class GeneratedApplication {

    public static final String MODULE = "shop-app";
    public static final String MASTER = "db/changelog/db.changelog-master.xml";
    public static final String TAG = "v1.0.0";
    public static final int ENTITIES = 300;
    public static final int DAOS = 100;
    public static final int MAPPERS = 20;
    public static final int JAVA_CLASSES = 2_000;
    private static final int CHANGELOG_FILES_PREVIOUS = 18;
    private static final int PER_FILE = 50;
    private static final String PKG = "com.example.shop";
    private static final String[] DOMAINS = {"sales", "billing", "catalog", "customer", "inventory", "shipping",
        "support", "staff", "marketing", "audit"};
    private static final String[] NOUNS = {"Order", "Line", "Invoice", "Payment", "Refund", "Quote", "Contract",
        "Ticket", "Comment", "Task", "Shipment", "Parcel", "Carrier", "Product", "Variant", "Price", "Stock",
        "Warehouse", "Supplier", "Employee", "Team", "Campaign", "Lead", "Event", "Document", "Attachment", "Label",
        "Rating", "Review", "Voucher"};
    private static final String[] EMBEDDABLES = {"Address", "Money", "Period", "ContactInfo", "GeoPoint", "Dimensions"};

    private final Path root;
    private final List<String> statements = new ArrayList<>();
    private final List<String> changeSetsPrevious = new ArrayList<>();
    private final List<String> changeSetsNew = new ArrayList<>();
    private int javaFiles;

    private GeneratedApplication(Path root) {
        this.root = root;
    }

    /** The repository root (the reactor). */
    public Path root() {
        return root;
    }

    /** The checked module's directory. */
    public Path module() {
        return root.resolve(MODULE);
    }

    /** The SQL of every statement of the tagged release (SQL strings as assembled, MyBatis with {@code ?}). */
    public List<String> statements() {
        return statements;
    }

    /** Java files written under the checked module's {@code src/main/java} at the tag. */
    public int javaFiles() {
        return javaFiles;
    }

    public int previousChangeSets() {
        return changeSetsPrevious.size();
    }

    public int currentChangeSets() {
        return changeSetsPrevious.size() + changeSetsNew.size();
    }

    /**
     * Writes the application under {@code dir} (which must not exist or be empty), commits release 1.0.0, tags
     * it {@value #TAG}, then commits the next release's work (version 1.1.0-SNAPSHOT, 100 new changesets).
     *
     * @param pluginVersion the rollback-safety plugin version the module's POM names
     */
    public static GeneratedApplication generate(Path dir, String pluginVersion) throws IOException {
        var app = new GeneratedApplication(dir);
        app.writeRelease(pluginVersion);
        try (var git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            var who = new PersonIdent("bench", "bench@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                    TimeZone.getTimeZone("UTC").toZoneId());
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release 1.0.0").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName(TAG).setAnnotated(false).call();
            app.writeNext(pluginVersion);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("next release").setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot create the git history: " + e.getMessage(), e);
        }
        return app;
    }

    // ---------------------------------------------------------------- layout

    private Path java(String module, String sourceSet) {
        return root.resolve(module).resolve("src").resolve(sourceSet).resolve("java")
                .resolve(PKG.replace('.', '/'));
    }

    private Path resources() {
        return module().resolve("src/main/resources");
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void writeMainClass(String pkg, String name, String text) throws IOException {
        write(java(MODULE, "main").resolve(pkg.replace('.', '/')).resolve(name + ".java"), text);
        javaFiles++;
    }

    private void writeRelease(String pluginVersion) throws IOException {
        write(root.resolve(".gitignore"), "target/\n");
        write(root.resolve("pom.xml"), rootPom("1.0.0"));
        write(module().resolve("pom.xml"), modulePom("1.0.0", pluginVersion));
        write(root.resolve("shop-api/pom.xml"), apiPom("1.0.0"));
        write(resources().resolve("application.properties"),
                "spring.liquibase.change-log=classpath:" + MASTER + "\nspring.application.name=shop\n");
        writeInfrastructure();
        for (int d = 0; d < EMBEDDABLES.length; d++) {
            writeMainClass("domain", EMBEDDABLES[d], embeddable(d));
        }
        for (int e = 0; e < ENTITIES; e++) {
            writeMainClass("domain." + domain(e), entityClass(e), entity(e));
        }
        writeMainClass("persistence", "Tables", tables());
        for (int k = 0; k < DAOS; k++) {
            writeMainClass("persistence." + domain(k * 3), entityClass(k * 3) + "Dao", dao(k));
        }
        for (int m = 0; m < MAPPERS; m++) {
            int e = mapperEntity(m);
            writeMainClass("mybatis." + domain(e), entityClass(e) + "Mapper",
                    "package " + PKG + ".mybatis." + domain(e) + ";\n\nimport java.util.List;\nimport java.util.Map;\n\n"
                            + "public interface " + entityClass(e) + "Mapper {\n"
                            + "    Map<String, Object> findById(long id);\n"
                            + "    List<Map<String, Object>> search(Map<String, Object> filter);\n"
                            + "    int insert(Map<String, Object> row);\n"
                            + "    int update(Map<String, Object> row);\n"
                            + "    int delete(long id);\n}\n");
            write(resources().resolve("mybatis/" + domain(e) + "/" + entityClass(e) + "Mapper.xml"), mapperXml(m));
        }
        for (int e = 0; e < ENTITIES; e++) {
            writeMainClass("service." + domain(e), entityClass(e) + "Service", service(e));
            writeMainClass("api." + domain(e), entityClass(e) + "Dto", dto(e));
            writeMainClass("web." + domain(e), entityClass(e) + "Controller", controller(e));
            writeMainClass("convert." + domain(e), entityClass(e) + "Converter", converter(e));
        }
        for (int u = 0; javaFiles < JAVA_CLASSES; u++) {
            writeMainClass("util", "Helper" + u, utility(u));
        }
        // files the check must not need: tests, another module, static assets
        for (int t = 0; t < 200; t++) {
            int e = t % ENTITIES;
            write(java(MODULE, "test").resolve("service/" + domain(e) + "/" + entityClass(e) + "Test" + t + ".java"),
                    testClass(e, t));
        }
        for (int a = 0; a < 150; a++) {
            write(java("shop-api", "main").resolve("client/Client" + a + ".java"), "package " + PKG + ".client;\n\n"
                    + "public final class Client" + a + " {\n    private static final String PATH = \"/api/v1/item/" + a
                    + "\";\n\n    public String path() {\n        return PATH;\n    }\n}\n");
        }
        for (int s = 0; s < 40; s++) {
            write(resources().resolve("static/js/module" + s + ".js"), ("function f" + s
                    + "(x) { return x * 2; } // generated asset\n").repeat(400));
        }
        writeChangelog(changeSetsPrevious, 0, CHANGELOG_FILES_PREVIOUS, this::previousChangeSet);
        write(resources().resolve(MASTER), master(CHANGELOG_FILES_PREVIOUS));
    }

    private void writeNext(String pluginVersion) throws IOException {
        write(root.resolve("pom.xml"), rootPom("1.1.0-SNAPSHOT"));
        write(module().resolve("pom.xml"), modulePom("1.1.0-SNAPSHOT", pluginVersion));
        write(root.resolve("shop-api/pom.xml"), apiPom("1.1.0-SNAPSHOT"));
        writeChangelog(changeSetsNew, CHANGELOG_FILES_PREVIOUS, 2, this::newChangeSet);
        write(resources().resolve(MASTER), master(CHANGELOG_FILES_PREVIOUS + 2));
    }

    // ---------------------------------------------------------------- names

    private static String domain(int entity) {
        return DOMAINS[entity % DOMAINS.length];
    }

    private static String noun(int entity) {
        return NOUNS[(entity / DOMAINS.length) % NOUNS.length];
    }

    static String entityClass(int entity) {
        var d = domain(entity);
        return Character.toUpperCase(d.charAt(0)) + d.substring(1) + noun(entity);
    }

    /** Two of three entities name their table; the others get Spring Boot's snake_case of the entity name. */
    static String table(int entity) {
        return domain(entity) + "_" + noun(entity).toLowerCase(Locale.ROOT);
    }

    private static String constantOf(int entity) {
        return table(entity).toUpperCase(Locale.ROOT);
    }

    private static boolean audited(int e) {
        return e % 2 == 0;
    }

    private static boolean hasAddress(int e) {
        return e % 3 == 0;
    }

    private static boolean overridesAddress(int e) {
        return e % 6 == 0;
    }

    private static boolean hasMoney(int e) {
        return e % 4 == 1;
    }

    private static boolean hasParent(int e) {
        return e % 2 == 1 && e >= DOMAINS.length;
    }

    private static int parentOf(int e) {
        return e - DOMAINS.length; // same domain
    }

    private static int mapperEntity(int m) {
        return m * 15 + 1;
    }

    /** Columns of an entity's table, as (name, type) in order. */
    private static List<String[]> columns(int e) {
        var c = new ArrayList<String[]>();
        c.add(new String[]{"id", "bigint"});
        c.add(new String[]{"version", "bigint"});
        if (audited(e)) {
            c.add(new String[]{"created_at", "timestamp"});
            c.add(new String[]{"updated_at", "timestamp"});
            c.add(new String[]{"created_by", "varchar(100)"});
        }
        c.add(new String[]{"code", "varchar(40)"});
        c.add(new String[]{"display_name", "varchar(200)"});
        c.add(new String[]{"status", "varchar(20)"});
        c.add(new String[]{"amount", "numeric(19,2)"});
        c.add(new String[]{"note_text", "varchar(2000)"});
        c.add(new String[]{"valid_from", "date"});
        c.add(new String[]{"active", "boolean"});
        if (hasAddress(e)) {
            c.add(new String[]{overridesAddress(e) ? "billing_street" : "street", "varchar(200)"});
            c.add(new String[]{"city", "varchar(100)"});
            c.add(new String[]{"zip_code", "varchar(20)"});
            c.add(new String[]{"country", "varchar(2)"});
        }
        if (hasMoney(e)) {
            c.add(new String[]{"price_amount", "numeric(19,2)"});
            c.add(new String[]{"price_currency", "varchar(3)"});
        }
        if (hasParent(e)) {
            c.add(new String[]{"parent_id", "bigint"});
        }
        c.add(new String[]{"legacy_ref", "varchar(50)"});
        return c;
    }

    // ---------------------------------------------------------------- Java sources

    private void writeInfrastructure() throws IOException {
        writeMainClass("domain", "BaseEntity", """
                package %s.domain;

                import jakarta.persistence.GeneratedValue;
                import jakarta.persistence.GenerationType;
                import jakarta.persistence.Id;
                import jakarta.persistence.MappedSuperclass;
                import jakarta.persistence.Version;

                /** Identity and optimistic locking of every entity. */
                @MappedSuperclass
                public abstract class BaseEntity {

                    @Id
                    @GeneratedValue(strategy = GenerationType.IDENTITY)
                    private Long id;

                    @Version
                    private Long version;

                    public Long getId() {
                        return id;
                    }

                    public void setId(Long id) {
                        this.id = id;
                    }

                    public Long getVersion() {
                        return version;
                    }
                }
                """.formatted(PKG));
        writeMainClass("domain", "AuditedEntity", """
                package %s.domain;

                import jakarta.persistence.Column;
                import jakarta.persistence.MappedSuperclass;
                import java.time.Instant;

                /** Who created an entity and when it last changed. */
                @MappedSuperclass
                public abstract class AuditedEntity extends BaseEntity {

                    @Column(name = "created_at", nullable = false, updatable = false)
                    private Instant createdAt;

                    @Column(name = "updated_at")
                    private Instant updatedAt;

                    private String createdBy;

                    public Instant getCreatedAt() {
                        return createdAt;
                    }

                    public void touch(String user) {
                        if (createdAt == null) {
                            createdAt = Instant.now();
                            createdBy = user;
                        }
                        updatedAt = Instant.now();
                    }
                }
                """.formatted(PKG));
        writeMainClass("domain", "Status", "package " + PKG + ".domain;\n\npublic enum Status {\n"
                + "    DRAFT, ACTIVE, SUSPENDED, CLOSED\n}\n");
        writeMainClass("persistence", "Jdbc", """
                package %s.persistence;

                import java.util.List;
                import java.util.Map;

                /** The application's thin JDBC facade. */
                public interface Jdbc {
                    List<Map<String, Object>> query(String sql, Object... args);

                    int update(String sql, Object... args);
                }
                """.formatted(PKG));
        writeMainClass("web", "Route", """
                package %s.web;

                import java.lang.annotation.Retention;
                import java.lang.annotation.RetentionPolicy;

                @Retention(RetentionPolicy.RUNTIME)
                public @interface Route {
                    String value();

                    String method() default "GET";
                }
                """.formatted(PKG));
    }

    private String embeddable(int d) {
        var name = EMBEDDABLES[d];
        var fields = switch (name) {
            case "Address" -> List.of("String street", "String city", "String zipCode", "String country");
            case "Money" -> List.of("java.math.BigDecimal amount", "String currency");
            case "Period" -> List.of("java.time.LocalDate startsOn", "java.time.LocalDate endsOn");
            case "ContactInfo" -> List.of("String email", "String phone");
            case "GeoPoint" -> List.of("double latitude", "double longitude");
            default -> List.of("int width", "int height", "int depth");
        };
        var s = new StringBuilder("package " + PKG + ".domain;\n\nimport jakarta.persistence.Embeddable;\n\n"
                + "@Embeddable\npublic class " + name + " {\n");
        for (var f : fields) {
            s.append("\n    private ").append(f).append(";\n");
        }
        for (var f : fields) {
            var type = f.substring(0, f.lastIndexOf(' '));
            var field = f.substring(f.lastIndexOf(' ') + 1);
            var cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            s.append("\n    public ").append(type).append(" get").append(cap).append("() {\n        return ")
                    .append(field).append(";\n    }\n\n    public void set").append(cap).append('(').append(type)
                    .append(' ').append(field).append(") {\n        this.").append(field).append(" = ").append(field)
                    .append(";\n    }\n");
        }
        return s.append("}\n").toString();
    }

    private String entity(int e) {
        var cls = entityClass(e);
        var s = new StringBuilder("package " + PKG + ".domain." + domain(e) + ";\n\n");
        s.append("import ").append(PKG).append(".domain.").append(audited(e) ? "AuditedEntity" : "BaseEntity")
                .append(";\n");
        if (hasAddress(e)) {
            s.append("import ").append(PKG).append(".domain.Address;\n");
        }
        if (hasMoney(e)) {
            s.append("import ").append(PKG).append(".domain.Money;\n");
        }
        s.append("import ").append(PKG).append(".domain.Status;\n");
        s.append("import ").append(PKG).append(".persistence.Tables;\n");
        s.append("import jakarta.persistence.*;\nimport java.math.BigDecimal;\nimport java.time.LocalDate;\n\n");
        s.append("/** ").append(noun(e)).append(" of the ").append(domain(e)).append(" domain. */\n@Entity\n");
        if (e % 3 != 2) {
            s.append(e % 3 == 0 ? "@Table(name = Tables." + constantOf(e) + ")\n"
                    : "@Table(name = \"" + table(e) + "\")\n");
        }
        s.append("public class ").append(cls).append(" extends ").append(audited(e) ? "AuditedEntity" : "BaseEntity")
                .append(" {\n\n");
        s.append("    @Column(name = \"code\", nullable = false, length = 40)\n    private String code;\n\n");
        s.append("    private String displayName;\n\n");
        s.append("    @Enumerated(EnumType.STRING)\n    private Status status;\n\n");
        s.append("    private BigDecimal amount;\n\n");
        s.append("    @Column(name = \"note_text\", length = 2000)\n    private String note;\n\n");
        s.append("    private LocalDate validFrom;\n\n    private boolean active;\n\n");
        if (hasAddress(e)) {
            if (overridesAddress(e)) {
                s.append("    @Embedded\n    @AttributeOverride(name = \"street\", column = @Column(name = "
                        + "\"billing_street\"))\n    private Address address;\n\n");
            } else {
                s.append("    @Embedded\n    private Address address;\n\n");
            }
        }
        if (hasMoney(e)) {
            s.append("    @Embedded\n    @AttributeOverrides({\n"
                    + "        @AttributeOverride(name = \"amount\", column = @Column(name = \"price_amount\")),\n"
                    + "        @AttributeOverride(name = \"currency\", column = @Column(name = \"price_currency\"))\n"
                    + "    })\n    private Money price;\n\n");
        }
        if (hasParent(e)) {
            s.append("    @ManyToOne(fetch = FetchType.LAZY)\n    @JoinColumn(name = \"parent_id\")\n    private ")
                    .append(entityClass(parentOf(e))).append(" parent;\n\n");
        }
        s.append("    @Transient\n    private String cachedLabel;\n\n");
        var props = new ArrayList<String[]>(List.of(new String[]{"String", "code"},
                new String[]{"String", "displayName"}, new String[]{"Status", "status"},
                new String[]{"BigDecimal", "amount"}, new String[]{"String", "note"},
                new String[]{"LocalDate", "validFrom"}));
        if (hasAddress(e)) {
            props.add(new String[]{"Address", "address"});
        }
        if (hasMoney(e)) {
            props.add(new String[]{"Money", "price"});
        }
        if (hasParent(e)) {
            props.add(new String[]{entityClass(parentOf(e)), "parent"});
        }
        for (var p : props) {
            var cap = Character.toUpperCase(p[1].charAt(0)) + p[1].substring(1);
            s.append("    public ").append(p[0]).append(" get").append(cap).append("() {\n        return ")
                    .append(p[1]).append(";\n    }\n\n");
            s.append("    public void set").append(cap).append('(').append(p[0]).append(' ').append(p[1])
                    .append(") {\n        this.").append(p[1]).append(" = ").append(p[1]).append(";\n")
                    .append("        this.cachedLabel = null;\n    }\n\n");
        }
        s.append("    public boolean isActive() {\n        return active;\n    }\n\n");
        s.append("    public String label() {\n        if (cachedLabel == null) {\n")
                .append("            cachedLabel = code + \" (\" + displayName + \")\";\n        }\n")
                .append("        return cachedLabel;\n    }\n}\n");
        return s.toString();
    }

    private String tables() {
        var s = new StringBuilder("package " + PKG + ".persistence;\n\n/** Table names, shared by entities and DAOs. */\n"
                + "public final class Tables {\n\n");
        for (int e = 0; e < ENTITIES; e++) {
            s.append("    public static final String ").append(constantOf(e)).append(" = \"").append(table(e))
                    .append("\";\n");
        }
        return s.append("\n    private Tables() {\n    }\n}\n").toString();
    }

    /** DAO {@code k}: five SQL strings on the table of entity {@code 3k}, each built a different way. */
    private String dao(int k) {
        int e = k * 3;
        var t = table(e);
        var cls = entityClass(e) + "Dao";
        var cols = "id, code, display_name, status, amount";
        statements.add("SELECT " + cols + " FROM " + t + " WHERE id = ?");
        statements.add("SELECT o.id, o.code, o.status FROM " + t + " o WHERE o.status = ? AND o.active = ?"
                + " ORDER BY o.code");
        statements.add("UPDATE " + t + " SET status = ?, amount = ? WHERE id = ? AND version = ?");
        statements.add("INSERT INTO " + t + " (id, version, code, display_name, status, active) VALUES (?, ?, ?, ?, ?, ?)");
        statements.add("DELETE FROM " + t + " WHERE valid_from < ? AND status = 'CLOSED'");
        return """
                package %1$s.persistence.%2$s;

                import %1$s.persistence.Jdbc;
                import %1$s.persistence.Tables;
                import java.time.LocalDate;
                import java.util.List;
                import java.util.Map;

                /** Hand-written SQL for %3$s. */
                public class %4$s {

                    private static final String COLUMNS = "%5$s";
                    private static final String BY_ID = "SELECT " + COLUMNS + " FROM " + Tables.%6$s + " WHERE id = ?";

                    private final Jdbc jdbc;

                    public %4$s(Jdbc jdbc) {
                        this.jdbc = jdbc;
                    }

                    public Map<String, Object> findById(long id) {
                        var rows = jdbc.query(BY_ID, id);
                        return rows.isEmpty() ? null : rows.get(0);
                    }

                    public List<Map<String, Object>> findByStatus(String status, boolean activeOnly) {
                        var sql = new StringBuilder("SELECT o.id, o.code, o.status FROM ").append(Tables.%6$s)
                                .append(" o WHERE o.status = ?");
                        sql.append(" AND o.active = ?");
                        sql.append(" ORDER BY o.code");
                        return jdbc.query(sql.toString(), status, activeOnly);
                    }

                    public int changeStatus(long id, long version, String status, java.math.BigDecimal amount) {
                        return jdbc.update(\"""
                                UPDATE %7$s
                                   SET status = ?, amount = ?
                                 WHERE id = ? AND version = ?
                                \""", status, amount, id, version);
                    }

                    public int insert(long id, String code, String name, String status) {
                        return jdbc.update("INSERT INTO " + Tables.%6$s
                                + " (id, version, code, display_name, status, active) VALUES (?, ?, ?, ?, ?, ?)",
                                id, 0L, code, name, status, true);
                    }

                    public int purge(LocalDate before) {
                        StringBuilder sb = new StringBuilder();
                        sb.append("DELETE FROM ").append(Tables.%6$s);
                        sb.append(" WHERE valid_from < ? AND status = 'CLOSED'");
                        if (before == null) {
                            throw new IllegalArgumentException("purge needs a date");
                        }
                        return jdbc.update(sb.toString(), before);
                    }
                }
                """.formatted(PKG, domain(e), entityClass(e), cls, cols, constantOf(e), t);
    }

    private String mapperXml(int m) {
        int e = mapperEntity(m);
        var t = table(e);
        var ns = PKG + ".mybatis." + domain(e) + "." + entityClass(e) + "Mapper";
        statements.add("SELECT id, code, display_name, status FROM " + t + " WHERE id = ?");
        statements.add("SELECT id, code, display_name, status FROM " + t + " WHERE status = ? AND code LIKE ?"
                + " ORDER BY code");
        statements.add("INSERT INTO " + t + " (id, version, code, display_name, status, active) VALUES (?, 0, ?, ?, ?, true)");
        statements.add("UPDATE " + t + " SET display_name = ?, status = ? WHERE id = ?");
        statements.add("DELETE FROM " + t + " WHERE id = ?");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="%1$s">
                  <resultMap id="row" type="map">
                    <id property="id" column="id"/>
                    <result property="code" column="code"/>
                    <result property="displayName" column="display_name"/>
                    <result property="status" column="status"/>
                  </resultMap>
                  <sql id="columns">id, code, display_name, status</sql>
                  <select id="findById" resultMap="row">
                    SELECT <include refid="columns"/> FROM %2$s WHERE id = #{id}
                  </select>
                  <select id="search" resultMap="row">
                    SELECT <include refid="columns"/> FROM %2$s
                    <where>
                      <if test="status != null">AND status = #{status}</if>
                      <if test="code != null">AND code LIKE #{code}</if>
                    </where>
                    ORDER BY code
                  </select>
                  <insert id="insert">
                    INSERT INTO %2$s (id, version, code, display_name, status, active)
                    VALUES (#{id}, 0, #{code}, #{displayName}, #{status}, true)
                  </insert>
                  <update id="update">
                    UPDATE %2$s
                    <set>
                      <if test="displayName != null">display_name = #{displayName},</if>
                      <if test="status != null">status = #{status},</if>
                    </set>
                    WHERE id = #{id}
                  </update>
                  <delete id="delete">DELETE FROM %2$s WHERE id = #{id}</delete>
                </mapper>
                """.formatted(ns, t);
    }

    private String service(int e) {
        var cls = entityClass(e);
        return """
                package %1$s.service.%2$s;

                import %1$s.domain.%2$s.%3$s;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.Objects;
                import java.util.logging.Logger;

                /** Business rules around %3$s. */
                public class %3$sService {

                    private static final Logger LOG = Logger.getLogger(%3$sService.class.getName());
                    private static final String NOT_FOUND = "%3$s not found: ";
                    private final List<%3$s> store = new ArrayList<>();

                    public %3$s create(String code, String name) {
                        Objects.requireNonNull(code, "code is required");
                        var item = new %3$s();
                        item.setCode(code);
                        item.setDisplayName(name);
                        store.add(item);
                        LOG.info("Created " + item.label() + " from select box");
                        return item;
                    }

                    public %3$s find(String code) {
                        for (var item : store) {
                            if (item.getCode().equals(code)) {
                                return item;
                            }
                        }
                        throw new IllegalStateException(NOT_FOUND + code);
                    }

                    public int count(boolean activeOnly) {
                        int n = 0;
                        for (var item : store) {
                            if (!activeOnly || item.isActive()) {
                                n++;
                            }
                        }
                        return n;
                    }

                    public String describe(%3$s item) {
                        var sb = new StringBuilder("Update the ");
                        sb.append(item.getDisplayName()).append(" where it is ").append(item.getStatus());
                        return sb.toString();
                    }
                }
                """.formatted(PKG, domain(e), cls);
    }

    private String dto(int e) {
        var cls = entityClass(e);
        return """
                package %1$s.api.%2$s;

                import %1$s.domain.Status;
                import %1$s.domain.%2$s.%3$s;
                import java.math.BigDecimal;

                /** What the API shows of a %3$s. */
                public record %3$sDto(Long id, String code, String displayName, Status status, BigDecimal amount,
                                      String note, boolean active) {

                    public static %3$sDto from(%3$s e) {
                        return new %3$sDto(e.getId(), e.getCode(), e.getDisplayName(), e.getStatus(), e.getAmount(),
                                e.getNote(), e.isActive());
                    }

                    public String title() {
                        return code + " - " + displayName;
                    }
                }
                """.formatted(PKG, domain(e), cls);
    }

    private String controller(int e) {
        var cls = entityClass(e);
        var path = "/api/" + domain(e) + "/" + noun(e).toLowerCase(Locale.ROOT) + "s";
        return """
                package %1$s.web.%2$s;

                import %1$s.api.%2$s.%3$sDto;
                import %1$s.service.%2$s.%3$sService;
                import %1$s.web.Route;

                /** HTTP endpoints of %3$s. */
                public class %3$sController {

                    private final %3$sService service;

                    public %3$sController(%3$sService service) {
                        this.service = service;
                    }

                    @Route("%4$s/{code}")
                    public %3$sDto get(String code) {
                        return %3$sDto.from(service.find(code));
                    }

                    @Route(value = "%4$s", method = "POST")
                    public %3$sDto create(String code, String name) {
                        if (code == null || code.isBlank()) {
                            throw new IllegalArgumentException("Select a code for the new item");
                        }
                        return %3$sDto.from(service.create(code, name));
                    }

                    @Route("%4$s/count")
                    public int count(boolean active) {
                        return service.count(active);
                    }
                }
                """.formatted(PKG, domain(e), cls, path);
    }

    private String converter(int e) {
        var cls = entityClass(e);
        return """
                package %1$s.convert.%2$s;

                import %1$s.domain.Status;
                import %1$s.domain.%2$s.%3$s;
                import java.util.Locale;
                import java.util.Map;

                /** Converts %3$s to and from flat maps (CSV import, messaging). */
                public final class %3$sConverter {

                    private static final String CODE = "code";
                    private static final String NAME = "displayName";

                    private %3$sConverter() {
                    }

                    public static Map<String, Object> toMap(%3$s e) {
                        return Map.of(CODE, e.getCode(), NAME, e.getDisplayName() == null ? "" : e.getDisplayName(),
                                "status", String.valueOf(e.getStatus()));
                    }

                    public static %3$s fromMap(Map<String, Object> m) {
                        var e = new %3$s();
                        e.setCode((String) m.get(CODE));
                        e.setDisplayName((String) m.get(NAME));
                        var status = (String) m.get("status");
                        e.setStatus(status == null ? Status.DRAFT : Status.valueOf(status.toUpperCase(Locale.ROOT)));
                        return e;
                    }
                }
                """.formatted(PKG, domain(e), cls);
    }

    private String utility(int u) {
        return """
                package %1$s.util;

                import java.time.LocalDate;
                import java.time.format.DateTimeFormatter;
                import java.util.ArrayList;
                import java.util.List;

                /** Small helpers, group %2$d. */
                public final class Helper%2$d {

                    public static final String DATE_PATTERN = "yyyy-MM-dd";
                    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(DATE_PATTERN);

                    private Helper%2$d() {
                    }

                    public static String format(LocalDate date) {
                        return date == null ? "" : FORMAT.format(date);
                    }

                    public static List<String> split(String text, char separator) {
                        var parts = new ArrayList<String>();
                        int start = 0;
                        for (int i = 0; i < text.length(); i++) {
                            if (text.charAt(i) == separator) {
                                parts.add(text.substring(start, i).trim());
                                start = i + 1;
                            }
                        }
                        parts.add(text.substring(start).trim());
                        return parts;
                    }

                    public static int checksum(String text) {
                        int sum = %2$d;
                        for (char c : text.toCharArray()) {
                            sum = 31 * sum + c;
                        }
                        return sum;
                    }

                    public static String message(String what, int count) {
                        return "Deleted " + count + " " + what + (count == 1 ? "" : "s") + " from the list";
                    }
                }
                """.formatted(PKG, u);
    }

    private String testClass(int e, int t) {
        return """
                package %1$s.service.%2$s;

                class %3$sTest%4$d {

                    void createsAnItem() {
                        var service = new %3$sService();
                        var item = service.create("C-%4$d", "SELECT name FROM test_only_table");
                        if (!item.getCode().equals("C-%4$d")) {
                            throw new AssertionError("SELECT * FROM never_a_table WHERE id = 1");
                        }
                    }
                }
                """.formatted(PKG, domain(e), entityClass(e), t);
    }

    // ---------------------------------------------------------------- changelogs

    private interface ChangeSetText {
        String of(int index);
    }

    private void writeChangelog(List<String> into, int firstFile, int files, ChangeSetText text) throws IOException {
        for (int f = firstFile; f < firstFile + files; f++) {
            var body = new StringBuilder(XML_HEAD);
            for (int i = 0; i < PER_FILE; i++) {
                var cs = text.of((f - firstFile) * PER_FILE + i);
                into.add(cs);
                body.append(cs);
            }
            write(resources().resolve(partName(f)), body.append("</databaseChangeLog>\n").toString());
        }
    }

    private static String partName(int f) {
        return String.format(Locale.ROOT, "db/changelog/changes/%03d-%s.xml", f + 1, f < CHANGELOG_FILES_PREVIOUS
                ? "release-1.0" : "release-1.1");
    }

    private static String master(int files) {
        var s = new StringBuilder(XML_HEAD);
        for (int f = 0; f < files; f++) {
            s.append("  <include file=\"").append(partName(f)).append("\"/>\n");
        }
        return s.append("</databaseChangeLog>\n").toString();
    }

    /**
     * Changeset {@code i} of release 1.0.0: 300 tables, an index on each code, foreign keys of the parent
     * relations, and a column added later to each of 150 tables (900 in all).
     */
    private String previousChangeSet(int i) {
        var s = new StringBuilder("  <changeSet id=\"1.0-" + i + "\" author=\"shop\">\n");
        if (i < ENTITIES) {
            s.append("    <createTable tableName=\"").append(table(i)).append("\">\n");
            for (var c : columns(i)) {
                if (c[0].equals("amount") && i % 2 == 0 || c[0].equals("legacy_ref") && i < 150) {
                    continue; // added by a later changeset
                }
                s.append("      <column name=\"").append(c[0]).append("\" type=\"").append(c[1]).append('"');
                if (c[0].equals("id")) {
                    s.append("><constraints primaryKey=\"true\"/></column>\n");
                } else if (c[0].equals("code")) {
                    s.append("><constraints nullable=\"false\"/></column>\n");
                } else {
                    s.append("/>\n");
                }
            }
            s.append("    </createTable>\n");
        } else if (i < 2 * ENTITIES) {
            int e = i - ENTITIES;
            s.append("    <createIndex tableName=\"").append(table(e)).append("\" indexName=\"ix_").append(table(e))
                    .append("_code\" unique=\"true\"><column name=\"code\"/></createIndex>\n");
        } else if (i < 2 * ENTITIES + 150) {
            int e = (i - 2 * ENTITIES) * 2;
            if (e % 2 == 0) {
                s.append("    <addColumn tableName=\"").append(table(e))
                        .append("\"><column name=\"amount\" type=\"numeric(19,2)\"/></addColumn>\n");
            }
        } else {
            int e = i - 2 * ENTITIES - 150; // 0..149
            s.append("    <addColumn tableName=\"").append(table(e))
                    .append("\"><column name=\"legacy_ref\" type=\"varchar(50)\"/></addColumn>\n");
        }
        return s.append("  </changeSet>\n").toString();
    }

    /**
     * Changeset {@code i} of release 1.1.0 (100): 60 safe expansions (nullable columns, new tables, indexes), 20
     * drops of a column no code uses, and 20 changes that break release 1.0.0: a mapped column dropped, a column
     * the DAOs select renamed, a NOT NULL column without default on a table the entities insert into, a narrowed
     * type.
     */
    private String newChangeSet(int i) {
        var s = new StringBuilder("  <changeSet id=\"1.1-" + i + "\" author=\"shop\">\n");
        int e = (i * 7) % ENTITIES;
        if (i < 30) {
            s.append("    <addColumn tableName=\"").append(table(e)).append("\"><column name=\"ext_").append(i)
                    .append("\" type=\"varchar(100)\"/></addColumn>\n");
        } else if (i < 50) {
            s.append("    <createTable tableName=\"report_").append(i).append("\">\n")
                    .append("      <column name=\"id\" type=\"bigint\"><constraints primaryKey=\"true\"/></column>\n")
                    .append("      <column name=\"payload\" type=\"varchar(4000)\"/>\n    </createTable>\n");
        } else if (i < 60) {
            s.append("    <createIndex tableName=\"").append(table(e)).append("\" indexName=\"ix_status_").append(i)
                    .append("\"><column name=\"status\"/></createIndex>\n");
        } else if (i < 80) {
            s.append("    <dropColumn tableName=\"").append(table(i - 60 + 200))
                    .append("\" columnName=\"legacy_ref\"/>\n");
        } else if (i < 85) {
            s.append("    <dropColumn tableName=\"").append(table(e)).append("\" columnName=\"note_text\"/>\n");
        } else if (i < 90) {
            int dao = (i - 85) * 3 * 7; // an entity with a DAO (multiple of 3)
            s.append("    <renameColumn tableName=\"").append(table(dao))
                    .append("\" oldColumnName=\"display_name\" newColumnName=\"title\" columnDataType=\"varchar(200)\"/>\n");
        } else if (i < 95) {
            s.append("    <addColumn tableName=\"").append(table(e)).append("\"><column name=\"tenant_id\" type=\"bigint\">"
                    + "<constraints nullable=\"false\"/></column></addColumn>\n");
        } else {
            s.append("    <modifyDataType tableName=\"").append(table(e))
                    .append("\" columnName=\"code\" newDataType=\"varchar(20)\"/>\n");
        }
        return s.append("  </changeSet>\n").toString();
    }

    private static final String XML_HEAD = SyntheticProject.XML_HEAD;


    // ---------------------------------------------------------------- POMs

    private static String rootPom(String version) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.shop</groupId>
                  <artifactId>shop-parent</artifactId>
                  <version>%s</version>
                  <packaging>pom</packaging>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <modules>
                    <module>shop-api</module>
                    <module>shop-app</module>
                  </modules>
                </project>
                """.formatted(version);
    }

    private static String apiPom(String version) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>com.example.shop</groupId>
                    <artifactId>shop-parent</artifactId>
                    <version>%s</version>
                  </parent>
                  <artifactId>shop-api</artifactId>
                </project>
                """.formatted(version);
    }

    private static String modulePom(String version, String pluginVersion) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>com.example.shop</groupId>
                    <artifactId>shop-parent</artifactId>
                    <version>%1$s</version>
                  </parent>
                  <artifactId>shop-app</artifactId>
                  <dependencies>
                    <dependency>
                      <groupId>jakarta.persistence</groupId>
                      <artifactId>jakarta.persistence-api</artifactId>
                      <version>3.1.0</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.rollbacksafety</groupId>
                        <artifactId>rollback-safety-maven-plugin</artifactId>
                        <version>%2$s</version>
                        <executions>
                          <execution>
                            <goals><goal>check</goal></goals>
                          </execution>
                        </executions>
                        <configuration>
                          <failOn>NONE</failOn>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version, pluginVersion);
    }
}
