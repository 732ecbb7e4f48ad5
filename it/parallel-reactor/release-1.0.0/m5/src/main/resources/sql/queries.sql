-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_5 WHERE id = ?;

INSERT INTO orders_5 (id, customer_id, total) VALUES (?, ?, ?);
