-- queries of the previous release
SELECT id, status
  FROM orders
 WHERE status = 'a;b';

/* block; comment */
INSERT INTO audit (msg) VALUES ('it''s; fine');

CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

UPDATE orders SET note = $tag$x;y$tag$ WHERE "we;ird" = 1
