package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.CheckLog;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreviousReleasesTest {

    @TempDir
    Path dir;

    private PreviousReleases releases(Path module) {
        return new PreviousReleases(new PreviousReleases.Settings(module, List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, dir.resolve("trees")), CheckLog.SILENT);
    }

    private static void write(Path root, String path, String text) throws Exception {
        var file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aMasterChangelogMovedSinceTheGitReleaseIsFoundWhereThatReleaseHadIt() throws Exception {
        var repo = dir.resolve("repo");
        var who = new PersonIdent("Test", "test@example.com");
        try (var git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write(repo, "src/main/resources/db/changelog/db.changelog-master.xml", "<databaseChangeLog/>");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("v1.0.0").call();
            // the next version moves the master; the check is configured with the new path
            Files.delete(repo.resolve("src/main/resources/db/changelog/db.changelog-master.xml"));
            write(repo, "src/main/resources/db/main.xml", "<databaseChangeLog/>");
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            git.commit().setMessage("move").setAuthor(who).setCommitter(who).setSign(false).call();
        }

        var found = releases(repo).fromGit("1.1.0-SNAPSHOT", "shop", "db/main.xml");

        assertThat(found).singleElement().satisfies(release -> {
            assertThat(release.version()).isEqualTo("1.0.0");
            assertThat(release.changelog().master()).isEqualTo("db/changelog/db.changelog-master.xml");
            // the release's files are written out of git only when something must read them
            release.prepare();
            assertThat(release.changelog().roots().get(0).resolve(release.changelog().master())).isRegularFile();
        });
    }

    @Test
    void anOlderReleaseWithoutMavenLayoutAndARenamedMasterIsReadWhereItWas() throws Exception {
        var repo = dir.resolve("repo");
        var who = new PersonIdent("Test", "test@example.com");
        try (var git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            // release 1.0.0: resources in resources/, master called changes.xml, a shared folder at the root
            write(repo, "resources/db/changes.xml", "<databaseChangeLog/>");
            write(repo, "schema/common.xml", "<databaseChangeLog/>");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("v1.0.0").call();
            write(repo, "src/main/resources/db/master.xml", "<databaseChangeLog/>");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("maven layout").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        var layout = new PreviousReleases.Layout(Optional.of("db/changes.xml"), List.of("schema"), List.of("resources"));
        var releases = new PreviousReleases(new PreviousReleases.Settings(repo, List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, dir.resolve("trees"), layout, List.of()), CheckLog.SILENT);

        var found = releases.fromGit("1.1.0-SNAPSHOT", "shop", "db/master.xml");

        assertThat(found).singleElement().satisfies(release -> {
            assertThat(release.changelog().master()).isEqualTo("db/changes.xml");
            var roots = release.changelog().roots();
            assertThat(roots).hasSize(2);
            release.prepare(); // written out of git only when something must read them
            assertThat(roots.get(0).resolve("db/changes.xml")).isRegularFile();
            assertThat(roots.get(1).resolve("common.xml")).isRegularFile();
        });
    }
}
