package com.acme.dao;

import com.acme.db.InvoiceTables;

public class InvoiceDao implements InvoiceTables {
    public String unpaid() {
        return "SELECT amount FROM " + INVOICES + " WHERE paid = false";
    }
}
