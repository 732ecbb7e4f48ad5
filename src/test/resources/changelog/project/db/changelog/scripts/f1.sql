--liquibase formatted sql

--changeset shop:s1
create table t1 (id int);
