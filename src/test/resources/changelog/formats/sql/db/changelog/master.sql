--liquibase formatted sql

--changeset shop:1
create table orders (
    id bigint primary key,
    status varchar(20) default 'NEW' not null,
    note varchar(100)
);

--changeset shop:2
alter table orders add column total numeric(10,2) default 0 not null;

--changeset shop:3
alter table orders drop column note;
