-- Half an upgrade: a table made, then a statement that runs for minutes.
CREATE TABLE ${sessions}_half_upgraded (x INTEGER);
INSERT INTO ${sessions}_half_upgraded VALUES (1);
UPDATE ${metadata} SET value = '999' WHERE name = 'schema_version';
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000) SELECT count(*) FROM c;
