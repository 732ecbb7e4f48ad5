package com.acme.shop;

/** Release 1.0.0 reads the customer's orders with hand-written SQL. */
class OrderDao {
    private static final String TABLE = "cached_orders";
    private static final String BY_CUSTOMER = "SELECT id, total FROM " + TABLE + " WHERE customer_id = ?";

    String byCustomer() {
        return BY_CUSTOMER;
    }
}
