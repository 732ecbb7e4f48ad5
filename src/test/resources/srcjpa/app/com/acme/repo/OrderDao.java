package com.acme.repo;

import com.acme.model.Order;

public class OrderDao {
    private static final String BY_STATUS = "select o from Order o where o.legacyStatus = :s";

    Object open(jakarta.persistence.EntityManager em) {
        return em.createQuery(BY_STATUS, Order.class).getResultList();
    }

    Object mixed(jakarta.persistence.EntityManager em) {
        return em.createQuery("select l.id from Line l").getResultList();
    }
}
