package com.acme.db;

/** Whole statements kept as constants; the service hands them on without writing any SQL itself. */
public final class Queries {
    public static final String MONTHLY_TOTALS = "SELECT month, sum(total) FROM " + Tables.ORDERS + " GROUP BY month";

    private Queries() {
    }
}
