package com.acme.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Release 1.0.0: legacyStatus has no @Column, Spring Boot's naming maps it to legacy_status. */
@Entity
@Table(name = "orders")
public class PurchaseOrder {
    @Id
    private Long id;

    @Column(name = "customer_id", nullable = false)
    private Long customerId;

    private String legacyStatus;

    private BigDecimal total;
}
