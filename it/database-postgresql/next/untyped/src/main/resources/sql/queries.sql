-- optional filters: PostgreSQL cannot type these parameters without casts
SELECT id FROM orders WHERE (? IS NULL OR status = ?) AND id > ? + 0;

SELECT id, total FROM orders WHERE customer_id = ?;
