package com.acme.repo;

import com.acme.model.Order;
import org.springframework.data.jpa.repository.*;

import java.util.List;

public interface OrderRepository extends JpaRepository<Order, Long> {
    @Query("select o.total.amount from Order o where o.createdBy = ?1")
    List<Object> totals(String user);

    @Query(value = "select count(*) from shop_orders", nativeQuery = true)
    long count();
}
