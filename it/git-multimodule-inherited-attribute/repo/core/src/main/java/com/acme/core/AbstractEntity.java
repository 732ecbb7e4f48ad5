package com.acme.core;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** What every entity of the application has: an id and the scope (tenant) it belongs to. */
@MappedSuperclass
public abstract class AbstractEntity {
    @Id
    private Long id;

    @Column(name = "scope_id", nullable = false)
    private Long scopeId;
}
