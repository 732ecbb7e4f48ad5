package io.github.rollbacksafety.query;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What both front ends (Java sources and the class files javac makes of them) must give for the fixture sources
 * under {@code assembled/}, by the method each statement is handed on in. Where the front ends differ, their tests
 * say so on their own.
 */
public final class AssembledStatements {

    private static final Map<String, List<String>> ON_BOTH_FRONT_ENDS = Map.ofEntries(
            entry("fourteenAppends", List.of("SELECT o.id, o.status, o.total, "
                    + "o.legacy_status, c.name, c.email FROM orders o JOIN customers c ON c.id = o.customer_id "
                    + "WHERE o.status = ? AND o.total > 0 AND c.active = true ORDER BY o.id DESC")),
            entry("loop", List.of("SELECT id FROM orders WHERE id IN (?)")),
            entry("trailingComma", List.of("UPDATE orders SET ${name} = ? WHERE id = ?")),
            entry("plusAssign", List.of("SELECT id, note FROM order_notes WHERE closed_at IS NULL")),
            entry("joined", List.of("SELECT id, status, total FROM orders")),
            entry("textBlockConcat", List.of("SELECT id, shipped_at\nFROM shipments\nWHERE order_id = ?")),
            entry("otherClassConstant", List.of("SELECT id, amount FROM payments WHERE order_id = ?")),
            entry("formatted", List.of("SELECT id, amount FROM ${tenant}_payments WHERE order_id IN (?)")),
            entry("formattedConstants", List.of("SELECT id, status, total FROM orders LIMIT ?")),
            entry("dynamicTable", List.of("SELECT id, created_at FROM ${table} WHERE id = ?")),
            // a helper that may append: an unknown part
            entry("helperAppends", List.of("SELECT id FROM orders o ${where} ORDER BY id")));

    private AssembledStatements() {
    }

    /** Asserts that a front end gave exactly the expected statements for each of these methods. */
    public static void assertGives(Map<String, List<String>> byMethod, String... methods) {
        for (var method : methods) {
            assertThat(byMethod.get(method)).as(method).containsExactlyElementsOf(ON_BOTH_FRONT_ENDS.get(method));
        }
    }
}
