--liquibase formatted sql

--changeset shop:s10
create table t10 (id int);
