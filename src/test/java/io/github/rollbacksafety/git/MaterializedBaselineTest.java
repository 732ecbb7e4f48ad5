package io.github.rollbacksafety.git;

import io.github.rollbacksafety.RollbackSafetyException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaterializedBaselineTest {

    @TempDir
    Path dir;

    private Path cache() {
        return dir.resolve("build/rollback-safety/baselines");
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".rollback-safety")).sorted().toList();
        }
    }

    @Test
    void writesExactlyTheModuleFilesAtTheTagWithoutTouchingTheWorkTree() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("src/main/resources/db/changelog.xml", "<v1/>")
                    .write("src/main/java/com/acme/Repo.java", "class Repo {}")
                    .write("src/test/java/com/acme/RepoTest.java", "class RepoTest {}")
                    .write("README.md", "readme")
                    .release("v1.0.0");
            repo.write("src/main/resources/db/changelog.xml", "<v2/>")
                    .write("src/main/resources/db/added-later.xml", "<later/>")
                    .commit("after the release");
            repo.write("src/main/resources/db/changelog.xml", "<uncommitted/>");

            try (var git = GitBaselines.open(repoDir)) {
                var release = git.releaseTagsBelow("2.0.0-SNAPSHOT", "shop", Optional.empty(), 1).get(0);
                var tree = git.materialize(release, git.modulePath(), GitBaselines.MODULE_SOURCES, cache());

                assertThat(tree.moduleRoot()).isEqualTo(cache().toAbsolutePath().resolve(release.shortCommitId()));
                assertThat(files(tree.moduleRoot()))
                        .containsExactly("src/main/java/com/acme/Repo.java", "src/main/resources/db/changelog.xml");
                assertThat(tree.files()).isEqualTo(2);
                assertThat(tree.reused()).isFalse();
                assertThat(tree.resources().resolve("db/changelog.xml")).hasContent("<v1/>");
                assertThat(tree.javaSources().resolve("com/acme/Repo.java")).hasContent("class Repo {}");
            }
            assertThat(repoDir.resolve("src/main/resources/db/changelog.xml")).hasContent("<uncommitted/>");
            var status = repo.git.status().call();
            assertThat(status.getModified()).containsExactly("src/main/resources/db/changelog.xml");
            assertThat(status.getAdded()).isEmpty();
            assertThat(status.getChanged()).isEmpty();
            assertThat(status.getRemoved()).isEmpty();
            assertThat(status.getMissing()).isEmpty();
        }
    }

    @Test
    void leavesACleanWorkTreeClean() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("src/main/resources/a.sql", "select 1").release("v1.0.0");
            repo.write("src/main/resources/a.sql", "select 2").commit("later");
            try (var git = GitBaselines.open(repoDir)) {
                var tree = git.materialize(git.resolve("v1.0.0"), "", GitBaselines.MODULE_SOURCES, cache());
                assertThat(tree.resources().resolve("a.sql")).hasContent("select 1");
            }
            assertThat(repo.git.status().call().isClean()).isTrue();
            assertThat(repoDir.resolve("src/main/resources/a.sql")).hasContent("select 2");
        }
    }

    @Test
    void reusesWhatAnEarlierBuildWroteForTheSameCommit() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("src/main/resources/a.sql", "select 1").write("other/src/main/resources/b.sql", "select 2")
                    .release("v1.0.0");
            try (var git = GitBaselines.open(repoDir)) {
                var release = git.resolve("v1.0.0");
                var first = git.materialize(release, "", GitBaselines.MODULE_SOURCES, cache());
                var second = git.materialize(release, "", GitBaselines.MODULE_SOURCES, cache());
                assertThat(second.reused()).isTrue();
                assertThat(second.files()).isEqualTo(first.files()).isEqualTo(1);

                var otherModule = git.materialize(release, "other", GitBaselines.MODULE_SOURCES, cache());
                assertThat(otherModule.reused()).isFalse();
                assertThat(files(otherModule.moduleRoot())).containsExactly("src/main/resources/b.sql");
            }
        }
    }

    @Test
    void readsAModuleInASubdirectoryRelativeToItsOwnRoot() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("services/shop/src/main/resources/db/master.xml", "<shop/>")
                    .write("services/billing/src/main/resources/db/master.xml", "<billing/>")
                    .release("shop-1.0.0");
            try (var git = GitBaselines.open(repoDir.resolve("services/shop"))) {
                var release = git.baselines("1.1.0-SNAPSHOT", "shop", Optional.empty(), Optional.empty(), 1).get(0);
                var tree = git.materialize(release, git.modulePath(), GitBaselines.MODULE_SOURCES, cache());
                assertThat(files(tree.moduleRoot())).containsExactly("src/main/resources/db/master.xml");
                assertThat(tree.resources().resolve("db/master.xml")).hasContent("<shop/>");
            }
        }
    }

    @Test
    void aModuleThatMovedIsReadFromItsOldPath() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("shop/src/main/resources/db/master.xml", "<old/>").release("v1.0.0");
            repo.git.rm().addFilepattern("shop").call();
            repo.write("services/shop/src/main/resources/db/master.xml", "<new/>").commit("move the module");

            try (var git = GitBaselines.open(repoDir.resolve("services/shop"))) {
                var release = git.resolve("v1.0.0");
                assertThatThrownBy(() -> git.materialize(release, git.modulePath(), GitBaselines.MODULE_SOURCES, cache()))
                        .isInstanceOf(RollbackSafetyException.class)
                        .hasMessageContaining("'services/shop' does not exist at v1.0.0")
                        .hasMessageContaining("<baselineModulePath>");

                var tree = git.materialize(release, "shop/", GitBaselines.MODULE_SOURCES, cache());
                assertThat(tree.resources().resolve("db/master.xml")).hasContent("<old/>");
            }
        }
    }

    @Test
    void skipsFilesLargerThanTheCap() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("src/main/resources/small.sql", "select 1")
                    .write("src/main/resources/dump.sql", "insert into t values (1);\n".repeat(100))
                    .release("v1.0.0");
            try (var git = GitBaselines.open(repoDir).withMaxFileBytes(100)) {
                var tree = git.materialize(git.resolve("v1.0.0"), "", GitBaselines.MODULE_SOURCES, cache());
                assertThat(files(tree.moduleRoot())).containsExactly("src/main/resources/small.sql");
                assertThat(tree.skipped()).singleElement().asString()
                        .startsWith("src/main/resources/dump.sql: 2600 bytes, larger than 100");
            }
        }
    }

    @Test
    void neverWritesOutsideTheTargetDirectory() throws Exception {
        var repoDir = dir.resolve("repo");
        try (var repo = ScratchRepository.init(repoDir)) {
            repo.write("README.md", "x").commit("initial");
            // a hostile tree as no git client would write it: entries named ".." and ".git"
            var db = repo.git.getRepository();
            try (var inserter = db.newObjectInserter()) {
                var blob = inserter.insert(Constants.OBJ_BLOB, "evil".getBytes(StandardCharsets.UTF_8));
                var escape = new TreeFormatter();
                escape.append("escaped.txt", FileMode.REGULAR_FILE, blob);
                var escapeTree = inserter.insert(escape);
                var resources = new TreeFormatter();
                resources.append("..", FileMode.TREE, escapeTree);
                resources.append(".git", FileMode.TREE, escapeTree);
                resources.append("ok.sql", FileMode.REGULAR_FILE, blob);
                var main = new TreeFormatter();
                main.append("resources", FileMode.TREE, inserter.insert(resources));
                var src = new TreeFormatter();
                src.append("main", FileMode.TREE, inserter.insert(main));
                var root = new TreeFormatter();
                root.append("src", FileMode.TREE, inserter.insert(src));
                var commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(root));
                var who = new PersonIdent("Test", "test@example.com");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("hostile");
                var id = inserter.insert(commit);
                inserter.flush();
                var ref = db.updateRef(Constants.R_TAGS + "v6.6.6");
                ref.setNewObjectId(id);
                assertThat(ref.update()).isEqualTo(RefUpdate.Result.NEW);
            }
            try (var git = GitBaselines.open(repoDir)) {
                var tree = git.materialize(git.resolve("v6.6.6"), "", GitBaselines.MODULE_SOURCES, cache());
                assertThat(files(tree.moduleRoot())).containsExactly("src/main/resources/ok.sql");
                assertThat(tree.skipped()).hasSize(2).allSatisfy(s -> assertThat(s).endsWith("unsafe path, not written"));
                assertThat(tree.moduleRoot().resolve("src/main/escaped.txt")).doesNotExist();
            }
        }
    }
}
