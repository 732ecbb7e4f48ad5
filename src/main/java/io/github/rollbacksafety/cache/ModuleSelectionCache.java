package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.Sha256;
import io.github.rollbacksafety.baseline.GitBaselineModules;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The modules a git baseline reads ({@link GitBaselineModules.Selection}), kept in the cache folder: choosing them
 * reads every {@code pom.xml} of the build at the release from git and walks a tree per module (0.35 s for
 * Flowable's 164 modules on every build). The choice is a function of the release's tree and of the settings, so an
 * entry is keyed by the id of the commit's tree (never a tag name: a moved tag names another tree), the checked
 * module's path, {@code baselineModules}, {@code queryArtifacts}, the plugin version and a format version. Written
 * atomically, a miss when it cannot be read or holds another key, and evicted with the folder's other entries
 * ({@link ReleaseCache#DEFAULT_MAX_BYTES}); an entry is a few hundred bytes.
 */
public final class ModuleSelectionCache {

    private static final String FORMAT = "modules-1";
    private static final String PREFIX = "modules-";
    private static final String SUFFIX = ".bin.gz";

    private final Path directory;
    private final String pluginVersion;

    public ModuleSelectionCache(Path directory, String pluginVersion) {
        this.directory = directory;
        this.pluginVersion = pluginVersion;
    }

    /** What is stored: the full key, so that a hash collision or a foreign file is a miss. */
    private record Entry(String key, GitBaselineModules.Selection selection) {
    }

    /**
     * The stored selection for these inputs, else {@code choose}'s, stored for the next builds.
     *
     * @param treeId         the id of the release commit's tree
     * @param current        the checked module's path at the release
     * @param configured     {@code baselineModules}
     * @param queryArtifacts {@code queryArtifacts}
     */
    public GitBaselineModules.Selection get(String treeId, String current, List<String> configured,
                                            List<String> queryArtifacts, Supplier<GitBaselineModules.Selection> choose) {
        var key = String.join("|", FORMAT, pluginVersion, treeId, current, String.join(",", configured),
                String.join(",", queryArtifacts));
        var file = directory.resolve(PREFIX + Sha256.hex(key) + SUFFIX);
        var stored = EntryFile.read(file, Entry.class, entry -> key.equals(entry.key()));
        if (stored.isPresent()) {
            return stored.get().selection();
        }
        // none, unreadable or from another plugin build: choose again and write it again
        var selection = choose.get();
        if (EntryFile.write(file, new Entry(key, selection))) {
            ReleaseCache.evict(directory, ReleaseCache.DEFAULT_MAX_BYTES);
        }
        return selection;
    }
}
