-- queries of the shop application, release 1.1.0: writes the new state column next to the old one
SELECT id, customer_id, legacy_status FROM orders WHERE id = ?;

INSERT INTO orders (id, customer_id, total, order_state_v2) VALUES (?, ?, ?, ?);

UPDATE orders SET order_state_v2 = ? WHERE id = ?;
