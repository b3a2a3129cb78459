package dev.adkstore.postgres.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The schema lock and version row. The DDL is in Flyway migrations, the resource folder
 * {@code dev/adkstore/postgres/migration}, which docs/schema-postgres.md includes and the core's
 * schema migrator runs. Table and schema names come from defined attributes that {@link StoreSql}
 * validated; nothing here concatenates input.
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

  /** Creates the configured schema, if missing. */
  @SqlUpdate("CREATE SCHEMA IF NOT EXISTS <schema>")
  void createSchema();

  /**
   * Reads a setting of the session.
   *
   * @param name such as {@code search_path}
   * @return its value
   */
  @SqlQuery("SELECT current_setting(:name)")
  String setting(@Bind("name") String name);

  /**
   * Sets the session's {@code search_path} and role, for the rest of the session (not only the
   * transaction).
   *
   * @param searchPath the search path
   * @param role the role, {@code none} for the session user's
   * @return the role set
   */
  @SqlQuery("SELECT set_config('search_path', :searchPath, false) || set_config('role', :role, false)")
  String restoreSessionSettings(@Bind("searchPath") String searchPath, @Bind("role") String role);

  /**
   * Whether the metadata table exists, so that the version reads as none before createTables().
   *
   * @return true if it does
   */
  @SqlQuery("SELECT to_regclass(:table) IS NOT NULL")
  boolean tableExists(@Bind("table") String qualifiedTable);

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
}
