package com.acme.shop;

public class OrderDao {
    static final String FIND = "SELECT id, customer_id, total FROM orders WHERE id = ?";
}
