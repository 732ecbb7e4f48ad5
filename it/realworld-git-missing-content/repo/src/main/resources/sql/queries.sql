SELECT id, legacy_code FROM orders;
