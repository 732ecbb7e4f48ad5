package com.acme.db;

public interface Names {
    String ORDER_LINES = "order_lines";
}
