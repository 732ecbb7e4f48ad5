package io.github.rollbacksafety.git;

import io.github.rollbacksafety.baseline.GitBaseline;
import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.git.ScratchRepository;

import io.github.rollbacksafety.RollbackSafetyException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitBaselinesTest {

    @TempDir
    Path dir;

    private static List<String> tags(List<GitBaseline> baselines) {
        return baselines.stream().map(GitBaseline::ref).toList();
    }

    @Test
    void picksNewestFinalReleaseTagsBelowProjectVersionInAllDefaultFormats() {
        try (var repo = ScratchRepository.init(dir)) {
            var v100 = repo.write("pom.xml", "1.0.0").release("v1.0.0");
            var v110 = repo.write("pom.xml", "1.1.0").release("1.1.0");
            var v120 = repo.write("pom.xml", "1.2.0").release("shop-1.2.0");
            repo.write("pom.xml", "2.0.0-RC1").release("v2.0.0-RC1");
            repo.write("pom.xml", "2.0.0-SNAPSHOT").commit("next");

            try (var git = GitBaselines.open(dir)) {
                var found = git.releaseTagsBelow("2.0.0-SNAPSHOT", "shop", Optional.empty(), 2);

                assertThat(tags(found)).containsExactly("shop-1.2.0", "1.1.0");
                assertThat(found.get(0).version()).isEqualTo("1.2.0");
                assertThat(found.get(0).commitId()).isEqualTo(v120.name());
                assertThat(found.get(1).commitId()).isEqualTo(v110.name());
                assertThat(found.get(0).reason()).isEqualTo("newest release tag shop-1.2.0 below 2.0.0-SNAPSHOT");
                assertThat(found.get(1).reason()).contains("2nd newest below 2.0.0-SNAPSHOT");
                assertThat(git.releaseTagsBelow("2.0.0-SNAPSHOT", "shop", Optional.empty(), 5))
                        .extracting(GitBaseline::commitId).containsExactly(v120.name(), v110.name(), v100.name());
            }
        }
    }

    @Test
    void opensARepositoryWithoutLookingForGitsSystemConfig() {
        try (var repo = ScratchRepository.init(dir)) {
            var v100 = repo.write("pom.xml", "1.0.0").release("v1.0.0");

            try (var git = GitBaselines.open(dir)) {
                assertThat(git.resolve("v1.0.0").commitId()).isEqualTo(v100.name());
            }
            // unset, JGit would run git (git --version, git config --system) to find that file
            assertThat(org.eclipse.jgit.util.FS.DETECTED.getGitSystemConfig()).isNull();
        }
    }

    @Test
    void ignoresTagsOfOtherArtifactsAndTagsThatAreNoVersion() {
        try (var repo = ScratchRepository.init(dir)) {
            repo.write("a.txt", "1").release("v1.0.0");
            repo.tag("billing-1.5.0");
            repo.tag("latest");
            repo.tag("vNext");
            repo.write("a.txt", "2").commit("later");

            try (var git = GitBaselines.open(dir)) {
                assertThat(tags(git.releaseTagsBelow("2.0.0-SNAPSHOT", "shop", Optional.empty(), 3)))
                        .containsExactly("v1.0.0");
            }
        }
    }

    @Test
    void customTagPatternSelectsOnlyTagsOfThatScheme() {
        try (var repo = ScratchRepository.init(dir)) {
            repo.write("a.txt", "1").release("release/1.0.0");
            repo.write("a.txt", "2").release("shop@1.1.0");
            repo.write("a.txt", "3").release("v1.2.0");
            repo.write("a.txt", "4").release("shop@1.3.0-beta-1");

            try (var git = GitBaselines.open(dir)) {
                assertThat(tags(git.releaseTagsBelow("2.0.0", "shop", Optional.of("release/{version}"), 3)))
                        .containsExactly("release/1.0.0");
                var scoped = git.releaseTagsBelow("2.0.0", "shop", Optional.of("{artifactId}@{version}"), 3);
                assertThat(tags(scoped)).containsExactly("shop@1.1.0");
                assertThat(scoped.get(0).version()).isEqualTo("1.1.0");
            }
        }
    }

    @Test
    void tagPatternWithoutVersionPlaceholderIsAUserError() {
        try (var repo = ScratchRepository.init(dir); var git = GitBaselines.open(dir)) {
            assertThatThrownBy(() -> git.releaseTagsBelow("2.0.0", "shop", Optional.of("release-latest"), 1))
                    .isInstanceOf(RollbackSafetyException.class)
                    .hasMessageContaining("must contain {version}");
        }
    }

    @Test
    void annotatedTagsResolveToTheirCommit() {
        try (var repo = ScratchRepository.init(dir)) {
            var commit = repo.write("a.txt", "1").commit("release");
            repo.tag("v1.0.0", true);

            try (var git = GitBaselines.open(dir)) {
                assertThat(git.releaseTagsBelow("1.1.0-SNAPSHOT", "shop", Optional.empty(), 1))
                        .extracting(GitBaseline::commitId).containsExactly(commit.name());
            }
        }
    }

    @Test
    void fullCloneWithoutReleaseTagsIsAFirstRelease() {
        try (var repo = ScratchRepository.init(dir)) {
            repo.write("a.txt", "1").commit("initial");
            repo.tag("v1.0.0-RC1");

            try (var git = GitBaselines.open(dir)) {
                assertThat(git.baselines("1.0.0-SNAPSHOT", "shop", Optional.empty(), Optional.empty(), 1)).isEmpty();
            }
        }
    }

    @Test
    void explicitRefResolvesBranchRemoteBranchTagAndAbbreviatedCommit() throws Exception {
        try (var repo = ScratchRepository.init(dir)) {
            var first = repo.write("a.txt", "1").release("v1.0.0");
            var second = repo.write("a.txt", "2").commit("second");
            repo.git.branchCreate().setName("stable").setStartPoint(first).call();
            var remote = repo.git.getRepository().updateRef(Constants.R_REMOTES + "origin/main");
            remote.setNewObjectId(second);
            assertThat(remote.update()).isEqualTo(RefUpdate.Result.NEW);
            repo.write("a.txt", "3").commit("third");

            try (var git = GitBaselines.open(dir)) {
                assertThat(git.resolve("stable").commitId()).isEqualTo(first.name());
                assertThat(git.resolve("v1.0.0").commitId()).isEqualTo(first.name());
                var fromRemote = git.baselines("2.0.0-SNAPSHOT", "shop", Optional.of(" origin/main "),
                        Optional.empty(), 3);
                assertThat(fromRemote).singleElement().satisfies(b -> {
                    assertThat(b.commitId()).isEqualTo(second.name());
                    assertThat(b.version()).isEqualTo("origin/main");
                    assertThat(b.reason()).startsWith("baselineGitRef origin/main (commit ");
                });
                var abbreviated = second.abbreviate(8).name();
                assertThat(git.resolve(abbreviated).commitId()).isEqualTo(second.name());
                assertThat(git.resolve(abbreviated).version()).isEqualTo(abbreviated);
            }
        }
    }

    @Test
    void unknownRefIsAClearError() {
        try (var repo = ScratchRepository.init(dir)) {
            repo.write("a.txt", "1").commit("initial");
            try (var git = GitBaselines.open(dir)) {
                assertThatThrownBy(() -> git.resolve("origin/release-9"))
                        .isInstanceOf(RollbackSafetyException.class)
                        .hasMessageContaining("baselineGitRef 'origin/release-9' was not found")
                        .hasMessageContaining("no tag, branch, remote branch or commit");
            }
        }
    }

    @Test
    void directoryOutsideGitIsAClearError() throws Exception {
        var plain = Files.createDirectories(dir.resolve("not-a-repo/module"));
        assertThatThrownBy(() -> GitBaselines.open(plain))
                .isInstanceOf(RollbackSafetyException.class)
                .hasMessageContaining("is not inside a git repository")
                .hasMessageContaining("<baselineVersion>");
    }

    @Test
    void shallowCloneWithoutTagsTellsToFetchHistory() throws Exception {
        var origin = dir.resolve("origin");
        try (var repo = ScratchRepository.init(origin)) {
            repo.write("a.txt", "1").release("v1.0.0");
            repo.write("a.txt", "2").commit("work");
        }
        var clone = dir.resolve("clone");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setDepth(1)
                .setNoTags().call().close();
        assertThat(clone.resolve(".git/shallow")).exists();

        try (var git = GitBaselines.open(clone)) {
            assertThat(git.isShallow()).isTrue();
            assertThatThrownBy(() -> git.baselines("2.0.0-SNAPSHOT", "shop", Optional.empty(), Optional.empty(), 1))
                    .isInstanceOf(RollbackSafetyException.class)
                    .hasMessageContaining("shallow clone without release tags")
                    .hasMessageContaining("fetch-depth: 0")
                    .hasMessageContaining("GIT_DEPTH: 0");
            assertThatThrownBy(() -> git.resolve("v1.0.0"))
                    .hasMessageContaining("shallow clone")
                    .hasMessageContaining("fetch-depth: 0");
        }
    }

    @Test
    void findsTheRepositoryFromAModuleSubdirectory() throws Exception {
        try (var repo = ScratchRepository.init(dir)) {
            repo.write("services/shop/pom.xml", "x").release("v1.0.0");
            try (var git = GitBaselines.open(dir.resolve("services/shop"))) {
                assertThat(git.repositoryRoot()).isEqualTo(dir.toRealPath());
                assertThat(git.modulePath()).isEqualTo("services/shop");
                assertThat(tags(git.releaseTagsBelow("1.1.0-SNAPSHOT", "shop", Optional.empty(), 1)))
                        .containsExactly("v1.0.0");
            }
        }
    }

    @Test
    void findsTheRepositoryThroughALinkedWorktreeGitFile() throws Exception {
        var main = dir.resolve("main");
        ObjectId release;
        try (var repo = ScratchRepository.init(main)) {
            release = repo.write("app/pom.xml", "x").release("v1.0.0");
        }
        // the layout `git worktree add ../wt` leaves: a .git file in the worktree, metadata under .git/worktrees
        var admin = Files.createDirectories(main.resolve(".git/worktrees/wt"));
        var worktree = Files.createDirectories(dir.resolve("wt/app"));
        Files.writeString(admin.resolve("commondir"), "../..\n");
        Files.writeString(admin.resolve("HEAD"), release.name() + "\n");
        Files.writeString(admin.resolve("gitdir"), dir.resolve("wt/.git") + "\n");
        Files.writeString(dir.resolve("wt/.git"), "gitdir: " + admin + "\n");

        try (var git = GitBaselines.open(worktree)) {
            assertThat(git.repositoryRoot()).isEqualTo(dir.resolve("wt").toRealPath());
            assertThat(git.modulePath()).isEqualTo("app");
            assertThat(git.releaseTagsBelow("2.0.0-SNAPSHOT", "app", Optional.empty(), 1))
                    .extracting(GitBaseline::commitId).containsExactly(release.name());
        }
    }

    @Test
    void tracksOnlyModulesWhosePomIsInTheIndex() throws Exception {
        try (var repo = ScratchRepository.init(dir)) {
            repo.write("app/pom.xml", "<project/>").commit("app");
            java.nio.file.Files.createDirectories(dir.resolve("target/it/scratch"));
            java.nio.file.Files.writeString(dir.resolve("target/it/scratch/pom.xml"), "<project/>");
            assertThat(GitBaselines.tracksModule(dir.resolve("app"))).isTrue();
            assertThat(GitBaselines.tracksModule(dir.resolve("target/it/scratch"))).isFalse();
        }
    }

    @Test
    void aDirectoryOutsideAnyRepositoryIsNotTracked(@org.junit.jupiter.api.io.TempDir Path elsewhere) {
        assertThat(GitBaselines.tracksModule(elsewhere)).isFalse();
    }
}
