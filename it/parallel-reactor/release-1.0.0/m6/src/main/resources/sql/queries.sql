-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders_6 WHERE id = ?;

INSERT INTO orders_6 (id, customer_id, total) VALUES (?, ?, ?);
