CREATE TABLE account (id bigint PRIMARY KEY, legacy_name varchar(100));
