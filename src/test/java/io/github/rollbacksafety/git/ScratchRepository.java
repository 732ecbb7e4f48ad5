package io.github.rollbacksafety.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small git repository built with JGit for a test: write files, commit, tag. */
final class ScratchRepository implements AutoCloseable {

    private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

    final Path root;
    final Git git;

    private ScratchRepository(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    static ScratchRepository init(Path dir) {
        try {
            return new ScratchRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ScratchRepository write(String path, String text) {
        try {
            var file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RevCommit commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ScratchRepository tag(String name) {
        return tag(name, false);
    }

    ScratchRepository tag(String name, boolean annotated) {
        try {
            var tag = git.tag().setName(name).setAnnotated(annotated).setSigned(false);
            if (annotated) {
                tag.setMessage("release " + name).setTagger(WHO);
            }
            tag.call();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits the current files and tags the commit. */
    RevCommit release(String tag) {
        var commit = commit("release " + tag);
        tag(tag);
        return commit;
    }

    @Override
    public void close() {
        git.close();
    }
}
