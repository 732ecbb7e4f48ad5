package com.acme.shop;

/** Plain JDBC style: the statement is assembled over several statements. */
public class OrderDao {

    public String search(String customer, boolean open) {
        StringBuilder sql = new StringBuilder();
        sql.append("SELECT id");
        sql.append(", customer_id");
        sql.append(", legacy_status");
        sql.append(" FROM orders");
        sql.append(" WHERE 1 = 1");
        if (customer != null) {
            sql.append(" AND customer_id = ?");
        }
        if (open) {
            sql.append(" AND total > 0");
        }
        return sql.toString();
    }
}
