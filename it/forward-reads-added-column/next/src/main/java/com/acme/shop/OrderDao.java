package com.acme.shop;

/** Release 1.1.0 reads the discount column that its own changeset adds; its inserts are unchanged. */
public class OrderDao {
    static final String FIND = "SELECT id, customer_id, total, discount FROM orders WHERE id = ?";
    static final String INSERT = "INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?)";

    public String find() {
        return FIND;
    }

    public String insert() {
        return INSERT;
    }
}
