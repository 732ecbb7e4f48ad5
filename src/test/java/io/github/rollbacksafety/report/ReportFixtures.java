package io.github.rollbacksafety.report;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.engine.CheckResult;
import io.github.rollbacksafety.engine.Coverage;
import io.github.rollbacksafety.engine.FailOn;
import io.github.rollbacksafety.engine.Verdict;
import io.github.rollbacksafety.engine.Waiver;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.rules.Direction;
import io.github.rollbacksafety.rules.Finding;
import io.github.rollbacksafety.rules.FindingObject;
import io.github.rollbacksafety.rules.Rule;
import io.github.rollbacksafety.rules.RuleCatalogue;
import io.github.rollbacksafety.rules.Severity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A fixed check result with findings of every kind the reports must show, shared by the report tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** The real rule catalogue: reports list every rule with its id, severity, summary and direction. */
    static final List<Rule> RULES = RuleCatalogue.all();

    static final ChangeSetRef DROP_LEGACY_STATUS = changeSet("5", "shop", "db/changelog/db.changelog-master.xml", 42);
    static final ChangeSetRef UNIQUE_EMAIL = changeSet("6", "shop", "db/changelog/changes/002-unique.yaml", 3);
    static final ChangeSetRef DROP_AUDIT_LOG = changeSet("7", "ops", "db/changelog/db.changelog-master.xml", 60);

    static ChangeSetRef changeSet(String id, String author, String file, int line) {
        return new ChangeSetRef(id, author, file, line, "9:" + id, false, false, Set.of(), Optional.empty(),
                List.of(), List.of());
    }

    static Query query(String sql, String file, int line, String member, QuerySourceKind kind) {
        return new Query(sql, new SourceLocation(file, line, member), kind);
    }

    static final Finding COLUMN_DROPPED = new Finding("column-dropped", Severity.BREAKING, DROP_LEGACY_STATUS,
            FindingObject.column("orders", "legacy_status"),
            "Column orders.legacy_status is dropped, but the previous release reads it in 2 queries.",
            "Stop using the column in this release; drop it in the next release, once no running version reads it.",
            List.of(query("SELECT id, legacy_status\n  FROM orders\n WHERE status = ?", "sql/queries.sql", 1, "",
                            QuerySourceKind.SQL_RESOURCE),
                    query("select legacy_status from orders o where o.id = ?",
                            "BOOT-INF/classes/com/acme/shop/OrderRepository.class", 0,
                            "com.acme.shop.OrderRepository#findStatus", QuerySourceKind.BYTECODE_STRING)),
            Optional.empty(), List.of("1.0.0"));

    static final Finding UNIQUE_ADDED = new Finding("unique-constraint-added", Severity.RISKY, UNIQUE_EMAIL,
            FindingObject.table("customers"),
            "A unique constraint on customers(email) is added; the previous release inserts into customers and may "
                    + "write duplicates.",
            "Deduplicate first and make the previous release tolerate the constraint, or add it in a later release.",
            List.of(query("INSERT INTO customers (email, name) VALUES (#{email}, #{name})",
                    "mapper/CustomerMapper.xml", 12, "com.acme.shop.CustomerMapper#insert",
                    QuerySourceKind.MYBATIS_XML)),
            Optional.empty(), List.of("1.0.0"));

    static final Finding TABLE_DROPPED_WAIVED = new Finding("table-dropped", Severity.BREAKING, DROP_AUDIT_LOG,
            FindingObject.table("audit_log"),
            "Table audit_log is dropped, but the previous release writes it.",
            "Stop writing the table in this release; drop it in the next one.",
            List.of(query("DELETE FROM audit_log WHERE created < ?", "sql/cleanup.sql", 4, "",
                    QuerySourceKind.SQL_RESOURCE)),
            Optional.empty(), List.of("1.0.0")).waive("audit_log is written only by the retired nightly job");

    private static final List<QueryCollector.Unparsed> UNPARSED = List.of(
            new QueryCollector.Unparsed(query("SELECT * FROM orders ${where}", "mapper/OrderMapper.xml", 30,
                    "com.acme.shop.OrderMapper#search", QuerySourceKind.MYBATIS_XML),
                    "dynamic SQL: ${where} is filled in at run time"),
            new QueryCollector.Unparsed(query("MERGE INTO totals t USING (", "BOOT-INF/classes/com/acme/"
                            + "shop/Totals.class", 0, "com.acme.shop.Totals#merge",
                    QuerySourceKind.BYTECODE_STRING), "incomplete statement"));

    static final Coverage COVERAGE = new Coverage(
            Map.of(QuerySourceKind.SQL_RESOURCE, new Coverage.Counts(3, 3),
                    QuerySourceKind.MYBATIS_XML, new Coverage.Counts(2, 1),
                    QuerySourceKind.BYTECODE_STRING, new Coverage.Counts(4, 3)),
            UNPARSED,
            List.of("Could not read BOOT-INF/lib/broken.jar: zip END header not found"),
            Coverage.reasonsOf(UNPARSED),
            List.of(new QueryCollector.Excluded("db/create/shop.postgres.create.sql", "DDL or migration script", 12)));

    static final Waiver UNUSED_WAIVER = new Waiver("column-renamed", Optional.of("shop:99"), Optional.of("orders.note"),
            "renamed in 1.2 behind a view");

    static CheckResult result() {
        return new CheckResult(List.of("1.0.0"), Verdict.FAIL,
                List.of(DROP_LEGACY_STATUS, UNIQUE_EMAIL, DROP_AUDIT_LOG), COVERAGE,
                List.of(COLUMN_DROPPED, UNIQUE_ADDED, TABLE_DROPPED_WAIVED), List.of(UNUSED_WAIVER),
                List.of("db/changelog/db.changelog-master.xml:70 shop:8: precondition tableExists(archive) could not "
                        + "be decided statically; assumed to run"));
    }

    static final ReportMeta.Coordinates PROJECT = new ReportMeta.Coordinates("io.github.shop", "shop-app", "1.1.0");
    static final ReportMeta.Coordinates BASELINE = new ReportMeta.Coordinates("io.github.shop", "shop-app", "1.0.0");

    static ReportMeta meta() {
        return new ReportMeta(ReportMeta.TOOL_NAME, "0.1.0", PROJECT, Optional.of(BASELINE),
                Optional.of(Path.of("/home/ci/shop")), "src/main/resources/");
    }

    static ReportData data() {
        return new ReportData(meta(), result(), RULES, FailOn.BREAKING);
    }

    /** A first release: no baseline, nothing to check against. */
    static ReportData firstRelease() {
        var result = new CheckResult(List.of(), Verdict.PASS, List.of(DROP_LEGACY_STATUS, UNIQUE_EMAIL),
                Coverage.NONE, List.of(), List.of(), List.of("No previous release: nothing to stay compatible with."));
        var meta = new ReportMeta(ReportMeta.TOOL_NAME, "0.1.0", PROJECT, Optional.empty(), Optional.empty(), "");
        return new ReportData(meta, result, RULES, FailOn.BREAKING);
    }

    static final ChangeSetRef ADD_STATE_V2 = changeSet("8", "shop", "db/changelog/db.changelog-master.xml", 80);

    /** Forward (new app + old schema): the current release writes a column only its own changeset adds. */
    static final Finding NEEDS_NEW_SCHEMA = new Finding("needs-new-schema", Severity.RISKY, ADD_STATE_V2,
            FindingObject.column("orders", "order_state_v2"),
            "Adds orders.order_state_v2 (changeset shop:8); the current release writes it and fails on the previous"
                    + " schema until the migration has run.",
            "Run the migration before the new code starts, or tolerate the column's absence behind a feature flag.",
            List.of(query("INSERT INTO orders (id, order_state_v2) VALUES (?, ?)", "sql/queries.sql", 4, "",
                    QuerySourceKind.SQL_RESOURCE)),
            Optional.empty(), List.of("1.0.0"), Direction.FORWARD);

    /** Forward: the current release stops writing a NOT NULL column that its changeset drops. */
    static final Finding FORWARD_INSERT_BROKEN = new Finding("forward-insert-broken", Severity.BREAKING,
            DROP_LEGACY_STATUS, FindingObject.column("orders", "legacy_status"),
            "Drops orders.legacy_status (changeset shop:5); the current release inserts into orders without a value"
                    + " for it, but the previous schema has it NOT NULL without a default.",
            "Make the column nullable or give it a default one release earlier.",
            List.of(query("insert into orders (id, customer_id) values (?, ?)",
                    "com/acme/shop/OrderRepository.class", 0, "com.acme.shop.OrderRepository#save",
                    QuerySourceKind.BYTECODE_STRING)),
            Optional.empty(), List.of("1.0.0"), Direction.FORWARD);

    static final Coverage FORWARD_COVERAGE = new Coverage(
            Map.of(QuerySourceKind.SQL_RESOURCE, new Coverage.Counts(2, 2),
                    QuerySourceKind.BYTECODE_STRING, new Coverage.Counts(1, 1)), List.of(), List.of());

    /** Both directions checked: a backward finding, two forward ones (one waived), coverage of both releases. */
    static ReportData forward() {
        var result = new CheckResult(List.of("1.0.0"), Verdict.FAIL, List.of(DROP_LEGACY_STATUS, ADD_STATE_V2),
                COVERAGE, List.of(COLUMN_DROPPED, FORWARD_INSERT_BROKEN,
                NEEDS_NEW_SCHEMA.waive("migrations run as a pipeline step before the rollout")), List.of(), List.of(),
                Optional.of(FORWARD_COVERAGE));
        return new ReportData(meta(), result, RULES, FailOn.BREAKING);
    }

    /** A finding whose texts hold everything the formats must escape. */
    static ReportData hostile() {
        var cs = changeSet("x<&>|`1", "a|b", "db/changelog/we ird|<file>.xml", 9);
        var finding = new Finding("column-dropped", Severity.BREAKING, cs, FindingObject.column("t", "c"),
                "Drops <b>c</b> & breaks `SELECT` | pipes *here* [link](x)",
                "Use ```fences``` & <script>alert(1)</script>",
                List.of(query("SELECT a FROM t WHERE x < 5 AND y & 1 = 1 AND `name` = 'a|b' -- ```\n\u0007bell",
                        "sql/q|`x`.sql", 3, "", QuerySourceKind.SQL_RESOURCE)),
                Optional.empty(), List.of("1.0.0"));
        var result = new CheckResult(List.of("1.0.0"), Verdict.FAIL, List.of(cs), Coverage.NONE, List.of(finding),
                List.of(), List.of());
        return new ReportData(meta(), result, RULES, FailOn.BREAKING);
    }
}
