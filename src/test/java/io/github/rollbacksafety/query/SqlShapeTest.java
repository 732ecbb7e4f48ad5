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
    })
    void textThatOnlyMentionsSqlWordsIsNotSql(String text) {
        assertThat(SqlShape.looksLikeSql(text)).isFalse();
    }
}
