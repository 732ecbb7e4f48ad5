package com.acme.shop;

public interface Tables {
    String ORDERS = "orders";
    String ORDER_COLUMNS = "id, status, created_at";
}
