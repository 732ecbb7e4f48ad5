-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_3 WHERE id = ?;

INSERT INTO orders_3 (id, customer_id, total) VALUES (?, ?, ?);
