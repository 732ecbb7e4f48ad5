-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_2 WHERE id = ?;

INSERT INTO orders_2 (id, customer_id, total) VALUES (?, ?, ?);
