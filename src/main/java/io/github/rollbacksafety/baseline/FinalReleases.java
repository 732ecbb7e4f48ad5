package io.github.rollbacksafety.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which versions count as previous releases: final releases only (no SNAPSHOTs, no alpha, beta, milestone, RC,
 * CR, preview, early-access or dev builds), ordered as Maven orders versions. The same rules apply to versions
 * listed by a Maven repository and to versions read from git tags, so both kinds of baseline agree.
 */
public final class FinalReleases {

    private static final Set<String> PRE_RELEASE = Set.of("alpha", "a", "beta", "b", "milestone", "m", "rc", "cr",
            "preview", "pre", "ea", "dev", "snapshot", "incubating", "nightly");

    /** Newest first, as Maven compares versions. */
    public static final Comparator<String> NEWEST_FIRST =
            Comparator.comparing(Version::of, Comparator.reverseOrder());

    private FinalReleases() {
    }

    /** True for versions like {@code 1.0-SNAPSHOT}, {@code 2.0.0-RC1}, {@code 1.0.M2}, {@code 3.0-beta-1}. */
    public static boolean isPreRelease(String version) {
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

    /** True when {@code version} is a final release strictly below {@code limit}. */
    public static boolean isFinalReleaseBelow(String version, String limit) {
        return !isPreRelease(version) && Version.of(version).compareTo(Version.of(limit)) < 0;
    }

    /** Final releases among {@code available} below {@code projectVersion}, newest first, without duplicates. */
    public static List<String> below(List<String> available, String projectVersion) {
        return available.stream()
                .filter(v -> isFinalReleaseBelow(v, projectVersion))
                .distinct()
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /** Splits on '.', '-', '_', '+' and on letter/digit transitions, as Maven's version parsing does. */
    private static List<String> tokens(String version) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        int kind = 0; // 0 none yet, 1 digits, 2 letters
        for (char c : version.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '.' || c == '-' || c == '_' || c == '+') {
                flush(parts, current);
                kind = 0;
                continue;
            }
            int k = Character.isDigit(c) ? 1 : 2;
            if (kind != 0 && kind != k) {
                flush(parts, current);
            }
            kind = k;
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
}
