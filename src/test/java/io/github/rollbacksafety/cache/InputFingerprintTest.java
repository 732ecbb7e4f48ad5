package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.engine.CheckRequest;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.engine.Waiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InputFingerprintTest {

    @TempDir
    Path root;

    @BeforeEach
    void changelog() throws IOException {
        Files.writeString(root.resolve("master.xml"), "<databaseChangeLog/>");
    }

    private String fingerprint(ChangelogOptions options, List<Waiver> waivers) {
        var request = new CheckRequest(ChangelogSource.of(root, "master.xml", "1.1"), List.of(), options, waivers,
                FailOn.BREAKING);
        return InputFingerprint.of(request).hex();
    }

    private static Waiver waiver(String reason) {
        return new Waiver("column-dropped", Optional.of("shop:5"), Optional.of("orders.note"), reason);
    }

    @Test
    void anEditedWaiverReasonChangesTheFingerprint() {
        // the reason is printed in every report: replaying the old one would show a stale justification
        assertThat(fingerprint(ChangelogOptions.DEFAULT, List.of(waiver("unused since 2.0"))))
                .isNotEqualTo(fingerprint(ChangelogOptions.DEFAULT, List.of(waiver("checked with the DBA"))));
    }

    @Test
    void everyWaiverFieldCounts() {
        var base = fingerprint(ChangelogOptions.DEFAULT, List.of(waiver("r")));
        assertThat(fingerprint(ChangelogOptions.DEFAULT,
                List.of(new Waiver("column-dropped", Optional.of("shop:6"), Optional.of("orders.note"), "r"))))
                .isNotEqualTo(base);
        assertThat(fingerprint(ChangelogOptions.DEFAULT,
                List.of(new Waiver("column-dropped", Optional.of("shop:5"), Optional.empty(), "r"))))
                .isNotEqualTo(base);
        assertThat(fingerprint(ChangelogOptions.DEFAULT,
                List.of(new Waiver("column-renamed", Optional.of("shop:5"), Optional.of("orders.note"), "r"))))
                .isNotEqualTo(base);
    }

    @Test
    void changeLogParametersGiveOneFingerprintWhateverTheirOrder() {
        var keys = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            keys.add("param" + i);
        }
        var random = new Random(42);
        var seen = new HashSet<String>();
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(keys, random);
            var parameters = new LinkedHashMap<String, String>();
            keys.forEach(k -> parameters.put(k, "value of " + k));
            seen.add(fingerprint(new ChangelogOptions(parameters, Optional.empty(), Optional.empty(), Optional.empty()),
                    List.of()));
        }
        assertThat(seen).hasSize(1);
    }

    @Test
    void aChangedParameterValueContextOrDbmsChangesTheFingerprint() {
        var base = fingerprint(new ChangelogOptions(Map.of("a", "1"), Optional.of("prod"), Optional.empty(),
                Optional.of("postgresql")), List.of());
        assertThat(fingerprint(new ChangelogOptions(Map.of("a", "2"), Optional.of("prod"), Optional.empty(),
                Optional.of("postgresql")), List.of())).isNotEqualTo(base);
        assertThat(fingerprint(new ChangelogOptions(Map.of("a", "1"), Optional.of("test"), Optional.empty(),
                Optional.of("postgresql")), List.of())).isNotEqualTo(base);
        assertThat(fingerprint(new ChangelogOptions(Map.of("a", "1"), Optional.of("prod"), Optional.of("prod"),
                Optional.of("postgresql")), List.of())).isNotEqualTo(base);
        assertThat(fingerprint(new ChangelogOptions(Map.of("a", "1"), Optional.of("prod"), Optional.empty(),
                Optional.of("h2")), List.of())).isNotEqualTo(base);
    }

    @Test
    void fingerprintCoversEveryOptionAndWaiverField() {
        // InputFingerprint.of names each field: a new one must be added there (then update these counts)
        assertThat(ChangelogOptions.class.getRecordComponents()).hasSize(4);
        assertThat(Waiver.class.getRecordComponents()).hasSize(4);
    }
}
