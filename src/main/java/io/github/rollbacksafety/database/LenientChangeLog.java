package io.github.rollbacksafety.database;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.change.core.AddColumnChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.exception.ValidationFailedException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A parsed changelog that Liquibase 4.33's validation refuses, applied the way the Liquibase version that deployed
 * it did: a changeset declared twice (same file, id and author) runs once, the first time, and validation errors
 * do not stop the update. A column position this database has no syntax for ({@code afterColumn},
 * {@code beforeColumn}, {@code position} on PostgreSQL) is left out, so the column goes last, where such a database
 * put it when the release was deployed (only when rebuilding a released schema). A changeset that really cannot
 * run still fails when it runs. Checksum mismatches are not overlooked: they are handled as before
 * ({@link ChangelogApplication}).
 */
final class LenientChangeLog extends DatabaseChangeLog {

    private final List<String> overlooked = new ArrayList<>();
    private final boolean rebuildsRelease;
    private final List<ChangelogApplication.ChangeSetKey> repositioned = new ArrayList<>();

    /**
     * @param rebuildsRelease the changelog rebuilds a released schema: column positions its database has no syntax
     *                        for are left out (a current changelog's new changesets keep them and fail as they
     *                        would on deployment)
     */
    LenientChangeLog(DatabaseChangeLog parsed, boolean rebuildsRelease) {
        super(parsed.getPhysicalFilePath());
        this.rebuildsRelease = rebuildsRelease;
        setLogicalFilePath(parsed.getLogicalFilePath());
        setChangeLogParameters(parsed.getChangeLogParameters());
        setPreconditions(parsed.getPreconditions());
        var seen = new HashSet<String>();
        var duplicates = new ArrayList<String>();
        for (ChangeSet cs : parsed.getChangeSets()) {
            if (seen.add(cs.toString(false))) {
                addChangeSet(cs);
            } else {
                duplicates.add(cs.toString(false));
            }
        }
        if (!duplicates.isEmpty()) {
            overlooked.add("declared twice, run once: " + String.join(", ", duplicates));
        }
    }

    private void withoutUnsupportedPositions(Database database) {
        int before = repositioned.size();
        for (ChangeSet cs : getChangeSets()) {
            for (var change : cs.getChanges()) {
                if (!(change instanceof AddColumnChange add) || !add.validate(database).hasErrors()) {
                    continue;
                }
                var positioned = add.getColumns().stream().filter(c -> c.getAfterColumn() != null
                        || c.getBeforeColumn() != null || c.getPosition() != null).toList();
                for (var column : positioned) {
                    column.setAfterColumn(null);
                    column.setBeforeColumn(null);
                    column.setPosition(null);
                }
                var key = ChangelogApplication.ChangeSetKey.of(cs);
                if (!positioned.isEmpty() && !repositioned.contains(key)) {
                    repositioned.add(key);
                }
            }
        }
        if (repositioned.size() > before) {
            overlooked.add("column positions " + database.getShortName() + " has no syntax for, left out: "
                    + String.join(", ", repositioned.subList(before, repositioned.size()).stream()
                    .map(k -> k.filePath() + "::" + k.idAndAuthor()).toList()));
        }
    }

    /**
     * Changesets whose column positions were left out: their checksums as recorded are not the released ones, so
     * the caller clears them (Liquibase then records the current changelog's as it validates it).
     */
    List<ChangelogApplication.ChangeSetKey> repositioned() {
        return List.copyOf(repositioned);
    }

    /** What the validation refused and the update overlooked, in Liquibase's words. */
    List<String> overlooked() {
        return List.copyOf(overlooked);
    }

    @Override
    public void validate(Database database, Contexts contexts, LabelExpression labelExpression)
            throws LiquibaseException {
        if (rebuildsRelease) {
            withoutUnsupportedPositions(database);
        }
        try {
            super.validate(database, contexts, labelExpression);
        } catch (ValidationFailedException e) {
            if (!e.getInvalidMD5Sums().isEmpty()) {
                throw e;
            }
            overlooked.add(ChangelogApplication.brief(e.getMessage()));
        }
    }
}
