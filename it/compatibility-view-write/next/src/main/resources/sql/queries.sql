-- queries of the shop application
SELECT id, status, total FROM orders WHERE customer_id = ?;

UPDATE orders SET status = ? WHERE id = ?;

INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);

SELECT id, name FROM customers WHERE id = ?;

DELETE FROM customers WHERE id = ?;
