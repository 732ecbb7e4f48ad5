package io.github.rollbacksafety.query.archive;

import io.github.rollbacksafety.query.CodeFixtures;
import io.github.rollbacksafety.query.QueryCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

import static io.github.rollbacksafety.query.CodeFixtures.mapping;
import static io.github.rollbacksafety.query.CodeFixtures.reads;
import static org.assertj.core.api.Assertions.assertThat;

/** A release split over archives: the core jar with a mapped superclass, the app jar with the entity. */
class ArchiveQuerySourceReleaseTest {

    @TempDir
    Path dir;

    @Test
    void anEntityOfOneArchiveInheritsTheColumnsOfAMappedSuperclassInAnother() throws Exception {
        var all = CodeFixtures.fixtureEntries("");
        var core = new LinkedHashMap<String, byte[]>();
        var app = new LinkedHashMap<String, byte[]>(all);
        core.put("fixtures/code/shop/Audited.class", app.remove("fixtures/code/shop/Audited.class"));
        var coreJar = CodeFixtures.zip(dir.resolve("shop-core-1.0.0.jar"), core);
        var appJar = CodeFixtures.zip(dir.resolve("shop-app-1.0.0.jar"), app);

        var alone = collect(new ArchiveQuerySource(appJar, List.of()));
        var together = collect(new ArchiveQuerySource(List.of(appJar, coreJar), List.of()));

        assertThat(reads(mapping(alone, "fixtures.code.shop.Customer"))).noneMatch(c -> c.endsWith(".created_by"));
        assertThat(reads(mapping(together, "fixtures.code.shop.Customer"))).anyMatch(c -> c.endsWith(".created_by"));
        // the same model as when both were one jar
        assertThat(reads(mapping(together, "fixtures.code.shop.Customer")))
                .isEqualTo(reads(mapping(collect(new ArchiveQuerySource(CodeFixtures.zip(dir.resolve("one.jar"), all),
                        List.of())), "fixtures.code.shop.Customer")));
    }

    private static QueryCollector collect(ArchiveQuerySource source) {
        var collector = new QueryCollector();
        source.collect(collector);
        return collector;
    }
}
