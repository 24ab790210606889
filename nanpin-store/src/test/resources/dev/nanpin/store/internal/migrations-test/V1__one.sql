-- A first migration for the tests.
CREATE TABLE one (id BIGINT NOT NULL PRIMARY KEY);
INSERT INTO one (id) VALUES (1);
