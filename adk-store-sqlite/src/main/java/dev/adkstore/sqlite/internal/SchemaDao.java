package dev.adkstore.sqlite.internal;

import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The metadata table's schema version. The DDL is in Flyway migrations, the resource folder
 * {@code dev/adkstore/sqlite/migration}, which docs/schema.md includes and the core's schema
 * migrator runs.
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface SchemaDao extends SqlObject {
  /** The schema version this code creates and understands: its newest migration's. */
  int SCHEMA_VERSION = 2;

  /** The migrations' class-path folder. */
  String MIGRATIONS = "dev/adkstore/sqlite/migration";

  /**
   * Reads the schema version, if the metadata table exists: a store's reads work before
   * {@code createTables()}, and a missing table is the database of no version.
   *
   * @return the version text
   */
  default Optional<String> schemaVersion() {
    String table = (String) getHandle().getConfig(SqlStatements.class).getAttribute("metadata");
    return tableExists(table) ? readSchemaVersion() : Optional.empty();
  }

  /**
   * Whether a table exists.
   *
   * @param name its name
   * @return true if it does
   */
  @SqlQuery("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = :name")
  boolean tableExists(String name);

  /** @return the recorded version text */
  @SqlQuery("SELECT value FROM <metadata> WHERE name = 'schema_version'")
  Optional<String> readSchemaVersion();
}
