-- SQLite store: the metadata table, where createTables() records the schema version.
--
-- It is not in V1__create_tables.sql because no one schema version owns it: every version of
-- the store reads the recorded version from it to refuse a newer database (STORE-CONTRACT L7).
-- The PostgreSQL store creates it, and checks that version, before it runs its V1; both stores
-- lay out their files alike. Its name is not a Flyway migration name on purpose: Flyway keeps
-- that record in its own history table, so the move to Flyway decides what becomes of this one.
--
-- SchemaDao.createAll() runs it first, in the createTables() transaction. <metadata> is a Jdbi
-- define, the configured table name; V1__create_tables.sql says how these files are run.
-- docs/schema.md shows this file verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS <metadata> (
  name  TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
