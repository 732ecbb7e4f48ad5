package com.acme.shipping;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Spring Boot's CamelCaseToUnderscoresNamingStrategy maps the explicit name trackingCode to tracking_code. */
@Entity
@Table(name = "shipment")
public class Shipment {
    @Id
    private Long id;

    @Column(name = "trackingCode", nullable = false)
    private String trackingCode;

    private String carrier;
}
