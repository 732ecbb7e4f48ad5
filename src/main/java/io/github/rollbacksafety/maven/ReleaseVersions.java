package io.github.rollbacksafety.maven;

import org.apache.maven.artifact.versioning.ComparableVersion;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks previous releases from the versions a repository lists: only final releases (no SNAPSHOTs, no alpha,
 * beta, milestone, RC, CR, preview, early-access or dev builds) strictly below the version being built,
 * ordered as Maven orders versions.
 */
final class ReleaseVersions {

    private static final Set<String> PRE_RELEASE = Set.of("alpha", "a", "beta", "b", "milestone", "m", "rc", "cr",
            "preview", "pre", "ea", "dev", "snapshot", "incubating", "nightly");

    private ReleaseVersions() {
    }

    /** True for versions like {@code 1.0-SNAPSHOT}, {@code 2.0.0-RC1}, {@code 1.0.M2}, {@code 3.0-beta-1}. */
    static boolean isPreRelease(String version) {
        if (version.endsWith("-SNAPSHOT") || version.matches(".*-\\d{8}\\.\\d{6}-\\d+$")) {
            return true;
        }
        for (var token : tokens(version)) {
            if (PRE_RELEASE.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** Splits on '.', '-', '_' and on letter/digit transitions, as Maven's version parsing does. */
    private static List<String> tokens(String version) {
        var parts = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        Boolean digits = null;
        for (char c : version.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '.' || c == '-' || c == '_' || c == '+') {
                flush(parts, current);
                digits = null;
                continue;
            }
            boolean isDigit = Character.isDigit(c);
            if (digits != null && digits != isDigit) {
                flush(parts, current);
            }
            digits = isDigit;
            current.append(c);
        }
        flush(parts, current);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder current) {
        if (current.length() > 0) {
            parts.add(current.toString());
            current.setLength(0);
        }
    }

    /** Final releases below {@code projectVersion}, newest first. */
    static List<String> releasesBelow(List<String> available, String projectVersion) {
        var limit = new ComparableVersion(projectVersion);
        return available.stream()
                .filter(v -> !isPreRelease(v))
                .filter(v -> new ComparableVersion(v).compareTo(limit) < 0)
                .distinct()
                .sorted(Comparator.comparing(ComparableVersion::new, Comparator.reverseOrder()))
                .toList();
    }
}
