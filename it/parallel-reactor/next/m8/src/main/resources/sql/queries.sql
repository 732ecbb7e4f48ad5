-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_8 WHERE id = ?;

INSERT INTO orders_8 (id, customer_id, total) VALUES (?, ?, ?);
