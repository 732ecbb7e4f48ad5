package com.acme.shop;

/** Plain JDBC access of release 1.0.0: its SQL lives in string constants of the compiled class. */
public class OrderDao {
    static final String FIND = "SELECT id, customer_id, total FROM orders WHERE id = ?";
    static final String INSERT = "INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?)";

    public String find() {
        return FIND;
    }

    public String insert() {
        return INSERT;
    }
}
