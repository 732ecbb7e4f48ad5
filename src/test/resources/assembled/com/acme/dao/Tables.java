package com.acme.dao;

public final class Tables {
    public static final String PAYMENTS = "payments";
    public static final String FROM_PAYMENTS = " FROM " + PAYMENTS;

    private Tables() {
    }
}
