-- queries of the shop application, no longer reading legacy_status
SELECT id, customer_id, total FROM orders WHERE id = ?;

INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);
