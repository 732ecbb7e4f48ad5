-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_1 WHERE id = ?;

INSERT INTO orders_1 (id, customer_id, total) VALUES (?, ?, ?);
