SELECT id, status, legacy_code FROM orders WHERE id = ?;
