package com.acme.model;

/** Table names kept in one place, as some teams do. */
public final class Names {
    public static final String SCHEMA_PREFIX = "shop_";
    public static final String ORDERS = SCHEMA_PREFIX + "orders";

    private Names() {
    }
}
