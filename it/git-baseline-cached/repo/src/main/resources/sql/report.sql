SELECT count(*) FROM cached_orders WHERE total > 100;
