package io.github.rollbacksafety.git;

import io.github.rollbacksafety.baseline.BaselineTree;
import io.github.rollbacksafety.baseline.FinalReleases;
import io.github.rollbacksafety.baseline.GitBaseline;
import io.github.rollbacksafety.baseline.TagPattern;
import io.github.rollbacksafety.baseline.Version;

import io.github.rollbacksafety.RollbackSafetyException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Previous releases of a module that is not published to a Maven repository, taken from the git repository the
 * module lives in: release tags below the version being built, or a ref the user names. Files of a release are
 * read from git's object database, never by checking out: the work tree and the index stay untouched.
 *
 * <p>Open one per module build and close it when done; not thread-safe.
 */
public final class GitBaselines implements AutoCloseable {

    /** The module sub-paths the check reads from a previous release: changelogs and SQL, and Java sources. */
    public static final List<String> MODULE_SOURCES = List.of("src/main/resources", "src/main/java");

    /** Files larger than this are not written out (a changelog or a source file is far smaller). */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final String CACHE_MARKER = ".rollback-safety-baseline";

    static {
        // JGit looks for git's system-wide config by running git twice (its version, then git config --system) the
        // first time a repository is opened in a JVM: two processes started on every build. Nothing that file can
        // set changes what a ref names or what a tree or blob holds, which is all this class reads.
        FS.DETECTED.setGitSystemConfig(null);
    }

    private final Repository repository;
    private final Path workTree;
    private final String modulePath;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;

    private GitBaselines(Repository repository, Path workTree, String modulePath) {
        this.repository = repository;
        this.workTree = workTree;
        this.modulePath = modulePath;
    }

