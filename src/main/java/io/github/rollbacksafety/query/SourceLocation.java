package io.github.rollbacksafety.query;

/**
 * Where a previous-release query was found: a file and line (e.g. {@code sql/queries.sql:3}), and for code
 * the class and member (e.g. {@code com.acme.OrderRepository#findOpen}).
 *
 * @param file   file path inside the artifact or project, '/'-separated
 * @param line   1-based line, 0 when unknown
 * @param member {@code Class#member}, or empty for resources
 */
public record SourceLocation(String file, int line, String member) {

    public SourceLocation {
        member = member == null ? "" : member;
    }

    public static SourceLocation of(String file, int line) {
        return new SourceLocation(file, line, "");
    }

    @Override
    public String toString() {
        var where = line > 0 ? file + ":" + line : file;
        return member.isEmpty() ? where : where + " (" + member + ")";
    }
}
