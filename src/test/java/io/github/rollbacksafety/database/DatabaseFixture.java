package io.github.rollbacksafety.database;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.changelog.ChangelogOptions;
import io.github.rollbacksafety.changelog.ChangelogReader;
import io.github.rollbacksafety.changelog.ChangelogSource;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two releases of a small changelog written as XML files (changesets as given), and previous-release queries as a
 * {@code queries.sql} would list them, turned into a {@link DatabaseCheck.Request} the way the engine does: every
 * statement, and the usage of those the static parser understands.
 */
final class DatabaseFixture {

    static final String MASTER = "db/changelog/db.changelog-master.xml";

    private final Path dir;
    private final List<String> released = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private final List<QueryUsage> mappings = new ArrayList<>();

    DatabaseFixture(Path dir) {
        this.dir = dir;
    }

    /** A changeset both releases have. */
    DatabaseFixture released(String id, String body) {
        released.add(changeSet(id, body));
        return this;
    }

    /** A changeset only the current release has. */
    DatabaseFixture added(String id, String body) {
        added.add(changeSet(id, body));
        return this;
    }

    DatabaseFixture query(String sql) {
        queries.add(sql);
        return this;
    }

    /**
     * An entity mapped to {@code table} with these columns, as the JPA readers turn a mapping into usage: a
     * statement-less query that reads and writes the table's mapped columns.
     */
    DatabaseFixture entity(String className, String table, String... columns) {
        var q = new Query("-- mapping of " + className, SourceLocation.of(className.replace('.', '/') + ".java", 1),
                QuerySourceKind.JPA_MAPPING);
        var uses = java.util.Arrays.stream(columns)
                .map(c -> QueryUsage.ColumnUse.of(table, c, QueryUsage.Access.READ)).toList();
        mappings.add(new QueryUsage(q, List.of(new QueryUsage.TableUse(table, true)), uses,
                List.of(new QueryUsage.InsertUse(table, List.of(columns), false)), List.of(), List.of()));
        return this;
    }

    private static String changeSet(String id, String body) {
        return "  <changeSet id=\"" + id + "\" author=\"shop\">\n" + body + "\n  </changeSet>\n";
    }

    DatabaseCheck.Request request() {
        var previous = write("previous", released);
        var all = new ArrayList<>(released);
        all.addAll(added);
        var current = write("current", all);
        var statements = new ArrayList<Query>();
        var usages = new ArrayList<QueryUsage>();
        var extractor = new SqlUsageExtractor();
        for (int i = 0; i < queries.size(); i++) {
            var q = new Query(queries.get(i), SourceLocation.of("sql/queries.sql", i + 1), QuerySourceKind.SQL_RESOURCE);
            statements.add(q);
            try {
                usages.add(extractor.extract(q));
            } catch (UnparsableQueryException e) {
                // the database still sees it
            }
        }
        mappings.forEach(m -> {
            statements.add(m.query());
            usages.add(m);
        });
        var reader = new ChangelogReader();
        List<ChangeSetRef> releasedRefs = reader.read(previous, ChangelogOptions.DEFAULT).changeSets();
        List<ChangeSetRef> currentRefs = reader.read(current, ChangelogOptions.DEFAULT).changeSets();
        return new DatabaseCheck.Request("1.0.0", previous, current, ChangelogOptions.DEFAULT, statements, usages,
                releasedRefs, currentRefs);
    }

    private ChangelogSource write(String name, List<String> changeSets) {
        var root = dir.resolve(name);
        try {
            Files.createDirectories(root.resolve(MASTER).getParent());
            Files.writeString(root.resolve(MASTER), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd\">\n"
                    + String.join("", changeSets) + "</databaseChangeLog>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ChangelogSource.of(root, MASTER, name);
    }

    /** The seed's orders table. */
    static final String ORDERS = """
                <createTable tableName="orders">
                  <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                  <column name="customer" type="varchar(100)"/>
                  <column name="status" type="varchar(20)"/>
                  <column name="legacy_status" type="varchar(20)"/>
                  <column name="created_at" type="timestamp"/>
                </createTable>""";
}