    /**
     * True when {@code moduleDir} is a module that git tracks: inside a work tree, with its {@code pom.xml} in the
     * index. Only then can its history hold release tags of it; a build directory or a scratch project that merely
     * sits inside some clone (ignored, untracked) has no history of its own there.
     */
    public static boolean tracksModule(Path moduleDir) {
        var start = moduleDir.toAbsolutePath().normalize();
        if (new FileRepositoryBuilder().findGitDir(start.toFile()).getGitDir() == null) {
            return false;
        }
        try (var git = open(start)) {
            var pom = git.modulePath().isEmpty() ? "pom.xml" : git.modulePath() + "/pom.xml";
            return git.repository.readDirCache().findEntry(pom) >= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Opens the git repository that contains {@code moduleDir}, looking in it and its parents for {@code .git}
     * (a directory, or a file pointing elsewhere as in linked worktrees and submodules).
     *
     * @throws RollbackSafetyException when the directory is not inside a git work tree
     */
    public static GitBaselines open(Path moduleDir) {
        var start = moduleDir.toAbsolutePath().normalize();
        var builder = new FileRepositoryBuilder().setMustExist(true).findGitDir(start.toFile());
        if (builder.getGitDir() == null) {
            throw new RollbackSafetyException(start + " is not inside a git repository (no .git in it or any parent"
                    + " directory), so the previous release cannot be taken from git tags. Build from a git clone,"
                    + " or set <baselineVersion> to check against a release published to a Maven repository.");
        }
        Repository repository;
        try {
            repository = builder.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new RollbackSafetyException("Cannot open the git repository at " + builder.getGitDir() + ": "
                    + e.getMessage(), e);
        }
        try {
            if (repository.isBare()) {
                throw new RollbackSafetyException(builder.getGitDir() + " is a bare git repository without a work"
                        + " tree; build the module from a clone.");
            }
            var root = repository.getWorkTree().toPath().toRealPath();
            var module = start.toRealPath();
            var relative = module.startsWith(root) ? slashes(root.relativize(module)) : "";
            return new GitBaselines(repository, root, relative);
        } catch (IOException e) {
            repository.close();
            throw new RollbackSafetyException("Cannot read " + start + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    /** Caps the size of a file written by {@link #materialize}; larger files are skipped and listed. */
    public GitBaselines withMaxFileBytes(long bytes) {
        this.maxFileBytes = bytes;
        return this;
    }

    /** The top directory of the git work tree. */
    public Path repositoryRoot() {
        return workTree;
    }

    /** The module's directory today, relative to the repository root, '/'-separated; empty for the root itself. */
    public String modulePath() {
        return modulePath;
    }

    /** True for a shallow clone (CI checkouts often are), whose history and tags may be incomplete. */
    public boolean isShallow() {
        return Files.isRegularFile(repository.getCommonDirectory().toPath().resolve(Constants.SHALLOW))
                || Files.isRegularFile(repository.getDirectory().toPath().resolve(Constants.SHALLOW));
    }

    /**
     * The previous releases to check against: the explicit ref when one is given, else the {@code count} newest
     * release tags below {@code projectVersion} (see {@link #releaseTagsBelow}).
     *
     * @param explicitRef a tag, branch, remote branch ({@code origin/main}) or (abbreviated) commit id
     * @param tagPattern  a tag naming scheme with a {@code {version}} placeholder; empty for the defaults
     */
    public List<GitBaseline> baselines(String projectVersion, String artifactId, Optional<String> explicitRef,
                                       Optional<String> tagPattern, int count) {
        var ref = explicitRef.map(String::strip).filter(s -> !s.isEmpty());
        if (ref.isPresent()) {
            return List.of(resolve(ref.get()));
        }
        return releaseTagsBelow(projectVersion, artifactId, tagPattern, count);
    }

    /**
     * The {@code count} newest final-release tags below {@code projectVersion}, newest first. Tags follow
     * {@code tagPattern} when given, else any of {@code v{version}}, {@code {version}} and
     * {@code {artifactId}-{version}}; pre-releases and SNAPSHOTs never count. When several tags name the same
     * version, the first scheme in that order wins. Empty in a full clone without such tags: a first release.
     *
     * @throws RollbackSafetyException in a shallow clone without such tags: the history must be fetched
     */
    public List<GitBaseline> releaseTagsBelow(String projectVersion, String artifactId, Optional<String> tagPattern,
                                              int count) {
        var patterns = tagPattern.map(String::strip).filter(s -> !s.isEmpty())
                .map(p -> List.of(TagPattern.of(p, artifactId)))
                .orElseGet(() -> TagPattern.DEFAULTS.stream().map(p -> TagPattern.of(p, artifactId)).toList());
        var candidates = tagCandidates(patterns, projectVersion);
        var found = new ArrayList<GitBaseline>();
        try (var walk = new RevWalk(repository)) {
            for (var candidate : candidates) {
                if (found.size() >= count) {
                    break;
                }
                peelToCommit(walk, candidate.tag()).ifPresent(commit -> found.add(new GitBaseline(candidate.tag(),
                        commit.name(), candidate.version(), reason(found.size(), candidate.tag(), projectVersion, count))));
            }
        }
        if (found.isEmpty() && isShallow()) {
            throw new RollbackSafetyException("The git repository at " + workTree + " is a shallow clone without"
                    + " release tags (looked for " + patterns.stream().map(TagPattern::spelling).toList() + " below "
                    + projectVersion + "), so the previous release cannot be found. " + fetchHint());
        }
        return found;
    }

    private record Candidate(String tag, String version, int pattern) {
    }

    private List<Candidate> tagCandidates(List<TagPattern> patterns, String projectVersion) {
        // keyed by Maven's canonical form so that v1.0 and 1.0.0 count as one release
        var byVersion = new LinkedHashMap<String, Candidate>();
        for (var tag : tagNames()) {
            for (int i = 0; i < patterns.size(); i++) {
                var version = patterns.get(i).version(tag);
                if (version.isEmpty() || !FinalReleases.isFinalReleaseBelow(version.get(), projectVersion)) {
                    continue;
                }
                var candidate = new Candidate(tag, version.get(), i);
                byVersion.merge(Version.of(version.get()).canonical(), candidate,
                        (a, b) -> b.pattern() < a.pattern() ? b : a);
                break;
            }
        }
        return byVersion.values().stream()
                .sorted(Comparator.comparing(Candidate::version, FinalReleases.NEWEST_FIRST))
                .toList();
    }

    private List<String> tagNames() {
        try {
            return repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .map(r -> r.getName().substring(Constants.R_TAGS.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot list the tags of the git repository at " + workTree + ": "
                    + e.getMessage(), e);
        }
    }

    private Optional<RevCommit> peelToCommit(RevWalk walk, String tag) {
        try {
            var id = repository.resolve(Constants.R_TAGS + tag);
            var object = walk.peel(walk.parseAny(id));
            return object instanceof RevCommit commit ? Optional.of(commit) : Optional.empty();
        } catch (MissingObjectException e) {
            throw new RollbackSafetyException("The commit of release tag " + tag + " is missing from the git repository"
                    + " at " + workTree + (isShallow() ? " (a shallow clone). " + fetchHint() : "."), e);
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read release tag " + tag + ": " + e.getMessage(), e);
        }
    }

    private static String reason(int index, String tag, String projectVersion, int count) {
        if (index == 0) {
            return "newest release tag " + tag + " below " + projectVersion;
        }
        return "release tag " + tag + ", " + ordinal(index + 1) + " newest below " + projectVersion
                + " (rollback window of " + count + " releases)";
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        var suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /**
     * Resolves a ref as git would: a tag, a local or remote branch ({@code origin/main}), a full or abbreviated
     * commit id, or any other revision expression. Its version label is the ref as given.
     *
     * @throws RollbackSafetyException when nothing has that name, or the abbreviation is ambiguous
     */
    public GitBaseline resolve(String ref) {
        var name = ref.strip();
        ObjectId id;
        try {
            id = repository.resolve(name + "^{commit}");
        } catch (AmbiguousObjectException e) {
            throw new RollbackSafetyException("baselineGitRef '" + name + "' is an ambiguous abbreviated commit id in "
                    + workTree + ": give more hex digits.", e);
        } catch (IncorrectObjectTypeException e) {
            throw new RollbackSafetyException("baselineGitRef '" + name + "' does not point at a commit.", e);
        } catch (MissingObjectException e) {
            throw new RollbackSafetyException("baselineGitRef '" + name + "' names a commit missing from the git"
                    + " repository at " + workTree + ". " + fetchHint(), e);
        } catch (RevisionSyntaxException e) {
            throw new RollbackSafetyException("baselineGitRef '" + name + "' is not a valid git revision.", e);
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot resolve baselineGitRef '" + name + "': " + e.getMessage(), e);
        }
        if (id == null) {
            throw new RollbackSafetyException("baselineGitRef '" + name + "' was not found in the git repository at "
                    + workTree + ": no tag, branch, remote branch or commit has that name (see git tag, git branch"
                    + " -a)." + (isShallow() ? " This is a shallow clone. " + fetchHint()
                    : " In CI, make sure the ref is fetched."));
        }
        return new GitBaseline(name, id.name(), name, "baselineGitRef " + name + " (commit "
                + id.abbreviate(12).name() + ")");
    }

    private static String fetchHint() {
        return "Fetch the full history with tags (git fetch --unshallow --tags); on GitHub Actions set"
                + " 'fetch-depth: 0' on actions/checkout, on GitLab CI set the variable 'GIT_DEPTH: 0'.";
    }

    /**
     * Writes the files of a module at a previous release into {@code targetDir/<short commit id>/}, read from
     * git's object database (no checkout; the work tree and index are not touched). Only {@code subPaths} of the
     * module are written, keeping their layout. A directory already written for the same commit, module path and
     * sub-paths is reused, so repeated builds cost nothing.
     *
     * @param modulePathInRepo the module's directory at that release, relative to the repository root
     *                         ({@link #modulePath()} unless the module moved); empty for the root
     * @param subPaths         module-relative directories to write, e.g. {@link #MODULE_SOURCES}
     * @param targetDir        the cache directory, e.g. {@code target/rollback-safety/baselines}
     * @throws RollbackSafetyException when the module directory does not exist at that release
     */
    public BaselineTree materialize(GitBaseline baseline, String modulePathInRepo, List<String> subPaths,
                                    Path targetDir) {
        var module = repoPath(modulePathInRepo, "baselineModulePath");
        var subs = subPaths.stream().map(p -> repoPath(p, "sub-path")).distinct().sorted().toList();
        var key = "commit " + baseline.commitId() + "\nmodule " + module + "\npaths " + String.join(",", subs) + "\n";
        var base = targetDir.toAbsolutePath().normalize();
        var dir = treeDirectory(targetDir, baseline);
        try {
            var cached = readCache(baseline, dir, key);
            if (cached.isPresent()) {
                return cached.get();
            }
            Files.createDirectories(base);
            var staging = Files.createTempDirectory(base, baseline.shortCommitId() + ".tmp-");
            try {
                var written = writeTree(baseline, module, subs, staging);
                var marker = new StringBuilder(key).append("files ").append(written.files()).append('\n');
                written.skipped().forEach(s -> marker.append("skipped ").append(s).append('\n'));
                Files.writeString(staging.resolve(CACHE_MARKER), marker, StandardCharsets.UTF_8);
                if (Files.exists(dir)) {
                    deleteTree(dir);
                }
                moveIntoPlace(staging, dir);
                return new BaselineTree(baseline, dir, written.files(), false, written.skipped());
            } finally {
                if (Files.exists(staging)) {
                    deleteTree(staging);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RollbackSafetyException("Cannot write the files of " + baseline.ref() + " to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where {@link #materialize} writes the files of {@code baseline} below {@code targetDir}. */
    public static Path treeDirectory(Path targetDir, GitBaseline baseline) {
        return targetDir.toAbsolutePath().normalize().resolve(baseline.shortCommitId());
    }

    private Optional<BaselineTree> readCache(GitBaseline baseline, Path dir, String key) throws IOException {
        var marker = dir.resolve(CACHE_MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        var text = Files.readString(marker, StandardCharsets.UTF_8);
        if (!text.startsWith(key)) {
            return Optional.empty();
        }
        int files = 0;
        var skipped = new ArrayList<String>();
        for (var line : text.substring(key.length()).split("\n")) {
            if (line.startsWith("files ")) {
                files = Integer.parseInt(line.substring("files ".length()).strip());
            } else if (line.startsWith("skipped ")) {
                skipped.add(line.substring("skipped ".length()));
            }
        }
        return Optional.of(new BaselineTree(baseline, dir, files, true, skipped));
    }

    private static void moveIntoPlace(Path staging, Path dir) throws IOException {
        try {
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, dir);
        } catch (FileAlreadyExistsException e) {
            // a parallel build of the same module wrote it first: its copy is as good as ours
        }
    }

    private record Written(int files, List<String> skipped) {
    }

    private Written writeTree(GitBaseline baseline, String module, List<String> subs, Path out) throws IOException {
        var written = new int[1];
        var skipped = walk(baseline, module, subs, relative -> true, (relative, loader) -> {
            var target = out.resolve(relative).normalize();
            if (!target.startsWith(out)) {
                return Optional.of(relative + ": unsafe path, not written");
            }
            Files.createDirectories(target.getParent());
            try (var stream = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                loader.copyTo(stream);
            }
            written[0]++;
            return Optional.empty();
        });
        return new Written(written[0], skipped);
    }

    /** A file read out of git's object database, by its path below the module. */
    public record TreeFile(String path, byte[] content) {
    }

    /** Files read out of git, and those left out with why. */
    public record TreeFiles(List<TreeFile> files, List<String> skipped) {
        public TreeFiles {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Reads the files below {@code subPath} of a module at a previous release straight from git's object database
     * into memory, without writing them anywhere: only those whose module-relative path passes {@code accept} (a
     * reader that needs only {@code .java} files opens no other blob). In path order.
     *
     * @throws RollbackSafetyException when the module directory does not exist at that release
     */
    public TreeFiles readFiles(GitBaseline baseline, String modulePathInRepo, String subPath,
                               java.util.function.Predicate<String> accept) {
        return readFiles(baseline, modulePathInRepo, List.of(subPath), accept);
    }

    /**
     * As {@link #readFiles(GitBaseline, String, String, java.util.function.Predicate)}, for several sub-paths in
     * one walk (e.g. the {@code src/main/java} of every module, with the repository root as module).
     */
    public TreeFiles readFiles(GitBaseline baseline, String modulePathInRepo, List<String> subPaths,
                               java.util.function.Predicate<String> accept) {
        var module = repoPath(modulePathInRepo, "baselineModulePath");
        var files = new ArrayList<TreeFile>();
        if (subPaths.isEmpty()) {
            return new TreeFiles(files, List.of());
        }
        var subs = subPaths.stream().map(p -> repoPath(p, "sub-path")).distinct().toList();
        try {
            var skipped = walk(baseline, module, subs, accept, (relative, loader) -> {
                files.add(new TreeFile(relative, loader.getCachedBytes(Integer.MAX_VALUE)));
                return Optional.empty();
            });
            return new TreeFiles(files, skipped);
        } catch (IOException | UncheckedIOException e) {
            throw new RollbackSafetyException("Cannot read the files of " + baseline.ref() + " from git: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What identifies the content of a module's {@code subPaths} at a previous release, cheaply (only tree objects
     * are read): each sub-path with the id of its git tree, {@code -} when it does not exist. Two releases with
     * the same text have the same files there, whatever their commits, tags or dates.
     *
     * @throws RollbackSafetyException when the module directory does not exist at that release
     */
    public String contentId(GitBaseline baseline, String modulePathInRepo, List<String> subPaths) {
        var module = repoPath(modulePathInRepo, "baselineModulePath");
        var text = new StringBuilder();
        try (ObjectReader reader = repository.newObjectReader(); var walk = new RevWalk(reader)) {
            var tree = walk.parseCommit(commitId(baseline)).getTree();
            requireModule(reader, tree, module, baseline);
            for (var sub : subPaths.stream().map(p -> repoPath(p, "sub-path")).distinct().sorted().toList()) {
                var path = join(module, sub);
                String id = "-";
                if (path.isEmpty()) {
                    id = tree.name();
                } else {
                    try (var at = TreeWalk.forPath(reader, path, tree)) {
                        if (at != null && at.getFileMode(0) == FileMode.TREE) {
                            id = at.getObjectId(0).name();
                        }
                    }
                }
                text.append(sub).append('=').append(id).append(';');
            }
        } catch (MissingObjectException e) {
            throw new RollbackSafetyException("Files of " + baseline.ref() + " are missing from the git repository at "
                    + workTree + (isShallow() ? " (a shallow clone). " + fetchHint() : "."), e);
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read " + baseline.ref() + " from git: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** The id of the release commit's tree: what identifies all its files, whatever tag or commit names it. */
    public String treeId(GitBaseline baseline) {
        try (ObjectReader reader = repository.newObjectReader(); var walk = new RevWalk(reader)) {
            return walk.parseCommit(commitId(baseline)).getTree().name();
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read " + baseline.ref() + " from git: " + e.getMessage(), e);
        }
    }

    /** Whether a folder exists at {@code path} (module-relative) at the release; reads tree objects only. */
    public boolean isDirectory(GitBaseline baseline, String modulePathInRepo, String path) {
        var full = join(repoPath(modulePathInRepo, "baselineModulePath"), repoPath(path, "path"));
        try (ObjectReader reader = repository.newObjectReader(); var walk = new RevWalk(reader)) {
            var tree = walk.parseCommit(commitId(baseline)).getTree();
            if (full.isEmpty()) {
                return true;
            }
            try (var at = TreeWalk.forPath(reader, full, tree)) {
                return at != null && at.getFileMode(0) == FileMode.TREE;
            }
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read " + baseline.ref() + " from git: " + e.getMessage(), e);
        }
    }

    /** Whether a regular file exists at {@code path} (module-relative) at the release; reads tree objects only. */
    public boolean exists(GitBaseline baseline, String modulePathInRepo, String path) {
        return blobAt(baseline, modulePathInRepo, path).isPresent();
    }

    /**
     * The content of one file (module-relative path) at the release, read from git's object database; empty when
     * there is no such file or git does not have its content (partial clone), or it is larger than the size cap.
     */
    public Optional<byte[]> readFile(GitBaseline baseline, String modulePathInRepo, String path) {
        var blob = blobAt(baseline, modulePathInRepo, path);
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            var loader = reader.open(blob.get(), Constants.OBJ_BLOB);
            return loader.getSize() > maxFileBytes ? Optional.empty() : Optional.of(loader.getCachedBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<ObjectId> blobAt(GitBaseline baseline, String modulePathInRepo, String path) {
        var full = join(repoPath(modulePathInRepo, "baselineModulePath"), repoPath(path, "path"));
        try (ObjectReader reader = repository.newObjectReader(); var walk = new RevWalk(reader)) {
            var tree = walk.parseCommit(commitId(baseline)).getTree();
            try (var at = TreeWalk.forPath(reader, full, tree)) {
                if (at == null) {
                    return Optional.empty();
                }
                var mode = at.getFileMode(0);
                return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE
                        ? Optional.of(at.getObjectId(0)) : Optional.empty();
            }
        } catch (IOException e) {
            throw new RollbackSafetyException("Cannot read " + baseline.ref() + " from git: " + e.getMessage(), e);
        }
    }

    /** Receives one regular file of a walk; returns why it was left out, or empty when it was taken. */
    @FunctionalInterface
    private interface FileVisitor {
        Optional<String> visit(String relative, org.eclipse.jgit.lib.ObjectLoader loader) throws IOException;
    }

    private void requireModule(ObjectReader reader, org.eclipse.jgit.revwalk.RevTree tree, String module,
                               GitBaseline baseline) throws IOException {
        if (module.isEmpty()) {
            return;
        }
        try (var at = TreeWalk.forPath(reader, module, tree)) {
            if (at == null || at.getFileMode(0) != FileMode.TREE) {
                throw new RollbackSafetyException("The module directory '" + module + "' does not exist at "
                        + baseline.ref() + " (commit " + baseline.shortCommitId() + "). If the module moved"
                        + " since that release, set <baselineModulePath> to its path then, relative to the"
                        + " repository root.");
            }
        }
    }

    /** Walks the regular files below the module's sub-paths at the baseline; returns the files left out. */
    private List<String> walk(GitBaseline baseline, String module, List<String> subs,
                              java.util.function.Predicate<String> accept, FileVisitor visitor) throws IOException {
        var skipped = new ArrayList<String>();
        try (ObjectReader reader = repository.newObjectReader(); var walk = new RevWalk(reader)) {
            var commit = walk.parseCommit(commitId(baseline));
            var tree = commit.getTree();
            requireModule(reader, tree, module, baseline);
            var prefixes = subs.stream().map(s -> join(module, s)).toList();
            try (var treeWalk = new TreeWalk(reader)) {
                treeWalk.addTree(tree);
                treeWalk.setRecursive(true);
                if (!prefixes.contains("")) {
                    treeWalk.setFilter(PathFilterGroup.createFromStrings(prefixes));
                }
                while (treeWalk.next()) {
                    var path = treeWalk.getPathString();
                    var relative = module.isEmpty() ? path : path.substring(module.length() + 1);
                    if (!accept.test(relative)) {
                        continue;
                    }
                    var mode = treeWalk.getFileMode(0);
                    if (mode == FileMode.SYMLINK) {
                        skipped.add(relative + ": symbolic link, not followed");
                        continue;
                    }
                    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                        skipped.add(relative + ": not a file (submodule)");
                        continue;
                    }
                    if (!safeRelativePath(relative)) {
                        skipped.add(relative + ": unsafe path, not written");
                        continue;
                    }
                    org.eclipse.jgit.lib.ObjectLoader loader;
                    try {
                        loader = reader.open(treeWalk.getObjectId(0), Constants.OBJ_BLOB);
                    } catch (MissingObjectException e) {
                        // a partial clone or a mirror that left large files out: only a missing changelog matters,
                        // and the changelog reader names it if it needs it
                        skipped.add(relative + ": " + MISSING_CONTENT);
                        continue;
                    }
                    if (loader.getSize() > maxFileBytes) {
                        skipped.add(relative + ": " + loader.getSize() + " bytes, larger than " + maxFileBytes);
                        continue;
                    }
                    if (loader.getSize() < 1024 && isLfsPointer(loader.getCachedBytes())) {
                        skipped.add(relative + ": a Git LFS pointer, its content is not in the git repository");
                        continue;
                    }
                    visitor.visit(relative, loader).ifPresent(skipped::add);
                }
            }
        } catch (MissingObjectException e) {
            throw new RollbackSafetyException("Files of " + baseline.ref() + " are missing from the git repository at "
                    + workTree + (isShallow() ? " (a shallow clone). " + fetchHint() : "."), e);
        }
        return skipped;
    }

    /** How a skipped file whose content git does not have is described (the changelog reader looks for it). */
    public static final String MISSING_CONTENT = "content missing from the git repository (partial clone or large file"
            + " left out)";

    private static boolean isLfsPointer(byte[] content) {
        return new String(content, StandardCharsets.US_ASCII).startsWith("version https://git-lfs.github.com/spec/");
    }

    private static ObjectId commitId(GitBaseline baseline) {
        try {
            return ObjectId.fromString(baseline.commitId());
        } catch (IllegalArgumentException e) {
            throw new RollbackSafetyException("'" + baseline.commitId() + "' is not a full git commit id.", e);
        }
    }

    /** Git never checks out such names either: they could leave the target directory or shadow a repository. */
    private static boolean safeRelativePath(String path) {
        for (var segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.toLowerCase(Locale.ROOT).equals(".git")
                    || segment.indexOf('\\') >= 0 || segment.indexOf(':') >= 0 || segment.indexOf('\0') >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A repository-relative path in git's spelling: '/'-separated, no leading or trailing slash, no '.' or '..'. */
    private static String repoPath(String path, String what) {
        var p = path.replace('\\', '/').strip();
        var parts = new ArrayList<String>();
        for (var segment : p.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new RollbackSafetyException(what + " '" + path + "' must be relative to the repository root"
                        + " and stay inside it (no '..').");
            }
            parts.add(segment);
        }
        return String.join("/", parts);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
