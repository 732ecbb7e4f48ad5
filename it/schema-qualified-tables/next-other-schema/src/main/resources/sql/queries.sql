-- queries of the shop application: the live orders only
SELECT id, note FROM app.orders WHERE id = ?;

-- unqualified: which orders this is depends on the search path
SELECT id, total FROM orders WHERE id = ?;
