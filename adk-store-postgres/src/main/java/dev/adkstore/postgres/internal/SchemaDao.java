package dev.adkstore.postgres.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The DDL and the schema-version row. Table, index and schema names come from defined attributes
 * that {@link StoreSql} validated; nothing here concatenates input.
 *
 * <p>Attach to a handle inside a transaction; not thread-safe, like the handle.
 */
public interface SchemaDao {

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

  /** Creates the configured schema. */
  @SqlUpdate("CREATE SCHEMA IF NOT EXISTS <schema>")
  void createSchema();

  /** Creates the sessions table, with the owner column DDL when configured. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <sessions> ("
          + " app_name TEXT COLLATE \"C\" NOT NULL,"
          + " user_id TEXT COLLATE \"C\" NOT NULL,"
          + " id TEXT COLLATE \"C\" NOT NULL,"
          + " state JSONB NOT NULL DEFAULT '{}',"
          + " create_time TIMESTAMPTZ NOT NULL,"
          + " update_time TIMESTAMPTZ NOT NULL,"
          + " version BIGINT NOT NULL DEFAULT 1,"
          + " PRIMARY KEY (app_name, user_id, id)"
          + "<ownerColumnDdl>)")
  void createSessions();

  /** Serves listing an app's sessions by update time, and app-scoped retention. */
  @SqlUpdate(
      "CREATE INDEX IF NOT EXISTS <sessionsAppUpdateIndex> ON <sessions> (app_name, update_time)")
  void createSessionsAppUpdateIndex();

  /** Serves listing one user's sessions by update time. */
  @SqlUpdate(
      "CREATE INDEX IF NOT EXISTS <sessionsUserUpdateIndex>"
          + " ON <sessions> (app_name, user_id, update_time)")
  void createSessionsUserUpdateIndex();

  /** Serves retention across apps. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <sessionsUpdateIndex> ON <sessions> (update_time)")
  void createSessionsUpdateIndex();

  /** Creates the events table; {@code seq} is the append order. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <events> ("
          + " seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " app_name TEXT COLLATE \"C\" NOT NULL,"
          + " user_id TEXT COLLATE \"C\" NOT NULL,"
          + " session_id TEXT COLLATE \"C\" NOT NULL,"
          + " id TEXT COLLATE \"C\" NOT NULL,"
          + " invocation_id TEXT,"
          + " author TEXT,"
          + " actions BYTEA,"
          + " long_running_tool_ids_json JSON,"
          + " branch TEXT,"
          + " timestamp TIMESTAMPTZ NOT NULL,"
          + " content JSON,"
          + " grounding_metadata JSON,"
          + " custom_metadata JSON,"
          + " partial BOOLEAN,"
          + " turn_complete BOOLEAN,"
          + " interrupted BOOLEAN,"
          + " error_code TEXT,"
          + " error_message TEXT,"
          + " extra JSON,"
          + " UNIQUE (app_name, user_id, session_id, id),"
          + " FOREIGN KEY (app_name, user_id, session_id)"
          + "   REFERENCES <sessions> (app_name, user_id, id) ON DELETE CASCADE)")
  void createEvents();

  /** Serves reading a session's events in append order, the most recent first for a limit. */
  @SqlUpdate(
      "CREATE INDEX IF NOT EXISTS <eventsSessionSeqIndex>"
          + " ON <events> (app_name, user_id, session_id, seq)")
  void createEventsSessionSeqIndex();

  /** Serves event retention. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <eventsTimeIndex> ON <events> (timestamp)")
  void createEventsTimeIndex();

  /** Creates the app-state table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <appStates> ("
          + " app_name TEXT COLLATE \"C\" PRIMARY KEY,"
          + " state JSONB NOT NULL DEFAULT '{}',"
          + " update_time TIMESTAMPTZ NOT NULL)")
  void createAppStates();

  /** Creates the user-state table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <userStates> ("
          + " app_name TEXT COLLATE \"C\" NOT NULL,"
          + " user_id TEXT COLLATE \"C\" NOT NULL,"
          + " state JSONB NOT NULL DEFAULT '{}',"
          + " update_time TIMESTAMPTZ NOT NULL,"
          + " PRIMARY KEY (app_name, user_id))")
  void createUserStates();

  /** Serves user-state retention. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <userStatesUpdateIndex> ON <userStates> (update_time)")
  void createUserStatesUpdateIndex();

  /** Creates the metadata table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <metadata> ("
          + " name TEXT COLLATE \"C\" PRIMARY KEY,"
          + " value TEXT NOT NULL)")
  void createMetadata();

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
}
