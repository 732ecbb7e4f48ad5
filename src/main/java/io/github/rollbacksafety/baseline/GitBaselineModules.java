package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.git.GitBaselines;
import io.github.rollbacksafety.query.XmlTree;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modules of the repository whose files hold a git baseline's queries. Real applications split them: entity
 * superclasses and embeddables in a core module, repositories in a service module, the changelog in a migration
 * module. Without a configured list, every Maven module of the build at that release is read: the top POM of the
 * repository at the tag (the highest {@code pom.xml} above the checked module) and its {@code <modules>}, in every
 * profile, followed down. A configured list narrows or widens that: repository-relative directories, or globs
 * ({@code services/*}) matched against those modules. The checked module itself is always read.
 */
public final class GitBaselineModules {

    /** More modules than any real build has: a cap against a cyclic or generated aggregator. */
    static final int MAX_MODULES = 5_000;

    /**
     * A Maven module at the release.
     *
     * @param path       its directory relative to the repository root ('/'-separated, empty for the root)
     * @param groupId    its groupId (inherited from the parent when not declared), empty when unknown
     * @param artifactId its artifactId, empty when it has no POM
     * @param springBoot whether its POM makes it a Spring Boot application with Boot's JPA configuration
     */
    public record Module(String path, String groupId, String artifactId, boolean springBoot) {
    }

    /**
     * What a git baseline reads besides the checked module.
     *
     * @param others          the other modules' directories, in discovery order
     * @param unmatched       {@code queryArtifacts} that are no module of the repository at the release
     * @param springBoot      the first module of the build whose POM makes it a Spring Boot application, if any
     * @param warnings        configured paths that do not exist at the release
     * @param leftOut         modules of the build left out by default as test, QA, example or benchmark code
     */
    public record Selection(List<Module> others, List<String> unmatched, Optional<String> springBoot, List<String> warnings,
                            List<String> leftOut) {

        public Selection {
            others = List.copyOf(others);
            unmatched = List.copyOf(unmatched);
            warnings = List.copyOf(warnings);
            leftOut = List.copyOf(leftOut);
        }
    }

    /**
     * Path segments and artifactId suffixes of modules that are built with the application but are not part of
     * what it runs: test support, QA suites, examples, benchmarks. Their {@code src/main} is test code (a QA
     * module's cleanup script deletes from every table), so by default it is not the previous release's queries.
     */
    private static final java.util.Set<String> NOT_THE_APPLICATION = java.util.Set.of("qa", "test", "tests", "testing",
            "it", "its", "itest", "itests", "integration-test", "integration-tests", "e2e", "example", "examples",
            "sample", "samples", "demo", "demos", "benchmark", "benchmarks", "jmh", "archetype", "archetypes");

    static boolean isTestOrExample(Module module) {
        for (var segment : module.path().toLowerCase(java.util.Locale.ROOT).split("/")) {
            if (NOT_THE_APPLICATION.contains(segment)) {
                return true;
            }
        }
        var artifact = module.artifactId().toLowerCase(java.util.Locale.ROOT);
        int dash = artifact.lastIndexOf('-');
        return dash > 0 && NOT_THE_APPLICATION.contains(artifact.substring(dash + 1));
    }

    private GitBaselineModules() {
    }

    /**
     * Chooses the modules read at {@code baseline}.
     *
     * @param current        the checked module's directory at the release
     * @param configured     {@code baselineModules}: directories or globs, relative to the repository root; empty for
     *                       every module of the build
     * @param queryArtifacts {@code groupId:artifactId[:version]}: a module of the repository with that artifactId
     *                       (and groupId) is read too
     */
    public static Selection select(GitBaselines git, GitBaseline baseline, String current, List<String> configured,
                                   List<String> queryArtifacts) {
        var all = discover(git, baseline, current);
        var chosen = new LinkedHashMap<String, Module>();
        var warnings = new ArrayList<String>();
        var leftOut = new ArrayList<String>();
        if (configured.isEmpty()) {
            for (var m : all) {
                if (isTestOrExample(m) && !m.path().equals(current)) {
                    leftOut.add(m.path());
                } else {
                    chosen.put(m.path(), m);
                }
            }
        } else {
            for (var entry : configured) {
                var spec = normalize(entry);
                if (spec.isEmpty()) {
                    warnings.add("baselineModule '" + entry + "' leaves the repository; ignored");
                    continue;
                }
                if (spec.map(GitBaselineModules::isGlob).orElse(false)) {
                    var matcher = FileSystems.getDefault().getPathMatcher("glob:" + spec.get());
                    var matched = all.stream().filter(m -> !m.path().isEmpty() && matcher.matches(Path.of(m.path())))
                            .toList();
                    if (matched.isEmpty()) {
                        warnings.add("baselineModule '" + entry + "' matches no Maven module at " + baseline.ref());
                    }
                    matched.forEach(m -> chosen.putIfAbsent(m.path(), m));
                    continue;
                }
                var path = spec.orElse("");
                var known = all.stream().filter(m -> m.path().equals(path)).findFirst();
                if (known.isPresent()) {
                    chosen.putIfAbsent(path, known.get());
                } else if (git.isDirectory(baseline, "", path)) {
                    chosen.putIfAbsent(path, describe(git, baseline, path, "").orElse(new Module(path, "", "", false)));
                } else {
                    warnings.add("baselineModule '" + entry + "' does not exist at " + baseline.ref());
                }
            }
        }
        var unmatched = new ArrayList<String>();
        for (var spec : queryArtifacts) {
            var parts = spec.strip().split(":");
            if (parts.length < 2) {
                unmatched.add(spec);
                continue;
            }
            var module = all.stream().filter(m -> m.artifactId().equals(parts[1])
                    && (m.groupId().isEmpty() || m.groupId().equals(parts[0]))).findFirst();
            if (module.isPresent()) {
                chosen.putIfAbsent(module.get().path(), module.get());
            } else {
                unmatched.add(spec);
            }
        }
        var self = chosen.remove(current);
        var build = new ArrayList<Module>();
        build.add(self != null ? self : describe(git, baseline, current, "").orElse(new Module(current, "", "", false)));
        build.addAll(all);
        build.addAll(chosen.values());
        // the build's POMs decide, also those of modules not read for queries (the parent declares Boot's parent)
        var boot = build.stream().filter(Module::springBoot).map(m -> m.path().isEmpty() ? "pom.xml" : m.path() + "/pom.xml")
                .findFirst();
        return new Selection(List.copyOf(chosen.values()), unmatched, boot, warnings, leftOut);
    }

    /**
     * The Maven modules of the build at the release: the top POM (the highest directory from the repository root
     * down to {@code current} that holds a {@code pom.xml}) and its modules, recursively. Just {@code current} when
     * no POM is found.
     */
    static List<Module> discover(GitBaselines git, GitBaseline baseline, String current) {
        var top = topPom(git, baseline, current);
        var found = new LinkedHashMap<String, Module>();
        if (top.isEmpty()) {
            return List.of(new Module(current, "", "", false));
        }
        var queue = new ArrayDeque<Map.Entry<String, String>>();
        queue.add(Map.entry(top.get(), ""));
        while (!queue.isEmpty() && found.size() < MAX_MODULES) {
            var next = queue.poll();
            var dir = next.getKey();
            if (found.containsKey(dir)) {
                continue;
            }
            var pom = readPom(git, baseline, dir);
            if (pom.isEmpty()) {
                continue;
            }
            var module = module(dir, pom.get(), next.getValue());
            found.put(dir, module);
            for (var child : modules(pom.get().tree())) {
                resolve(dir, child).ifPresent(c -> queue.add(Map.entry(c, module.groupId())));
            }
        }
        return List.copyOf(found.values());
    }

    private static Optional<String> topPom(GitBaselines git, GitBaseline baseline, String current) {
        var candidate = "";
        var segments = current.isEmpty() ? new String[0] : current.split("/");
        for (int i = 0; i <= segments.length; i++) {
            candidate = String.join("/", java.util.Arrays.copyOf(segments, i));
            if (git.exists(baseline, "", pomPath(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private record Pom(XmlTree.Element tree, String text) {
    }

    private static Optional<Pom> readPom(GitBaselines git, GitBaseline baseline, String dir) {
        var bytes = git.readFile(baseline, "", pomPath(dir));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            var tree = XmlTree.parse(bytes.get());
            return tree.name().equals("project")
                    ? Optional.of(new Pom(tree, new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8)))
                    : Optional.empty();
        } catch (IOException e) {
            // a broken POM at an old release: its module still counts, without coordinates
            return Optional.empty();
        }
    }

    private static Optional<Module> describe(GitBaselines git, GitBaseline baseline, String dir, String parentGroup) {
        return readPom(git, baseline, dir).map(p -> module(dir, p, parentGroup));
    }

    private static Module module(String dir, Pom pom, String parentGroup) {
        var tree = pom.tree();
        var groupId = tree.element("groupId").map(XmlTree.Element::text)
                .or(() -> tree.element("parent").flatMap(p -> p.element("groupId")).map(XmlTree.Element::text))
                .orElse(parentGroup);
        var artifactId = tree.element("artifactId").map(XmlTree.Element::text).orElse("");
        return new Module(dir, groupId.contains("${") ? "" : groupId, artifactId,
                io.github.rollbacksafety.query.mapping.NamingEvidence.pomNamesSpringBoot(pom.text()));
    }

    /** {@code <modules>} of the POM and of every profile (a release build may enable any of them). */
    private static List<String> modules(XmlTree.Element project) {
        var result = new LinkedHashSet<String>();
        project.element("modules").ifPresent(m -> m.elements("module").forEach(e -> result.add(e.text())));
        project.element("profiles").ifPresent(ps -> ps.elements("profile").forEach(p -> p.element("modules")
                .ifPresent(m -> m.elements("module").forEach(e -> result.add(e.text())))));
        return List.copyOf(result);
    }

    /** A {@code <module>} entry resolved against its aggregator: a directory, or a POM file in one. */
    private static Optional<String> resolve(String dir, String entry) {
        var e = entry.strip().replace('\\', '/');
        if (e.isEmpty() || e.contains("${")) {
            return Optional.empty();
        }
        if (e.endsWith(".xml")) {
            int slash = e.lastIndexOf('/');
            e = slash < 0 ? "." : e.substring(0, slash);
        }
        return normalize(dir.isEmpty() ? e : dir + "/" + e);
    }

    /** A repository-relative path without '.', '..' or slashes at the ends; empty when it leaves the repository. */
    private static Optional<String> normalize(String path) {
        Path p;
        try {
            p = Path.of(path.strip().replace('\\', '/')).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        var text = p.toString().replace(p.getFileSystem().getSeparator(), "/");
        if (text.startsWith("..") || p.isAbsolute()) {
            return Optional.empty();
        }
        text = text.equals(".") ? "" : text;
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return Optional.of(text);
    }

    private static boolean isGlob(String spec) {
        return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 || spec.indexOf('{') >= 0 || spec.indexOf('[') >= 0;
    }

    private static String pomPath(String dir) {
        return dir.isEmpty() ? "pom.xml" : dir + "/pom.xml";
    }
}
