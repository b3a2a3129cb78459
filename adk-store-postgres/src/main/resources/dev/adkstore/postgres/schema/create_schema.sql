-- PostgreSQL store: the schema the tables go into, when PostgresStoreConfig.schema is set.
--
-- Only then: without a configured schema the tables go wherever the connection's search_path
-- points, and the store creates no schema. So this is a file of its own, which createTables()
-- runs only then, after the advisory lock and SET LOCAL search_path. Its name is not a Flyway
-- migration name on purpose: Flyway creates the schemas it is given itself.
--
-- <schema> is a Jdbi define, the configured schema name; V1__create_tables.sql says how these
-- files are run. docs/schema-postgres.md shows this file verbatim, and SchemaDocsTest fails
-- when the two differ.

CREATE SCHEMA IF NOT EXISTS <schema>;
