INSERT INTO orders (id, status, total) VALUES (?, ?, ?);
SELECT id, status FROM order_summary;
