-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_7 WHERE id = ?;

INSERT INTO orders_7 (id, customer_id, total) VALUES (?, ?, ?);
