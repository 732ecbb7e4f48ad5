-- queries of the shop application
SELECT id, customer_id, legacy_status FROM orders WHERE id = ?;

INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?);

-- PostgreSQL syntax H2 does not speak: inconclusive, not broken
INSERT INTO orders (id, customer_id) VALUES (?, ?) ON CONFLICT (id) DO NOTHING RETURNING id;
