package com.acme.model;

import com.acme.db.Tables;
import jakarta.persistence.*;

@Entity
@Table(name = Tables.CUSTOMERS)
public class Customer extends BaseEntity {
    @Column(name = com.acme.db.Columns.CUSTOMER_NAME)
    private String name;

    @Embedded
    private Address address;

    @Enumerated(EnumType.STRING)
    private Status status;
}
