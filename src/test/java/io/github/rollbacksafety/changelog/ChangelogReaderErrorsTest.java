package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.RollbackSafetyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.github.rollbacksafety.changelog.ChangelogFixtures.dir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChangelogReaderErrorsTest {

    private final ChangelogReader reader = new ChangelogReader();

    private RollbackSafetyException failure(String master) {
        return failure(dir("errors"), master);
    }

    private RollbackSafetyException failure(Path root, String master) {
        var e = catchThrowableOfType(RollbackSafetyException.class,
                () -> reader.read(ChangelogSource.of(root, master, "test"), ChangelogOptions.DEFAULT));
        assertThat(e).as("a RollbackSafetyException for " + master).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n\tat ").doesNotContain("liquibase.exception");
        return e;
    }

    @Test
    void missingMasterIsNamed() {
        var e = failure("db/none.xml");

        assertThat(e.file()).contains("db/none.xml");
        assertThat(e.getMessage()).contains("db/none.xml").contains("not found");
    }

    @Test
    void missingRootIsNamed(@TempDir Path temp) {
        var e = failure(temp.resolve("nothing-here.jar"), "db/master.xml");

        assertThat(e.getMessage()).contains("nothing-here.jar");
    }

    @Test
    void malformedXmlNamesFileAndLine() {
        var e = failure("bad.xml");

        assertThat(e.describe()).startsWith("bad.xml:5: ").contains("createTable");
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        var e = failure("bad.yaml");

        assertThat(e.file()).contains("bad.yaml");
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void malformedJsonNamesFileAndLine() {
        var e = failure("bad.json");

        assertThat(e.file()).contains("bad.json");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void missingIncludeNamesTheIncluderAndTheLine() {
        var e = failure("missinc.xml");

        assertThat(e.describe()).startsWith("missinc.xml:3: ").contains("nope.xml");
    }

    @Test
    void includeCycleIsReportedNotOverflowed() {
        var e = failure("cyc1.xml");

        assertThat(e.getMessage()).contains("include cycle").contains("cyc1.xml -> cyc2.xml -> cyc1.xml");
        assertThat(e.describe()).startsWith("cyc2.xml:3: ");
    }

    @Test
    void includeAllOfMissingFolderNamesTheFile() {
        var e = failure("missall.xml");

        assertThat(e.describe()).startsWith("missall.xml:3: ").contains("nodir/");
    }

    @Test
    void externalHttpEntityIsRejectedWithoutFetching() {
        var e = failure("xxehttp.xml");

        assertThat(e.file()).contains("xxehttp.xml");
        assertThat(e.getMessage()).contains("never fetches").contains("http://unreachable.invalid/evil.txt");
    }

    @Test
    void externalFileEntityIsRejected() {
        var e = failure("xxefile.xml");

        assertThat(e.file()).contains("xxefile.xml");
        assertThat(e.getMessage()).contains("file:///etc/hostname");
    }


    @Test
    void fileOfUnknownFormatIsAUserError() {
        var e = failure("unknown.txt");

        assertThat(e.getMessage()).contains("unknown.txt");
    }

    @Test
    void errorsInIncludedFilesNameTheIncludedFile(@TempDir Path temp) throws Exception {
        var db = java.nio.file.Files.createDirectories(temp.resolve("db"));
        java.nio.file.Files.writeString(db.resolve("master.yaml"), """
                databaseChangeLog:
                  - include:
                      file: db/broken.xml
                """);
        java.nio.file.Files.writeString(db.resolve("broken.xml"), """
                <?xml version="1.0"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <changeSet id="1" author="a">
                </databaseChangeLog>
                """);

        var e = failure(temp, "db/master.yaml");

        assertThat(e.describe()).startsWith("db/broken.xml:4: ");
    }
}
