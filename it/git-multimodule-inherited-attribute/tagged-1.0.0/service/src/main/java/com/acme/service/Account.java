package com.acme.service;

import com.acme.core.AbstractEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An account; id and scopeId are inherited from the core module's mapped superclass. */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.children", query = "SELECT a FROM Account a WHERE a.scopeId = :scopeId ORDER BY a.name")
public class Account extends AbstractEntity {
    private String name;
}
