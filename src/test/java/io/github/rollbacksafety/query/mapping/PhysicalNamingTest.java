package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.archive.ArchiveQuerySource;
import io.github.rollbacksafety.query.javasource.JavaSourceQuerySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.github.rollbacksafety.query.CodeFixtures.TEST_CLASSES;
import static io.github.rollbacksafety.query.CodeFixtures.mapping;
import static io.github.rollbacksafety.query.CodeFixtures.reads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table and column names as the previous release's framework spells them. */
class PhysicalNamingTest {

    @TempDir
    Path dir;

    @Test
    void springBootSnakeCasesExplicitNamesTooWhilePlainHibernateKeepsThemAsWritten() {
        assertThat(PhysicalNaming.SNAKE_CASE.spellings("trackingCode")).containsExactly("tracking_code");
        assertThat(PhysicalNaming.SNAKE_CASE.spellings("customer_id")).containsExactly("customer_id");
        assertThat(PhysicalNaming.AS_WRITTEN.spellings("trackingCode")).containsExactly("trackingCode");
        assertThat(PhysicalNaming.BOTH.spellings("trackingCode")).containsExactly("trackingCode", "tracking_code");
        assertThat(PhysicalNaming.BOTH.spellings("DTYPE")).containsExactly("DTYPE");
    }

    @Test
    void theParameterNamesAStrategyOrAsksForDetection() {
        assertThat(PhysicalNaming.parse("auto")).isEmpty();
        assertThat(PhysicalNaming.parse(" ")).isEmpty();
        assertThat(PhysicalNaming.parse("snake-case")).contains(PhysicalNaming.SNAKE_CASE);
        assertThat(PhysicalNaming.parse("AS_WRITTEN")).contains(PhysicalNaming.AS_WRITTEN);
        assertThat(PhysicalNaming.parse("both")).contains(PhysicalNaming.BOTH);
        assertThatThrownBy(() -> PhysicalNaming.parse("camel")).isInstanceOf(RollbackSafetyException.class)
                .hasMessageContaining("snake-case");
    }

    @Test
    void aConfiguredStrategyWinsOverSpringBootAndSpringBootOverPersistenceXml() {
        var boot = new NamingEvidence();
        boot.file("BOOT-INF/lib/spring-boot-3.2.1.jar", () -> new byte[0]);
        boot.file("META-INF/persistence.xml", () -> "<persistence/>".getBytes(StandardCharsets.UTF_8));
        assertThat(boot.decide()).isEqualTo(PhysicalNaming.SNAKE_CASE);
        assertThat(boot.reason()).contains("spring-boot-3.2.1.jar");

        var configured = new NamingEvidence();
        configured.file("META-INF/maven/com.acme/shop/pom.xml", () -> bytes(
                "<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent></project>"));
        configured.file("config/application-prod.yml", () -> bytes("""
                spring:
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl
                """));
        assertThat(configured.decide()).isEqualTo(PhysicalNaming.AS_WRITTEN);

        var plainJpa = new NamingEvidence();
        plainJpa.file("pom.xml", () -> bytes("<project><dependency><artifactId>spring-boot-starter-test"
                + "</artifactId><scope>test</scope></dependency></project>"));
        plainJpa.file("META-INF/persistence.xml", () -> bytes("<persistence><persistence-unit name=\"u\"/>"
                + "</persistence>"));
        assertThat(plainJpa.decide()).isEqualTo(PhysicalNaming.AS_WRITTEN);

        var hibernateProperty = new NamingEvidence();
        hibernateProperty.file("META-INF/persistence.xml", () -> bytes("<persistence><persistence-unit name=\"u\">"
                + "<properties><property name=\"hibernate.physical_naming_strategy\" value=\"com.acme.Custom\"/>"
                + "</properties></persistence-unit></persistence>"));
        assertThat(hibernateProperty.decide()).isEqualTo(PhysicalNaming.BOTH); // a custom strategy: not known

        assertThat(new NamingEvidence().decide()).isEqualTo(PhysicalNaming.BOTH);
        assertThat(NamingEvidence.relevant("com/acme/Order.class")).isFalse();
    }

    @Test
    void anExplicitCamelCaseColumnIsSnakeCasedUnderSpringBootAndAsWrittenUnderPlainHibernate() throws Exception {
        var root = dir.resolve("src");
        Files.createDirectories(root.resolve("com/acme"));
        Files.writeString(root.resolve("com/acme/Shipment.java"), """
                package com.acme;
                import jakarta.persistence.*;
                @Entity
                @Table(name = "shipment")
                public class Shipment {
                    @Id private Long id;
                    @Column(name = "trackingCode") private String trackingCode;
                    private String carrierName;
                }
                """);
        var source = new JavaSourceQuerySource(root, "v1");

        var boot = reads(mapping(collect(source.withNaming(() -> NamingEvidence.Choice.configured(
                PhysicalNaming.SNAKE_CASE))), "com.acme.Shipment"));
        var plain = reads(mapping(collect(source.withNaming(() -> NamingEvidence.Choice.configured(
                PhysicalNaming.AS_WRITTEN))), "com.acme.Shipment"));
        var unknown = reads(mapping(collect(source), "com.acme.Shipment"));

        assertThat(boot).contains("shipment.tracking_code", "shipment.carrier_name").doesNotContain("shipment.trackingcode");
        assertThat(plain).contains("shipment.trackingcode", "shipment.carriername").doesNotContain("shipment.tracking_code");
        assertThat(unknown).contains("shipment.trackingcode", "shipment.tracking_code", "shipment.carriername",
                "shipment.carrier_name");
    }

    @Test
    void aReleaseArchiveSaysItsNamingThroughItsConfiguration() throws Exception {
        var classes = dir.resolve("classes");
        var shop = TEST_CLASSES.resolve("fixtures/code/shop");
        Files.createDirectories(classes.resolve("fixtures/code/shop"));
        try (var files = Files.list(shop)) {
            for (var f : files.toList()) {
                Files.copy(f, classes.resolve("fixtures/code/shop").resolve(f.getFileName()));
            }
        }
        var bootJar = classes.resolve("BOOT-INF/lib/spring-boot-3.2.1.jar");
        Files.createDirectories(bootJar.getParent());
        Files.write(bootJar, new byte[0]);

        var asBoot = placedOn(new ArchiveQuerySource(classes, List.of()));
        Files.writeString(classes.resolve("application.properties"), "spring.jpa.hibernate.naming.physical-strategy="
                + "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl\n");
        var configured = placedOn(new ArchiveQuerySource(classes, List.of()));
        var overridden = placedOn(new ArchiveQuerySource(classes, List.of())
                .withNaming(() -> NamingEvidence.Choice.configured(PhysicalNaming.SNAKE_CASE)));

        assertThat(asBoot).containsExactly("placed_on");
        assertThat(configured).containsExactly("placedon");
        assertThat(overridden).containsExactly("placed_on");
    }

    /** How the archive names PurchaseOrder's implicit column placedOn. */
    private static Set<String> placedOn(ArchiveQuerySource source) {
        var usage = mapping(collect(source), "fixtures.code.shop.PurchaseOrder");
        assertThat(usage.query().sql()).contains("(names ");
        return reads(usage).stream().map(c -> c.substring(c.indexOf('.') + 1))
                .filter(c -> c.replace("_", "").equals("placedon"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static QueryCollector collect(io.github.rollbacksafety.query.QuerySource source) {
        var collector = new QueryCollector();
        source.collect(collector);
        return collector;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
