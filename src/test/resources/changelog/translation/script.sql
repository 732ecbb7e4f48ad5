create table from_file (id int);
