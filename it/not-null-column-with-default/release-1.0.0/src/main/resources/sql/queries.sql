-- 1.0.0 inserts orders without naming region
INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);
SELECT id, total FROM orders WHERE customer_id = ?;
