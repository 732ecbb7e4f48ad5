package com.acme.legacy;

import javax.persistence.Access;
import javax.persistence.AccessType;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Transient;

/** The older javax spelling, with property access. */
@Entity
@Access(AccessType.PROPERTY)
public class Ticket {
    private Long key;
    private String openedBy;

    @Id
    public Long getId() {
        return key;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    @Transient
    public String getSummary() {
        return "";
    }

    public boolean isUrgent() {
        return false;
    }
}
