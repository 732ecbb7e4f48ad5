package com.acme.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "card_payments")
public class CardPayment extends Payment {
    @Column(name = "card_number")
    private String cardNumber;
}
