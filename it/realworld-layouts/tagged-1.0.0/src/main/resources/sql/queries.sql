SELECT id, name, legacy_plan FROM tenant;
SELECT id, sku FROM item;
