package com.acme.dao;

import com.acme.db.Tables;

public class OrderDao {
    private final Jdbc jdbc = new Jdbc();

    public Object find(long id) {
        return jdbc.query("SELECT id, total FROM " + Tables.ORDERS + " WHERE id = ?", id);
    }

    static class Jdbc {
        Object query(String sql, Object... args) {
            return null;
        }
    }
}
