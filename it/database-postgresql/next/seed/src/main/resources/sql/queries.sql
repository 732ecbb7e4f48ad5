-- queries of the shop application
SELECT id, customer_id, total FROM orders WHERE id = ?;

INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);
