--liquibase formatted sql

--changeset shop:s2
create table t2 (id int);
