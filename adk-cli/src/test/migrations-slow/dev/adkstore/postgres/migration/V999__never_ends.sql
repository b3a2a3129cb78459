-- Half an upgrade: a table made, then a statement that runs for a while.
CREATE TABLE ${sessions}_half_upgraded (x INTEGER);
INSERT INTO ${sessions}_half_upgraded VALUES (1);
UPDATE ${metadata} SET value = '999' WHERE name = 'schema_version';
SELECT pg_sleep(8);
