package com.acme.shop;

public class OrderDao {
    static final String FIND = "SELECT id, customer_id, legacy_status FROM orders WHERE id = ?";
}
