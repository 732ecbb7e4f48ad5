package com.acme.model;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

@MappedSuperclass
public abstract class BaseEntity {
    @Id
    protected Long id;

    @Column(name = "created_at")
    protected java.time.Instant created;
}
