package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.SchemaOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.rollbacksafety.changelog.ChangelogFixtures.dir;
import static io.github.rollbacksafety.changelog.ChangelogFixtures.jar;
import static org.assertj.core.api.Assertions.assertThat;

class ChangelogReaderTest {

    private static final String MASTER = "db/changelog/db.changelog-master.xml";

    private final ChangelogReader reader = new ChangelogReader();

    private Changelog read(Path root, String master) {
        return reader.read(ChangelogSource.of(root, master, "test"), ChangelogOptions.DEFAULT);
    }

    private Changelog read(Path root, String master, ChangelogOptions options) {
        return reader.read(ChangelogSource.of(root, master, "test"), options);
    }

    private static List<String> ids(Changelog changelog) {
        return changelog.changeSets().stream().map(ChangeSetRef::id).toList();
    }

    private static ChangeSetRef changeSet(Changelog changelog, String id) {
        return changelog.changeSets().stream().filter(cs -> cs.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void xmlYamlAndJsonGiveTheSameChangeSetsAndOps() {
        var xml = read(dir("formats/xml"), "db/changelog/master.xml");
        var yaml = read(dir("formats/yaml"), "db/changelog/master.yaml");
        var json = read(dir("formats/json"), "db/changelog/master.json");

        assertThat(ids(xml)).containsExactly("1", "2", "3");
        for (var other : List.of(yaml, json)) {
            assertThat(other.changeSets()).extracting(ChangeSetRef::displayId)
                    .containsExactlyElementsOf(xml.changeSets().stream().map(ChangeSetRef::displayId).toList());
            assertThat(other.changeSets()).extracting(ChangeSetRef::ops)
                    .containsExactlyElementsOf(xml.changeSets().stream().map(ChangeSetRef::ops).toList());
        }
        var create = (SchemaOp.CreateTable) xml.changeSets().get(0).ops().get(0);
        assertThat(create.table()).isEqualTo("orders");
        assertThat(create.columns()).extracting(ColumnDef::name).containsExactly("id", "status", "note");
        assertThat(create.columns().get(0).nullable()).as("a primary key is not null").isFalse();
        assertThat(create.columns().get(1).defaultValue()).contains("NEW");
        assertThat(create.columns().get(2).nullable()).isTrue();
        var add = (SchemaOp.AddColumn) xml.changeSets().get(1).ops().get(0);
        assertThat(add.column().nullable()).isFalse();
        assertThat(add.column().defaultValue()).contains("0");
        assertThat(xml.changeSets().get(2).ops()).containsExactly(new SchemaOp.DropColumn("orders", "note"));
    }

    @Test
    void formattedSqlGivesTheSameChangeSetsAndHandsTheSqlToTheTranslator() {
        var sql = read(dir("formats/sql"), "db/changelog/master.sql");

        assertThat(sql.changeSets()).extracting(ChangeSetRef::displayId)
                .containsExactly("shop:1", "shop:2", "shop:3");
        assertThat(sql.changeSets()).allSatisfy(cs -> assertThat(cs.ops()).isNotEmpty());
        assertThat(sql.changeSets()).extracting(ChangeSetRef::line).containsExactly(3, 10, 13);
        assertThat(sql.changeSets()).allSatisfy(cs -> assertThat(cs.computedChecksum()).startsWith("9:"));
    }

    @Test
    void lineNumbersPointAtEachChangeSetDeclaration() {
        assertThat(read(dir("formats/xml"), "db/changelog/master.xml").changeSets())
                .extracting(ChangeSetRef::line).containsExactly(7, 19, 27);
        // YAML and JSON: the line of the changeset's id, whichever order its keys come in
        assertThat(read(dir("formats/yaml"), "db/changelog/master.yaml").changeSets())
                .extracting(ChangeSetRef::line).containsExactly(3, 25, 37);
        assertThat(read(dir("formats/json"), "db/changelog/master.json").changeSets())
                .extracting(ChangeSetRef::line).containsExactly(5, 24, 34);
    }

    @Test
    void includesAreFlattenedInOrderAndDuplicatesRemoved() {
        var changelog = read(dir("project"), MASTER);

        assertThat(ids(changelog)).containsExactly("m1", "r1-1", "r2-1", "s1", "s10", "s2",
                "ctx-test", "label-x", "pg-only", "not-h2", "rerun");
        assertThat(changeSet(changelog, "r1-1").filePath()).isEqualTo("db/changelog/releases/r1.yaml");
        assertThat(changeSet(changelog, "r1-1").line()).isEqualTo(3);
        assertThat(changeSet(changelog, "r2-1").filePath()).as("logicalFilePath").isEqualTo("releases/r2-logical.xml");
        assertThat(changeSet(changelog, "s10").filePath()).isEqualTo("db/changelog/scripts/f10.sql");
        assertThat(changeSet(changelog, "s10").line()).isEqualTo(3);
        assertThat(changeSet(changelog, "m1").filePath()).isEqualTo(MASTER);
        assertThat(changeSet(changelog, "rerun").line()).isEqualTo(37);
    }

    @Test
    void relativeSqlFileIsReadThroughTheRoots() {
        var ops = changeSet(read(dir("project"), MASTER), "r2-1").ops();

        assertThat(ops).isNotEmpty();
        assertThat(ops).noneSatisfy(op -> assertThat(op).isInstanceOfSatisfying(SchemaOp.Unanalyzable.class,
                u -> assertThat(u.reason()).startsWith("could not be read")));
    }

    @Test
    void propertiesAreSubstitutedButNotFromTheEnvironment() {
        var create = (SchemaOp.CreateTable) changeSet(read(dir("project"), MASTER), "m1").ops().get(0);

        assertThat(create.table()).isEqualTo("customer");
        assertThat(create.columns().get(0).autoIncrement()).isTrue();
        assertThat(create.columns().get(1).type().orElseThrow().raw()).isEqualTo("varchar(${HOME})");
        assertThat(create.columns().get(2).type().orElseThrow().raw()).isEqualTo("varchar(20)");
    }

    @Test
    void buildParametersWinOverChangelogProperties() {
        var options = new ChangelogOptions(Map.of("statusLength", "64", "HOME", "7"), Optional.empty(),
                Optional.empty(), Optional.empty());
        var create = (SchemaOp.CreateTable) changeSet(read(dir("project"), MASTER, options), "m1").ops().get(0);

        assertThat(create.columns().get(1).type().orElseThrow().raw()).isEqualTo("varchar(7)");
        assertThat(create.columns().get(2).type().orElseThrow().raw()).isEqualTo("varchar(64)");
    }

    @Test
    void directoryAndJarGiveIdenticalKeysAndChecksums(@TempDir Path temp) {
        var fromDir = read(dir("project"), MASTER);
        var fromJar = read(jar(dir("project"), temp.resolve("app-1.0.jar"), ""), MASTER);

        assertThat(fromJar.changeSets()).extracting(ChangeSetRef::key)
                .containsExactlyElementsOf(fromDir.changeSets().stream().map(ChangeSetRef::key).toList());
        assertThat(fromJar.changeSets()).extracting(ChangeSetRef::checksum)
                .containsExactlyElementsOf(fromDir.changeSets().stream().map(ChangeSetRef::checksum).toList());
        assertThat(fromJar.changeSets()).extracting(ChangeSetRef::line)
                .containsExactlyElementsOf(fromDir.changeSets().stream().map(ChangeSetRef::line).toList());
        assertThat(ChangeSetDiff.between(fromJar, fromDir).added()).isEmpty();
    }

    @Test
    void springBootJarAndWarAreReadFromTheirClassesFolder(@TempDir Path temp) {
        var fromDir = read(dir("project"), MASTER);
        var boot = read(jar(dir("project"), temp.resolve("app-boot.jar"), "BOOT-INF/classes/"), MASTER);
        var war = read(jar(dir("project"), temp.resolve("app.war"), "WEB-INF/classes/"), MASTER);

        for (var packaged : List.of(boot, war)) {
            assertThat(packaged.changeSets()).extracting(ChangeSetRef::key)
                    .containsExactlyElementsOf(fromDir.changeSets().stream().map(ChangeSetRef::key).toList());
            assertThat(packaged.changeSets()).extracting(ChangeSetRef::checksum)
                    .containsExactlyElementsOf(fromDir.changeSets().stream().map(ChangeSetRef::checksum).toList());
        }
    }

    @Test
    void severalRootsAreSearchedTogether() {
        var changelog = reader.read(new ChangelogSource(List.of(dir("formats/xml"), dir("project")), MASTER, "x"),
                ChangelogOptions.DEFAULT);

        assertThat(ids(changelog)).startsWith("m1", "r1-1");
    }

    @Test
    void withoutFiltersEveryChangeSetIsKept() {
        var changelog = read(dir("project"), MASTER);

        assertThat(ids(changelog)).contains("ctx-test", "label-x", "pg-only", "not-h2");
        assertThat(changeSet(changelog, "pg-only").notes()).anyMatch(n -> n.contains("postgresql"));
    }

    @Test
    void contextsLabelsAndDbmsFilterLikeLiquibase() {
        var prod = new ChangelogOptions(Map.of(), Optional.of("prod"), Optional.of("!feature-x"),
                Optional.of("h2"));
        var ids = ids(read(dir("project"), MASTER, prod));

        assertThat(ids).doesNotContain("ctx-test", "label-x", "pg-only", "not-h2").contains("m1", "rerun");

        var test = new ChangelogOptions(Map.of(), Optional.of("test"), Optional.of("feature-x"),
                Optional.of("postgresql"));
        assertThat(ids(read(dir("project"), MASTER, test))).contains("ctx-test", "label-x", "pg-only", "not-h2");
    }

    @Test
    void changeSetFlagsAndPreconditionsAreMapped() {
        var rerun = changeSet(read(dir("project"), MASTER), "rerun");

        assertThat(rerun.runOnChange()).isTrue();
        assertThat(rerun.runAlways()).isTrue();
        assertThat(rerun.validCheckSums()).containsExactly("9:0123456789abcdef0123456789abcdef");
        var guard = rerun.guard().orElseThrow();
        assertThat(guard.onFail()).isEqualTo(Precondition.OnFail.MARK_RAN);
        assertThat(guard.condition()).isEqualTo(new Precondition.And(List.of(
                new Precondition.TableExists("customer"),
                new Precondition.Not(List.of(new Precondition.ColumnExists("customer", "email"))),
                new Precondition.Or(List.of(new Precondition.DbmsIs(List.of("postgresql", "h2")),
                        new Precondition.Unknown("sqlCheck"))),
                new Precondition.ChangeSetExecuted("m1", "shop", "db/changelog/db.changelog-master.xml"),
                new Precondition.ViewExists("v_customer"),
                new Precondition.SequenceExists("seq_customer"))));
        // whether preconditions hold is decided (and noted once) by the engine, not by the reader
        assertThat(rerun.notes()).anyMatch(n -> n.contains("modifySql"))
                .noneMatch(n -> n.contains("precondition"));
    }

    @Test
    void changeSetWithoutPreconditionsHasNoGuard() {
        assertThat(changeSet(read(dir("project"), MASTER), "m1").guard()).isEmpty();
    }

    @Test
    void xsdOnAnUnreachableHostParsesOffline() {
        var changelog = read(dir("errors"), "xsd.xml");

        assertThat(ids(changelog)).containsExactly("1");
    }

    @Test
    void readingTwiceGivesTheSameResult() {
        assertThat(read(dir("project"), MASTER)).isEqualTo(read(dir("project"), MASTER));
    }
}
