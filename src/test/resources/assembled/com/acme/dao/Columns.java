package com.acme.dao;

/** Constants of another class: an interface constant and a static final field built from others. */
public interface Columns {
    String ORDER_COLUMNS = "id, status, total";
    String ORDERS = "orders";
}
