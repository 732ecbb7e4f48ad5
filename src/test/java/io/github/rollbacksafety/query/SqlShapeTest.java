package io.github.rollbacksafety.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "select id from orders",
        "SELECT o.id, o.status\n  FROM orders o WHERE o.id = ?",
        "  (select a from b) union (select c from d)",
        "insert into orders (id) values (?)",
        "update orders set status = ?",
        "UPDATE orders o SET o.status = ?",
        "delete from orders where id = ?",
        "with recent as (select * from orders) select * from recent",
        "merge into orders o using dual on (1 = 1)",
        "select nextval('order_seq')",
        "SELECT id FROM %s WHERE id IN (%s)",
        "delete from <table> where id = :id",
        "TRUNCATE TABLE orders",
        "truncate order_items, orders cascade",
        "truncate shop.order_items",
        "{call close_orders(?)}",
        "{? = call next_order_number()}",
        "CALL shop.refresh_totals()",
        "call refresh_totals(?, ?)",
        "COPY orders (id, total) FROM STDIN",
        "copy orders to '/tmp/orders.csv'",
        "COPY (SELECT id FROM orders) TO STDOUT",
    })
    void statementsWithSqlStructureLookLikeSql(String text) {
        assertThat(SqlShape.looksLikeSql(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "legacy_status must not be empty",
        "Please update your legacy_status soon",
        "select the best option",
        "update failed for order",
        "deleted from cache",
        "order_id",
        "insert coin",
        "withdrawal as (pending)",
        "Truncate the text to fit",
        "truncate descriptions",
        "call me maybe (later)",
        "Call support (24/7)",
        "copy text to clipboard",
        "Copy files from the archive",
    })
    void textThatOnlyMentionsSqlWordsIsNotSql(String text) {
        assertThat(SqlShape.looksLikeSql(text)).isFalse();
    }
}
