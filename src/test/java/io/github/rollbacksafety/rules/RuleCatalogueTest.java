package io.github.rollbacksafety.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCatalogueTest {

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));

    @Test
    void listsEveryRuleOfTheDesignInItsOrder() {
        assertThat(RuleCatalogue.all()).extracting(Rule::id).containsExactly(
                "table-dropped", "table-renamed", "view-dropped", "column-dropped", "column-renamed",
                "sequence-dropped", "not-null-column-added", "not-null-constraint-added", "default-dropped",
                "column-type-changed", "positional-insert-broken", "upsert-key-dropped", "compatibility-view-not-writable",
                "released-changeset-modified",
                "forward-insert-broken", "migration-fails", "query-fails-on-new-schema",
                "unique-constraint-added", "foreign-key-added", "check-constraint-added", "not-null-dropped",
                "star-select-column-dropped", "released-changeset-removed", "unanalyzable-change",
                "data-change-in-deploy", "needs-new-schema");
    }

    @Test
    void breakingRulesComeBeforeRiskyOnes() {
        var severities = RuleCatalogue.all().stream().map(Rule::severity).toList();
        var breaking = (int) severities.stream().filter(s -> s == Severity.BREAKING).count();
        assertThat(severities.subList(0, breaking)).containsOnly(Severity.BREAKING);
        assertThat(severities.subList(breaking, severities.size())).containsOnly(Severity.RISKY);
    }

    @Test
    void everyRuleHasItsOwnPageWithTheAgreedSections() throws IOException {
        for (var rule : RuleCatalogue.all()) {
            var page = BASE_DIR.resolve("docs/rules/" + rule.id() + ".md");
            assertThat(page).as("page of " + rule.id()).exists();
            var text = Files.readString(page);
            assertThat(text).as(page.toString()).contains("# " + rule.id())
                    .contains("## What breaks", "## Example", "## Safe alternative", "## How to waive")
                    .contains("<rule>" + rule.id() + "</rule>");
        }
    }

    @Test
    void theIndexListsEveryRuleWithSeverityAndLink() throws IOException {
        var index = Files.readString(BASE_DIR.resolve("docs/rules.md"));
        for (var rule : RuleCatalogue.all()) {
            assertThat(index).as(rule.id()).contains("[`" + rule.id() + "`](rules/" + rule.id() + ".md)")
                    .containsPattern("`" + rule.id() + "`\\]\\(rules/" + rule.id() + "\\.md\\) \\| " + rule.severity());
        }
    }

    @Test
    void idsSummariesAndLookupAreConsistent() {
        var ids = RuleCatalogue.all().stream().map(Rule::id).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        assertThat(RuleCatalogue.all()).allSatisfy(r -> assertThat(r.summary()).isNotBlank());
        assertThat(RuleCatalogue.byId("column-dropped")).containsInstanceOf(ColumnDroppedRule.class);
        assertThat(RuleCatalogue.byId("no-such-rule")).isEmpty();
        assertThat(List.copyOf(ids)).hasSize(26);
    }
}
