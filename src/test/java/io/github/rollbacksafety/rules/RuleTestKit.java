package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.UsageIndex;
import io.github.rollbacksafety.schema.ColumnDef;
import io.github.rollbacksafety.schema.ColumnType;
import io.github.rollbacksafety.schema.NameResolver;
import io.github.rollbacksafety.schema.SchemaBuilder;
import io.github.rollbacksafety.schema.SchemaOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a rule's world from the model, so that a test reads as a story: what the previous release had and did,
 * which changesets this release adds, and what the rule says. Runs changes through a {@link RuleContext} the way
 * the engine does (check, then advance).
 */
final class RuleTestKit {

    private static final SqlUsageExtractor EXTRACTOR = new SqlUsageExtractor();

    private final List<SchemaOp> previousSchema = new ArrayList<>();
    private final List<QueryUsage> usages = new ArrayList<>();
    private final List<ChangeSetRef> changeSets = new ArrayList<>();
    private final List<ChangeSetRef> removed = new ArrayList<>();
    private final List<RuleContext.ModifiedChangeSet> modified = new ArrayList<>();
    private int changeSetLine = 10;
    private NameResolver names = NameResolver.UNCONFIGURED;

    private RuleTestKit() {
    }

    /** Starts the story with the previous release. */
    static RuleTestKit previousRelease() {
        return new RuleTestKit();
    }

    /** Unqualified names are in {@code schema} (the {@code defaultSchema} parameter). */
    RuleTestKit defaultSchema(String schema) {
        names = NameResolver.withDefaultSchema(Optional.of(schema));
        return this;
    }

    // ---- column definitions ----

    static ColumnDef nullable(String name, String type) {
        return ColumnDef.nullable(name, type);
    }

    static ColumnDef notNull(String name, String type) {
        return new ColumnDef(name, ColumnType.parseOptional(type), false, Optional.empty(), false);
    }

    static ColumnDef notNullWithDefault(String name, String type, String defaultValue) {
        return new ColumnDef(name, ColumnType.parseOptional(type), false, Optional.of(defaultValue), false);
    }

    static ColumnDef identity(String name, String type) {
        return new ColumnDef(name, ColumnType.parseOptional(type), false, Optional.empty(), true);
    }

    static ColumnType type(String spelling) {
        return ColumnType.parse(spelling);
    }

    // ---- the previous release's schema ----

    RuleTestKit table(String name, ColumnDef... columns) {
        previousSchema.add(new SchemaOp.CreateTable(name, List.of(columns)));
        return this;
    }

    RuleTestKit view(String name, String... columns) {
        previousSchema.add(new SchemaOp.CreateView(name, false, "select ...", List.of(columns)));
        return this;
    }

    RuleTestKit unique(String table, String name, String... columns) {
        previousSchema.add(new SchemaOp.AddUnique(table, List.of(columns), Optional.of(name)));
        return this;
    }

    RuleTestKit sequence(String name) {
        previousSchema.add(new SchemaOp.CreateSequence(name));
        return this;
    }

    // ---- the previous release's queries ----

    /** {@code SELECT a, b FROM table}. */
    RuleTestKit selects(String table, String... columns) {
        return sql("SELECT " + String.join(", ", columns) + " FROM " + table);
    }

    /** {@code UPDATE table SET a = ?}. */
    RuleTestKit updates(String table, String... columns) {
        return sql("UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ?");
    }

    /** {@code INSERT INTO table (a, b) VALUES (?, ?)}. */
    RuleTestKit inserts(String table, String... columns) {
        return sql("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.length, "?")) + ")");
    }

    /** {@code INSERT INTO table VALUES (...)}: no column list. */
    RuleTestKit insertsPositionally(String table) {
        return sql("INSERT INTO " + table + " VALUES (?, ?)");
    }

    /** {@code SELECT * FROM table}. */
    RuleTestKit selectsStar(String table) {
        return sql("SELECT * FROM " + table);
    }

    /** {@code DELETE FROM table}. */
    RuleTestKit deletes(String table) {
        return sql("DELETE FROM " + table);
    }

    /** {@code SELECT nextval('sequence')}. */
    RuleTestKit usesSequence(String sequence) {
        return sql("SELECT nextval('" + sequence + "')");
    }

    /**
     * A query of the previous release, as the check sees it: parsed by the real {@link SqlUsageExtractor}, so rules
     * are tested on usage the extractor can produce. Located at {@code sql/queries.sql:<n>}.
     */
    RuleTestKit sql(String statement) {
        var query = new Query(statement, SourceLocation.of("sql/queries.sql", usages.size() + 1),
                QuerySourceKind.SQL_RESOURCE);
        try {
            usages.add(EXTRACTOR.extract(query));
        } catch (UnparsableQueryException e) {
            throw new IllegalArgumentException("test query does not parse: " + statement, e);
        }
        return this;
    }

    // ---- this release ----

    /** A new changeset by author {@code shop}, with these ops in order. */
    RuleTestKit changeSet(String id, SchemaOp... ops) {
        changeSets.add(changeSetRef(id, "9:new-" + id, List.of(ops)));
        return this;
    }

    RuleTestKit removedChangeSet(String id) {
        removed.add(changeSetRef(id, "9:released-" + id, List.of()));
        return this;
    }

    RuleTestKit modifiedChangeSet(String id, String releasedChecksum, String currentChecksum) {
        modified.add(new RuleContext.ModifiedChangeSet(changeSetRef(id, releasedChecksum, List.of()),
                changeSetRef(id, currentChecksum, List.of()), releasedChecksum, currentChecksum));
        return this;
    }

    private ChangeSetRef changeSetRef(String id, String checksum, List<SchemaOp> ops) {
        changeSetLine += 10;
        return new ChangeSetRef(id, "shop", "db/changelog/db.changelog-master.xml", changeSetLine, checksum, false,
                false, Set.of(), Optional.empty(), ops, List.of());
    }

    // ---- running a rule ----

    /** What the rule reports on every new change, in order. */
    List<Violation> check(Rule rule) {
        var context = context();
        var violations = new ArrayList<Violation>();
        for (var change : context.release()) {
            violations.addAll(rule.check(change, context));
            context.advance(change);
        }
        return violations;
    }

    /** What the rule reports about the history. */
    List<Rule.HistoryViolation> checkHistory(Rule rule) {
        return rule.checkHistory(context());
    }

    private RuleContext context() {
        var builder = new SchemaBuilder(names);
        previousSchema.forEach(builder::apply);
        var previous = builder.snapshot();
        var planned = new ArrayList<PlannedChange>();
        // names resolved as the engine resolves them, against the schema just before each op
        var naming = new SchemaBuilder(previous);
        for (var cs : changeSets) {
            for (var op : cs.ops()) {
                var resolved = naming.resolved(op);
                naming.apply(resolved);
                planned.add(new PlannedChange(cs, resolved, planned.size()));
            }
        }
        return new RuleContext(previous, UsageIndex.of(usages, previous), planned, removed, modified);
    }
}
