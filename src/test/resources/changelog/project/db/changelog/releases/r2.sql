alter table customer add column r2 int;
