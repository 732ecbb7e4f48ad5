package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.FindingObject;
import io.github.rollbacksafety.rules.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiver objects against schema-qualified findings: the suggested snippet matches, another schema does not. */
class WaiverTest {

    private static Finding finding(FindingObject object) {
        var changeSet = new ChangeSetRef("3", "shop", "db/changelog/master.xml", 10, "9:x", false, false, Set.of(),
                Optional.empty(), List.of(), List.of());
        return new Finding("column-dropped", Severity.BREAKING, changeSet, object, "m", "f", List.of(),
                Optional.empty(), List.of("1.0.0"));
    }

    private static boolean waives(String object, Finding finding) {
        return new Waiver("column-dropped", Optional.empty(), Optional.of(object), "r").matches(finding);
    }

    @Test
    void theSuggestedWaiverMatchesItsFinding() {
        for (var object : List.of(FindingObject.column("app.orders", "note"), FindingObject.table("app.orders"),
                FindingObject.column("orders", "note"), FindingObject.table("orders"))) {
            var f = finding(object);
            assertThat(Waiver.xmlFor(f)).contains("<object>" + object.display() + "</object>");
            assertThat(waives(object.display(), f)).as(object.display()).isTrue();
        }
    }

    @Test
    void aSchemaInTheWaiverMustBeTheFindingsAndABareNameCoversEverySchema() {
        var archived = finding(FindingObject.column("archive.orders", "note"));
        assertThat(waives("app.orders.note", archived)).isFalse();
        assertThat(waives("app.orders", archived)).isFalse();
        assertThat(waives("archive.orders.NOTE", archived)).isTrue();
        assertThat(waives("orders.note", archived)).isTrue();
        assertThat(waives("orders", archived)).isTrue();
        assertThat(waives("orders.total", archived)).isFalse();
        assertThat(waives("ARCHIVE.ORDERS", finding(FindingObject.table("archive.orders")))).isTrue();
    }
}
