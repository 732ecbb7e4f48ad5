package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.RollbackSafetyException;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.regex.Pattern;

/**
 * Turns whatever Liquibase threw into a {@link RollbackSafetyException} that names the file and, where the cause
 * chain carries it (SAX, SnakeYAML), the line. Liquibase's own wording is kept but cut to its first line.
 */
final class ChangelogErrors {

    private static final Pattern NOT_FOUND = Pattern.compile("The file (.+?) was not found");

    private ChangelogErrors() {
    }

    /** The {@link RollbackSafetyException} already in the cause chain, if any. */
    static RollbackSafetyException findUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RollbackSafetyException r) {
                return r;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Describes a failure that happened while {@code file} was being read. */
    static RollbackSafetyException of(String file, Throwable e) {
        var known = findUserError(e);
        if (known != null) {
            return known;
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SAXParseException sax) {
                return new RollbackSafetyException("malformed XML: " + sax.getMessage(), file,
                        Math.max(sax.getLineNumber(), 0), null);
            }
            if (t instanceof MarkedYAMLException yaml) {
                var mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
                var problem = yaml.getProblem() != null ? yaml.getProblem() : firstLine(yaml.getMessage());
                return new RollbackSafetyException("malformed YAML/JSON: " + problem, file,
                        mark == null ? 0 : mark.getLine() + 1, null);
            }
            if (t instanceof liquibase.parser.core.xml.XSDLookUpException) {
                return new RollbackSafetyException("the XML refers to an external entity, DTD or schema that is not "
                        + "available offline; the check never fetches anything over the network ("
                        + firstLine(t.getMessage()) + ")", file, 0, null);
            }
            if (t instanceof ClassNotFoundException) {
                return new RollbackSafetyException("custom change class " + t.getMessage() + " is not on the class "
                        + "path of the check; Liquibase loads custom change classes while parsing", file, 0, null);
            }
            if (t instanceof StackOverflowError) {
                return new RollbackSafetyException("changelog nesting too deep (an include cycle?)", file, 0, null);
            }
        }
        var message = deepestMessage(e);
        var notFound = NOT_FOUND.matcher(message);
        if (notFound.find()) {
            message = "changelog file " + notFound.group(1) + " was not found";
        }
        return new RollbackSafetyException("cannot read changelog: " + message, file, 0, e);
    }

    /**
     * The file or folder a Liquibase message is about ({@code The file x was not found}, {@code includeAll 'x/'}),
     * so that the line naming it can be found in the including file.
     */
    static java.util.Optional<String> mentionedName(Throwable e) {
        var message = deepestMessage(e);
        var notFound = NOT_FOUND.matcher(message);
        if (notFound.find()) {
            return java.util.Optional.of(notFound.group(1));
        }
        int start = message.lastIndexOf('\'', message.length() - 2);
        if (message.endsWith("'") && start >= 0) {
            return java.util.Optional.of(message.substring(start + 1, message.length() - 1));
        }
        return java.util.Optional.empty();
    }

    /** The most specific message in the chain: Liquibase wraps causes with their class name as message. */
    static String deepestMessage(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            var m = t.getMessage();
            if (m != null && !m.isBlank() && !m.startsWith("liquibase.") && !m.startsWith("java.")) {
                best = m;
            }
        }
        if (best == null) {
            best = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return firstLine(best);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
