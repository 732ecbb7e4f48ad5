package com.acme.db;

/** Table names in one place: no SQL here, but the DAOs fold these names into theirs. */
public final class Tables {
    public static final String ORDERS = "orders";
    public static final String CUSTOMERS = "customers";

    private Tables() {
    }
}
