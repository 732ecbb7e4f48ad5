package com.acme;

public class Broken {
    void oops() {
        String sql = "select a from broken_table";
        int x = = 3;
    }
}
