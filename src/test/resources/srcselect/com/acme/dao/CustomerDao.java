package com.acme.dao;

import static com.acme.db.Columns.CUSTOMER_NAME;
import static com.acme.db.Names.*;

public class CustomerDao {
    public String byName() {
        return "SELECT id, " + CUSTOMER_NAME + " FROM customers WHERE " + CUSTOMER_NAME + " = ?";
    }

    public String lines() {
        return "SELECT quantity FROM " + ORDER_LINES + " WHERE order_id = ?";
    }
}
