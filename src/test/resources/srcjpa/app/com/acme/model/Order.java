package com.acme.model;

import jakarta.persistence.*;
import java.util.List;

import static com.acme.model.Names.ORDERS;

@Entity(name = "Order")
@Table(name = ORDERS)
@NamedQuery(name = "Order.open", query = "select o from Order o where o.legacyStatus = 'OPEN'")
public class Order extends Base<Long> {
    private String legacyStatus;

    @Transient
    private String displayCache;

    private transient int scratch;

    private static String shared;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "total_amount"))
    private Money total;

    @OneToMany(mappedBy = "order")
    private List<Line> lines;

    /** A nested entity, named with $ like its class file. */
    @Entity
    @Table(name = Names.SCHEMA_PREFIX + "order_lines")
    public static class Line {
        @Id
        private Long id;
        @ManyToOne
        private Order order;
        private Money price;
    }
}
