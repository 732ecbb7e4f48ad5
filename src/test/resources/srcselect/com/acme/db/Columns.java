package com.acme.db;

public final class Columns {
    public static final String CUSTOMER_NAME = "full_name";
    public static final String CITY = "city_name";

    private Columns() {
    }
}
