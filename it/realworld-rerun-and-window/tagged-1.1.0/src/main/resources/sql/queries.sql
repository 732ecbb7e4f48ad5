INSERT INTO orders (id, status, total, currency) VALUES (?, ?, ?, ?);
SELECT id, status FROM order_summary;
