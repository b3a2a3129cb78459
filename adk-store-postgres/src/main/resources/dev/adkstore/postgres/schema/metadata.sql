-- PostgreSQL store: the metadata table, where createTables() records the schema version.
--
-- It is not in V1__create_tables.sql because no one schema version owns it: createTables()
-- creates it, then reads the recorded version from it and fails before V1 runs when the
-- database is newer than the code (STORE-CONTRACT L7). Its name is not a Flyway migration name
-- on purpose: Flyway keeps that record in its own history table, so the move to Flyway decides
-- what becomes of this one.
--
-- <metadata> is a Jdbi define, the configured table name, qualified with the configured schema;
-- V1__create_tables.sql says how these files are run. docs/schema-postgres.md shows this file
-- verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS <metadata> (
  name  TEXT COLLATE "C" PRIMARY KEY,
  value TEXT NOT NULL
);
