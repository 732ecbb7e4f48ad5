package com.acme.legacy;

import javax.persistence.*;

/** On-demand import of javax.persistence; a nested constant holder. */
@Entity
@Table(name = Ledger.Names.TABLE)
public class Ledger {
    @Id
    private Long id;

    private String entryCode;

    @Transient
    private String cached;

    @javax.persistence.Column(name = Names.AMOUNT_COLUMN)
    private long amountCents;

    static final class Names {
        static final String TABLE = "ledger_entries";
        static final String AMOUNT_COLUMN = "amount_cents_v1";
    }
}
