package dev.adkstore.postgres.internal;

import dev.adkstore.jdbc.SchemaFiles;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The DDL and the schema-version row. The DDL is in the .sql files of the resource folder
 * {@code dev/adkstore/postgres/schema}, which docs/schema-postgres.md includes. Table, index and
 * schema names come from defined attributes that {@link StoreSql} validated; nothing here
 * concatenates input.
 *
 * <p>Attach to a handle inside a transaction; not thread-safe, like the handle.
 */
public interface SchemaDao extends SqlObject {

  /** The metadata row that holds the schema version. */
  String SCHEMA_VERSION_KEY = "schema_version";

  /**
   * Serializes concurrent createTables calls, from this process or others, until commit.
   *
   * @param key the advisory lock key derived from the qualified table names
   * @return 1
   */
  @SqlQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
  int lockSchema(@Bind("key") long key);

  /**
   * Makes the configured schema the search path until the transaction ends, so unqualified names
   * in the owner column's DDL resolve there, whatever connection settings the pool or the
   * caller's DataSource has.
   */
  @SqlUpdate("SET LOCAL search_path TO <schema>")
  void useSchemaForDdl();

  /** Creates the configured schema: {@code create_schema.sql}. */
  default void createSchema() {
    runSchemaFile("create_schema.sql");
  }

  /** Creates the metadata table: {@code metadata.sql}. */
  default void createMetadata() {
    runSchemaFile("metadata.sql");
  }

  /**
   * Creates the tables and indexes of schema version 1, with the owner column DDL when
   * configured: {@code V1__create_tables.sql}.
   */
  default void createTablesAndIndexes() {
    runSchemaFile("V1__create_tables.sql");
  }

  /**
   * Records the schema version unless one is recorded.
   *
   * @param version the version
   */
  @SqlUpdate(
      "INSERT INTO <metadata> (name, value) VALUES ('" + SCHEMA_VERSION_KEY + "', :version)"
          + " ON CONFLICT (name) DO NOTHING")
  void recordSchemaVersion(@Bind("version") String version);

  /**
   * Reads the schema version.
   *
   * @return the version text
   */
  @SqlQuery("SELECT value FROM <metadata> WHERE name = '" + SCHEMA_VERSION_KEY + "'")
  Optional<String> schemaVersion();

  /**
   * Reads the server's version.
   *
   * @return such as {@code 15.4}
   */
  @SqlQuery("SHOW server_version")
  String serverVersion();

  private void runSchemaFile(String name) {
    SchemaFiles.run(getHandle(), "dev/adkstore/postgres/schema/" + name, SchemaDao.class.getClassLoader());
  }
}
