package com.acme.dao;

public interface Db {
    Object query(String sql, Object... args);

    int update(String sql, Object... args);
}
