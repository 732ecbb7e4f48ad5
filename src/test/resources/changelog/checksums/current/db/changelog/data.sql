insert into t1 (id) values (2);
