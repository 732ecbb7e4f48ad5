-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_4 WHERE id = ?;

INSERT INTO orders_4 (id, customer_id, total) VALUES (?, ?, ?);
