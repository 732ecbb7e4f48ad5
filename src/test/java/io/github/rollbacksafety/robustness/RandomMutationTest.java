package io.github.rollbacksafety.robustness;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.engine.RollbackSafetyCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Seeded random mutations of valid changelogs (XML, YAML, formatted SQL) and of the previous release's queries
 * (characters and lines deleted, duplicated, swapped; truncation), each run through the whole engine: every case
 * either completes or ends with a {@link RollbackSafetyException}, never another exception and never a hang.
 */
class RandomMutationTest {

    private static final long SEED = 20_240_611L;
    private static final int CASES = 300;

    private static final String XML = HostileProject.VALID_MASTER.replace("</databaseChangeLog>", """
              <changeSet id="2" author="a">
                <addColumn tableName="orders"><column name="total" type="decimal(10,2)"/></addColumn>
                <renameColumn tableName="orders" oldColumnName="note" newColumnName="remark"/>
              </changeSet>
              <changeSet id="3" author="a">
                <addNotNullConstraint tableName="orders" columnName="status" columnDataType="varchar(20)"/>
                <dropColumn tableName="orders" columnName="total"/>
              </changeSet>
            </databaseChangeLog>""");

    private static final String YAML = """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - createTable:
                        tableName: orders
                        columns:
                          - column: {name: id, type: bigint}
                          - column: {name: status, type: varchar(20)}
                          - column: {name: note, type: varchar(200)}
              - changeSet:
                  id: 2
                  author: a
                  changes:
                    - modifyDataType: {tableName: orders, columnName: status, newDataType: varchar(5)}
                    - dropColumn: {tableName: orders, columnName: note}
            """;

    private static final String SQL = """
            --liquibase formatted sql
            --changeset a:1
            CREATE TABLE orders (id bigint, status varchar(20), note varchar(200));
            --changeset a:2
            ALTER TABLE orders ADD COLUMN total numeric(10,2) NOT NULL DEFAULT 0;
            ALTER TABLE orders RENAME COLUMN note TO remark;
            --changeset a:3
            ALTER TABLE orders ALTER COLUMN status TYPE varchar(5);
            """;

    private static final String QUERIES = HostileProject.QUERIES + """
            SELECT o.id, (SELECT max(x.status) FROM orders x WHERE x.id = o.id) AS s FROM orders o JOIN orders p ON p.id = o.id;
            DELETE FROM orders WHERE status IN ('a', 'b') AND note LIKE '%x%';
            INSERT INTO orders VALUES (1, 'new', 'n');
            """;

    @TempDir
    Path temp;

    @Test
    void mutatedInputsCompleteOrFailWithAUserError() {
        var random = new Random(SEED);
        var outcomes = new int[2];
        var unexpected = new ArrayList<String>();
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
            for (int i = 0; i < CASES; i++) {
                var mutationCase = mutationCase(i, random);
                var dir = temp.resolve("case-" + i);
                var request = mutationCase.project().write(dir);
                try {
                    var result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                            () -> new RollbackSafetyCheck().run(request), mutationCase.description());
                    assertThat(result.verdict()).isNotNull();
                    outcomes[0]++;
                } catch (RollbackSafetyException e) {
                    assertThat(e.describe()).isNotBlank();
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    if (e instanceof org.opentest4j.AssertionFailedError timeout) {
                        throw timeout;
                    }
                    unexpected.add(mutationCase.description() + ": " + e);
                }
            }
        });
        assertThat(unexpected).isEmpty();
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(CASES);
        // the mutations reach both outcomes, so the test exercises error paths as well as analysis
        assertThat(outcomes[0]).isPositive();
        assertThat(outcomes[1]).isPositive();
    }

    private record Case(String description, HostileProject project) {
    }

    private static Case mutationCase(int i, Random random) {
        var project = new HostileProject();
        switch (i % 4) {
            case 0 -> {
                var text = mutate(XML, random);
                project.current(HostileProject.MASTER, text);
                return new Case("case " + i + " xml", project);
            }
            case 1 -> {
                project.currentMaster("db/changelog/master.yaml").current("db/changelog/master.yaml", mutate(YAML, random));
                return new Case("case " + i + " yaml", project);
            }
            case 2 -> {
                project.currentMaster("db/changelog/master.sql").current("db/changelog/master.sql", mutate(SQL, random));
                return new Case("case " + i + " sql", project);
            }
            default -> {
                project.current(HostileProject.MASTER, XML).previous("sql/queries.sql", mutate(QUERIES, random));
                return new Case("case " + i + " queries", project);
            }
        }
    }

    /** One to three random edits: delete, duplicate or swap characters or lines, or truncate. */
    static String mutate(String text, Random random) {
        var s = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            int len = 1 + random.nextInt(Math.min(20, s.length() - at));
            switch (random.nextInt(6)) {
                case 0 -> s = s.substring(0, at) + s.substring(at + len);
                case 1 -> s = s.substring(0, at + len) + s.substring(at, at + len) + s.substring(at + len);
                case 2 -> {
                    int other = random.nextInt(s.length());
                    var chars = s.toCharArray();
                    var c = chars[at];
                    chars[at] = chars[other];
                    chars[other] = c;
                    s = new String(chars);
                }
                case 3 -> s = s.substring(0, at);
                case 4 -> s = mutateLines(s, random, true);
                default -> s = mutateLines(s, random, false);
            }
        }
        return s;
    }

    private static String mutateLines(String s, Random random, boolean delete) {
        var lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int a = random.nextInt(lines.size());
        if (delete) {
            lines.remove(a);
        } else {
            int b = random.nextInt(lines.size());
            var line = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, line);
        }
        return String.join("\n", lines);
    }

    @Test
    void mutationsAreReproducible() {
        assertThat(mutate(XML, new Random(SEED))).isEqualTo(mutate(XML, new Random(SEED)));
    }

}
