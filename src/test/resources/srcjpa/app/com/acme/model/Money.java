package com.acme.model;

import jakarta.persistence.*;

@Embeddable
public class Money {
    private java.math.BigDecimal amount;
    private String currencyCode;
}
