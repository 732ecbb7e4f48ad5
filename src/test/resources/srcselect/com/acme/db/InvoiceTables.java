package com.acme.db;

/** Implemented by the DAO that uses its constants unqualified. */
public interface InvoiceTables {
    String INVOICES = "invoices";
}
