SELECT id, total FROM orders WHERE id = ?;
