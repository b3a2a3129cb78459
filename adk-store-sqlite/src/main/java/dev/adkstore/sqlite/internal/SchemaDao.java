package dev.adkstore.sqlite.internal;

import dev.adkstore.jdbc.SchemaFiles;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The schema: DDL and the metadata table. The DDL is in the .sql files of the resource
 * folder {@code dev/adkstore/sqlite/schema}, which docs/schema.md includes.
 * Table names and the owner column come from validated configuration through Jdbi defines
 * ({@code <sessions>}, {@code <ownerColumnDdl>}, ...).
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface SchemaDao extends SqlObject {
  /** The schema version this code creates and understands. */
  int SCHEMA_VERSION = 1;

  /** The metadata entry that holds the schema version. */
  String SCHEMA_VERSION_KEY = "schema_version";

  /**
   * Reads a metadata value.
   *
   * @param name the entry
   * @return the value
   */
  @SqlQuery("SELECT value FROM <metadata> WHERE name = :name")
  Optional<String> readMetadata(String name);

  /**
   * Writes a metadata value.
   *
   * @param name the entry
   * @param value the value
   */
  @SqlUpdate(
      "INSERT INTO <metadata> (name, value) VALUES (:name, :value)"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")
  void writeMetadata(String name, String value);

  /**
   * Creates the metadata table if missing, from {@code dev/adkstore/sqlite/schema/metadata.sql},
   * on this DAO's handle, so inside the caller's transaction.
   */
  default void createMetadata() {
    runSchemaFile("metadata.sql");
  }

  /**
   * Creates every other table and index if missing: idempotent (STORE-CONTRACT L1). Runs
   * {@code dev/adkstore/sqlite/schema/V1__create_tables.sql} on this DAO's handle.
   */
  default void createTablesAndIndexes() {
    runSchemaFile("V1__create_tables.sql");
  }

  private void runSchemaFile(String name) {
    SchemaFiles.run(getHandle(), "dev/adkstore/sqlite/schema/" + name, SchemaDao.class.getClassLoader());
  }
}
