package com.acme.shop;

import static com.acme.shop.Tables.ORDER_COLUMNS;

import java.util.List;

public class OrderRepository {

    static final String BY_ID = "select id, status from orders where id = ?";

    private static final String FROM_ORDERS = " from " + Tables.ORDERS;

    private final Jdbc jdbc;

    public OrderRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<Order> open() {
        return jdbc.query("SELECT o.id, o.status FROM orders o WHERE o.status = 'OPEN'");
    }

    public List<Order> recent(int days) {
        String sql = """
                select id, created_at
                  from orders
                 where created_at > now() - interval '1 day'
                """;
        return jdbc.query(sql);
    }

    public int close(long id, String reason) {
        return jdbc.update("update orders set status = 'CLOSED', "
                + "close_reason = '" + reason + "' "
                + "where id = " + id);
    }

    public List<Order> all() {
        return jdbc.query("select " + ORDER_COLUMNS + FROM_ORDERS);
    }

    public String describe(Order order) {
        log("customer_id");
        log("Select a product from the list.");
        log("Order " + order.id() + " updated from status " + order.status());
        return "status";
    }

    public List<Order> jpql(EntityManager em) {
        return em.createQuery("select o from Order o where o.status = :s").getResultList();
    }
}
