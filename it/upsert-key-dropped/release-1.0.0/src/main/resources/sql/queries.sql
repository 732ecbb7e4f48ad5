-- stock levels are upserted on (sku, warehouse)
INSERT INTO stock (sku, warehouse, quantity) VALUES (?, ?, ?)
ON CONFLICT (sku, warehouse) DO UPDATE SET quantity = EXCLUDED.quantity;

SELECT quantity FROM stock WHERE sku = ? AND warehouse = ?;
