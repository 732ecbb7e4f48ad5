package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.ApplicationConfig;
import io.github.rollbacksafety.query.XmlTree;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a previous release's files say about its {@link PhysicalNaming}, collected file by file (entries of its
 * archives, or files of its modules at a git tag), then {@link #decide decided}:
 *
 * <ol>
 *   <li>a naming strategy configured in an application config ({@code spring.jpa.hibernate.naming.physical-strategy},
 *   {@code spring.jpa.properties.hibernate.physical_naming_strategy}, Spring Boot 1's
 *   {@code spring.jpa.hibernate.naming-strategy}, Quarkus' {@code quarkus.hibernate-orm.physical-naming-strategy})
 *   or in {@code persistence.xml} ({@code hibernate.physical_naming_strategy}) wins;</li>
 *   <li>else Spring Boot in the release (a Spring Boot jar, its libraries, or {@code org.springframework.boot} in a
 *   POM) means its default, {@link PhysicalNaming#SNAKE_CASE};</li>
 *   <li>else a {@code persistence.xml} (JPA bootstrapped by the provider or the container) means names as written;</li>
 *   <li>else nothing is known: {@link PhysicalNaming#BOTH}.</li>
 * </ol>
 *
 * Not thread-safe; one per read of a release.
 */
public final class NamingEvidence {

    static final List<String> STRATEGY_KEYS = List.of(
            "spring.jpa.hibernate.naming.physical-strategy", "spring.jpa.hibernate.naming.physicalStrategy",
            "spring.jpa.hibernate.naming.physical_strategy",
            "spring.jpa.properties.hibernate.physical_naming_strategy", "hibernate.physical_naming_strategy",
            "spring.jpa.hibernate.naming-strategy", "spring.jpa.hibernate.naming_strategy",
            "quarkus.hibernate-orm.physical-naming-strategy");

    private static final Pattern APPLICATION_CONFIG = Pattern.compile(
            "(?:.*/)?(?:config/)?application(?:-[\\w.-]+)?\\.(?:properties|ya?ml)");
    private static final Pattern SPRING_BOOT_LIBRARY = Pattern.compile(
            "(?:.*/)?spring-boot(?:-autoconfigure)?-\\d[^/]*\\.jar");

    private boolean springBoot;
    private String springBootSeen = "";
    private boolean persistenceXml;
    private final TreeSet<String> strategies = new TreeSet<>();

    /** Whether the file at this path (inside an archive, or in a module) may be evidence; decides on the name. */
    public static boolean relevant(String path) {
        var p = path.toLowerCase(Locale.ROOT);
        return p.endsWith("pom.xml") || p.endsWith("meta-inf/persistence.xml") || p.endsWith(".jar")
                || p.startsWith("org/springframework/boot/") || APPLICATION_CONFIG.matcher(p).matches();
    }

    /**
     * Takes note of one file.
     *
     * @param path    its path in the archive or the repository
     * @param content its bytes; read only for POMs, application configs and {@code persistence.xml}
     */
    public void file(String path, Content content) {
        var p = path.toLowerCase(Locale.ROOT);
        if (p.startsWith("org/springframework/boot/") || SPRING_BOOT_LIBRARY.matcher(p).matches()) {
            springBoot(path);
            return;
        }
        if (p.endsWith(".jar")) {
            return;
        }
        try {
            if (p.endsWith("pom.xml")) {
                if (pomNamesSpringBoot(new String(content.read(), StandardCharsets.UTF_8))) {
                    springBoot(path);
                }
            } else if (p.endsWith("meta-inf/persistence.xml")) {
                persistenceXml(content.read());
            } else if (APPLICATION_CONFIG.matcher(p).matches()) {
                ApplicationConfig.value(p, new ByteArrayInputStream(content.read()), STRATEGY_KEYS)
                        .ifPresent(v -> strategies.add(v.strip()));
            }
        } catch (IOException e) {
            // an unreadable file is no evidence
        }
    }

    /**
     * Whether a POM makes its module a Spring Boot application with Boot's JPA configuration: Boot's parent, its
     * auto-configuration or its JPA starter. Boot's test starter or Maven plugin alone do not: an application of plain
     * Hibernate may test with them.
     */
    public static boolean pomNamesSpringBoot(String pom) {
        return SPRING_BOOT_POM.matcher(pom).find();
    }

    private static final Pattern SPRING_BOOT_POM = Pattern.compile(
            "spring-boot-(?:starter-data-jpa|starter-parent|autoconfigure)\\b");

    /** Spring Boot is known to be part of the release (e.g. from a module's POM), seen at {@code where}. */
    public void springBoot(String where) {
        if (!springBoot) {
            springBoot = true;
            springBootSeen = where;
        }
    }

    private void persistenceXml(byte[] xml) {
        persistenceXml = true;
        try {
            collectProperties(XmlTree.parse(xml));
        } catch (IOException e) {
            // a broken persistence.xml still says JPA is bootstrapped by the provider
        }
    }

    private void collectProperties(XmlTree.Element element) {
        if (element.name().equals("property") && (element.attr("name").equals("hibernate.physical_naming_strategy")
                || element.attr("name").equals("hibernate.ejb.naming_strategy"))
                && !element.attr("value").isBlank()) {
            strategies.add(element.attr("value").strip());
        }
        element.elements().forEach(this::collectProperties);
    }

    /** The naming the evidence points at. */
    public PhysicalNaming decide() {
        if (!strategies.isEmpty()) {
            var named = strategies.stream().map(PhysicalNaming::ofStrategyClass).distinct().toList();
            return named.size() == 1 ? named.get(0) : PhysicalNaming.BOTH;
        }
        if (springBoot) {
            return PhysicalNaming.SNAKE_CASE;
        }
        return persistenceXml ? PhysicalNaming.AS_WRITTEN : PhysicalNaming.BOTH;
    }

    /** Why {@link #decide} decided as it did, for reports and logs. */
    public String reason() {
        if (!strategies.isEmpty()) {
            return "configured naming strategy " + String.join(", ", strategies);
        }
        if (springBoot) {
            return "Spring Boot's default (seen in " + springBootSeen + ")";
        }
        return persistenceXml ? "persistence.xml without Spring Boot" : "naming not known";
    }

    /**
     * A naming and why it applies.
     *
     * @param naming the strategy
     * @param reason for reports, e.g. "Spring Boot's default (seen in pom.xml)" or "physicalNaming parameter"
     */
    public record Choice(PhysicalNaming naming, String reason) {

        /** The naming the user configured. */
        public static Choice configured(PhysicalNaming naming) {
            return new Choice(naming, "physicalNaming parameter");
        }

        /** A model to fill with this naming. */
        public MappingModel model() {
            return new MappingModel(naming, reason);
        }
    }

    /** {@link #decide} with {@link #reason}. */
    public Choice choice() {
        return new Choice(decide(), reason());
    }

    /** Reads a file's bytes when needed. */
    @FunctionalInterface
    public interface Content {
        byte[] read() throws IOException;
    }
}
