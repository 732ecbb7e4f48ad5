--liquibase formatted sql
-- the middle statement is not SQL any parser knows
ALTER TABLE orders ADD COLUMN note varchar(100);
UPDATE orders SET WHERE id = 1;
ALTER TABLE orders DROP COLUMN legacy_status;
CREATE UNIQUE INDEX ux_orders_number ON orders (number);
