package com.acme.dao;

import java.util.List;

/** SQL assembled across statements, the way plain JDBC code does it. */
public class AssembledDao {

    private final Db db;

    public AssembledDao(Db db) {
        this.db = db;
    }

    public Object fourteenAppends(String status) {
        StringBuilder sql = new StringBuilder();
        sql.append("SELECT o.id");
        sql.append(", o.status");
        sql.append(", o.total");
        sql.append(", o.legacy_status");
        sql.append(", c.name");
        sql.append(", c.email");
        sql.append(" FROM orders o");
        sql.append(" JOIN customers c");
        sql.append(" ON c.id = o.customer_id");
        sql.append(" WHERE o.status = ?");
        sql.append(" AND o.total > 0");
        sql.append(" AND c.active = true");
        sql.append(" ORDER BY o.id");
        sql.append(" DESC");
        return db.query(sql.toString(), status);
    }

    public Object branches(String status, boolean byCustomer) {
        StringBuffer sql = new StringBuffer("SELECT id, total FROM orders WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = ?");
        }
        if (byCustomer) {
            sql.append(" AND customer_id = ?");
        } else {
            sql.append(" AND archived = false");
        }
        return db.query(sql.toString(), status);
    }

    public Object loop(List<Long> ids) {
        StringBuilder sql = new StringBuilder("SELECT id FROM orders WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append("?");
        }
        sql.append(")");
        return db.query(sql.toString(), ids.toArray());
    }

    public Object trailingComma(List<String> names) {
        StringBuilder sql = new StringBuilder("UPDATE orders SET ");
        for (String name : names) {
            sql.append(name).append(" = ?,");
        }
        sql.setLength(sql.length() - 1);
        sql.append(" WHERE id = ?");
        return db.update(sql.toString());
    }

    public Object plusAssign(boolean open) {
        String sql = "SELECT id, note";
        sql += " FROM order_notes";
        if (open) {
            sql += " WHERE closed_at IS NULL";
        }
        return db.query(sql);
    }

    public Object joined() {
        return db.query(String.join(" ", "SELECT", Columns.ORDER_COLUMNS, "FROM", Columns.ORDERS));
    }

    public Object textBlockConcat(long id) {
        String select = """
                SELECT id, shipped_at
                FROM shipments
                """;
        return db.query(select.concat("WHERE order_id = ").concat(String.valueOf(id)));
    }

    public Object formatted(String tenant, String placeholders) {
        return db.query(String.format("SELECT id, amount FROM %s_payments WHERE order_id IN (%s)", tenant,
                placeholders));
    }

    public Object formattedConstants(int limit) {
        return db.query("SELECT %s FROM %s LIMIT %d".formatted(Columns.ORDER_COLUMNS, Columns.ORDERS, limit));
    }

    public Object otherClassConstant(long order) {
        return db.query("SELECT id, amount" + Tables.FROM_PAYMENTS + " WHERE order_id = " + order);
    }

    public Object helperAppends(String status) {
        StringBuilder sql = new StringBuilder("SELECT id FROM orders o");
        where(sql, status);
        sql.append(" ORDER BY id");
        return db.query(sql.toString());
    }

    private void where(StringBuilder sql, String status) {
        sql.append(" WHERE o.status = '").append(status).append("'");
    }

    public Object conditionalTable(boolean archived) {
        String table = archived ? "orders_archive" : "orders";
        return db.query("DELETE FROM " + table + " WHERE id = ?");
    }

    public Object dynamicTable(String table) {
        return db.query("SELECT id, created_at FROM " + table + " WHERE id = ?");
    }

    public Object reversed() {
        StringBuilder sql = new StringBuilder("SELECT id FROM ").append("sredro");
        sql.reverse();
        return db.query(sql.toString());
    }
}
