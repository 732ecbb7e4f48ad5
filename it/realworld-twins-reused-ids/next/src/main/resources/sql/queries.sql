SELECT id, status, legacy_code FROM orders WHERE id = ?;
SELECT id, name FROM customer;
