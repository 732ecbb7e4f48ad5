package com.acme.model;

import com.acme.db.Columns;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public class Address {
    private String street;

    @Column(name = Columns.CITY)
    private String city;
}
