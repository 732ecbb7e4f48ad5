package io.github.rollbacksafety.changelog;

import io.github.rollbacksafety.schema.SchemaOp;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ChangelogReader} keeps of one changelog file it parsed, to stand in for Liquibase's parse of the same
 * file when it is read again with the same bytes and options ({@link ParsedFileStore}): for every changeset the
 * attributes Liquibase gave it (from which a changeset without changes is rebuilt, so that Liquibase's include
 * handling, filters and de-duplication run on it as on the parsed one) and what the reader derived from its changes
 * (schema operations, notes, preconditions); the file's own attributes; and the scan of its declarations (lines,
 * text fingerprints). Only files whose parse depends on nothing but their bytes, the options and the changelog
 * parameters in force are kept: no includes, entities, changelog preconditions, or changes that read other files;
 * a file that uses or defines parameters is keyed by all parameters in force too, and its definitions are replayed.
 *
 * @param physicalPath   the file, as Liquibase names it
 * @param logicalFilePath the file's {@code logicalFilePath} attribute, else null
 * @param contextFilter  the file's own context filter, else null (no expression)
 * @param quoting        the file's {@code objectQuotingStrategy}, else null
 * @param declarations   the scan of the file's changeset declarations
 * @param changeSets     the changesets Liquibase returned, in order
 * @param skipped        the changesets Liquibase skipped for another dbms
 * @param defines        the changelog parameters the file's properties added, in order
 * @param parametersAfter for a file that uses or defines parameters, all of Liquibase's parameters after its parse
 *                       (as {@code FileReuse} spells them), else null
 */
public record ParsedFile(String physicalPath, String logicalFilePath, Context contextFilter, String quoting,
                         List<ChangeSetLines.Declaration> declarations, List<ChangeSet> changeSets,
                         List<Skipped> skipped, List<Parameter> defines, String parametersAfter) {

    public ParsedFile {
        declarations = List.copyOf(declarations);
        changeSets = List.copyOf(changeSets);
        skipped = List.copyOf(skipped);
        defines = List.copyOf(defines);
    }

    /**
     * One changeset: Liquibase's attributes (null where Liquibase has none) and what the reader derived; its
     * checksum only when its text does not decide it (e.g. {@code ${...}}), else null (the fingerprint stands in).
     */
    public record ChangeSet(String id, String author, String filePath, String logicalFilePath, boolean alwaysRun,
                            boolean runOnChange, Context contextFilter, String dbms, String runWith,
                            String runWithSpoolFile, boolean runInTransaction, String quoting, String labels,
                            boolean ignore, String runOrder, String created, String comments,
                            List<String> validCheckSums, Optional<Precondition.Guard> guard, List<SchemaOp> ops,
                            List<String> notes, String checksum) {
        public ChangeSet {
            validCheckSums = List.copyOf(validCheckSums);
            ops = List.copyOf(ops);
            notes = List.copyOf(notes);
        }
    }

    /** A context expression as the text it was made of (which may be null); null where there is no expression. */
    public record Context(String original) {
    }

    /** A changelog parameter a file's {@code <property>} added (global or local to the file). */
    public record Parameter(String key, String value, Context contexts, String labels, String databases,
                            boolean global) {
    }

    /** A changeset Liquibase skipped while parsing because its dbms does not match the chosen one. */
    public record Skipped(String id, String author, String filePath, String dbms) {
    }
}
