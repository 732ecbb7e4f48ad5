-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders WHERE id = ?;

INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);
