SELECT id, status FROM orders WHERE id = ?;
