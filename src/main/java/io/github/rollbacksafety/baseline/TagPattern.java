package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A release tag naming scheme such as {@code v{version}}, {@code release/{version}} or {@code shop@{version}}:
 * {@code {version}} stands for the released version (it starts with a digit), {@code {artifactId}} for the
 * module's artifactId.
 */
public record TagPattern(String spelling, Pattern regex) {

    /** git's own conventions plus the maven-release-plugin default ({@code @{project.artifactId}-@{project.version}}). */
    public static final List<String> DEFAULTS = List.of("v{version}", "{version}", "{artifactId}-{version}");

    private static final String VERSION = "{version}";

    public static TagPattern of(String spelling, String artifactId) {
        var text = spelling.strip();
        int at = text.indexOf(VERSION);
        if (at < 0 || text.indexOf(VERSION, at + 1) >= 0) {
            throw new RollbackSafetyException("baselineTagPattern '" + spelling + "' must contain {version} exactly"
                    + " once, e.g. v{version}, release/{version} or " + artifactId + "@{version}.");
        }
        var before = text.substring(0, at).replace("{artifactId}", artifactId);
        var after = text.substring(at + VERSION.length()).replace("{artifactId}", artifactId);
        var regex = Pattern.compile(Pattern.quote(before) + "(\\d[0-9A-Za-z._+\\-]*)" + Pattern.quote(after));
        return new TagPattern(text, regex);
    }

    /** The version a tag name stands for, when the tag follows this pattern. */
    public Optional<String> version(String tagName) {
        var m = regex.matcher(tagName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
