-- a row-constructor update (PostgreSQL), which the static parser cannot read
UPDATE orders SET (status, legacy_status) = ROW(?, ?) WHERE id = ?;

SELECT id, total FROM orders WHERE id = ?;
