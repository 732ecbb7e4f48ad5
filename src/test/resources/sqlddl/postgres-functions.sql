-- a trigger function whose body holds semicolons
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

/* the column it fills */
ALTER TABLE orders ADD COLUMN updated_at timestamp with time zone;

CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- a body with a custom tag and a quoted ';'
CREATE FUNCTION note(text) RETURNS text AS $fn$ SELECT 'a;b' || $1; $fn$ LANGUAGE sql;

ALTER TABLE orders DROP COLUMN legacy_status;
