package com.acme.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Release 1.0.0 maps cached_orders.legacy_status through the field legacyStatus. */
@Entity
@Table(name = "cached_orders")
public class PurchaseOrder {
    @Id
    private Long id;

    @Column(name = "customer_id", nullable = false)
    private Long customerId;

    private String legacyStatus;

    private BigDecimal total;
}
