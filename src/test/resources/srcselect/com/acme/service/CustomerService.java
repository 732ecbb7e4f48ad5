package com.acme.service;

import com.acme.model.Status;

/** Prose with statement words, and no SQL: never parsed. */
public class CustomerService {
    private static final String HINT = "Select a customer first";

    public String removed(int count) {
        return "Deleted " + count + " customer" + (count == 1 ? "" : "s");
    }

    public String update(String name) {
        return "Update the customer " + name + " where it is " + Status.ACTIVE + " " + HINT;
    }
}
