-- Creates a table, then fails: the table must not survive.
CREATE TABLE two (id BIGINT NOT NULL PRIMARY KEY);
INSERT INTO one (id) VALUES (2);
INSERT INTO no_such_table (id) VALUES (3);
