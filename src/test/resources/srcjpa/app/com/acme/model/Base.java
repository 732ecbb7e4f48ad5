package com.acme.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

@MappedSuperclass
public abstract class Base<K> {
    @jakarta.persistence.Id
    protected K id;

    @Column(name = "created_by")
    protected String createdBy;

    protected java.time.Instant lastModified;
}
