/**
 * The embedded SQLite backend of the adk-store port: {@link dev.adkstore.sqlite.SqliteAdkStore},
 * configured with {@link dev.adkstore.sqlite.SqliteStoreConfig}. The schema and its differences
 * from the seed are documented in {@code docs/schema.md}.
 */
package dev.adkstore.sqlite;
