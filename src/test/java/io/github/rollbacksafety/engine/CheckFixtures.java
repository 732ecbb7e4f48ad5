package io.github.rollbacksafety.engine;

import io.github.rollbacksafety.baseline.PreviousRelease;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.query.sqlfile.QueryFilesSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Changelog folders ({@code <name>/db/master.xml}) and previous releases with a query file, in a test folder. */
record CheckFixtures(Path dir) {

    private static final String HEAD = "<?xml version=\"1.0\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n";
    private static final String TAIL = "</databaseChangeLog>\n";

    /** A changelog whose changesets are {@code body}; they start on line 3 of its file. */
    ChangelogSource changelog(String name, String body) throws IOException {
        var root = dir.resolve(name);
        Files.createDirectories(root.resolve("db"));
        Files.writeString(root.resolve("db/master.xml"), HEAD + body + TAIL);
        return ChangelogSource.of(root, "db/master.xml", name);
    }

    /** A previous release with its changelog and its queries in {@code <version>.sql}. */
    PreviousRelease release(String version, String body, String queries) throws IOException {
        var source = changelog(version, body);
        Files.writeString(dir.resolve(version + ".sql"), queries);
        return new PreviousRelease(version, source, List.of(new QueryFilesSource(dir, List.of(version + ".sql"))));
    }
}
