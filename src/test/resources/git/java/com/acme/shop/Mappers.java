package com.acme.shop;

import org.apache.ibatis.annotations.Select;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.NamedNativeQuery;

@NamedNativeQuery(name = "Customer.byEmail", query = "select * from customers where email = ?1")
public class Mappers {

    interface CustomerRepository {
        @Query(value = "select c.* from customers c where c.vip = true", nativeQuery = true)
        List<Customer> vips();

        @Query("select c from Customer c where c.name = :name")
        List<Customer> byName(String name);
    }

    interface CustomerDao {
        @SqlQuery("select name from customers where id = :id")
        String name(long id);

        @SqlUpdate("insert into customers (id, name) values (:id, :name)")
        void insert(long id, String name);
    }

    interface CustomerMapper {
        @Select({"select id, name", "from customers", "where region = #{region}"})
        List<Customer> inRegion(String region);
    }
}
