-- 1.0.0 inserts without a column list
INSERT INTO orders VALUES (?, ?, ?, ?);
