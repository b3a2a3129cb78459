package dev.adkstore.sqlite.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The schema: DDL and the metadata table. Table names and the owner column come from validated
 * configuration through Jdbi defines ({@code <sessions>}, {@code <ownerColumnDdl>}, ...).
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface SchemaDao {
  /** The schema version this code creates and understands. */
  int SCHEMA_VERSION = 1;

  /** The metadata entry that holds the schema version. */
  String SCHEMA_VERSION_KEY = "schema_version";

  /** Creates the metadata table. */
  @SqlUpdate("CREATE TABLE IF NOT EXISTS <metadata> (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
  void createMetadataTable();

  /** Creates the sessions table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <sessions> ("
          + " id TEXT NOT NULL,"
          + " app_name TEXT NOT NULL,"
          + " user_id TEXT NOT NULL,"
          + " state TEXT NOT NULL DEFAULT '{}',"
          + " create_time REAL NOT NULL,"
          + " update_time REAL NOT NULL,"
          + " version INTEGER NOT NULL DEFAULT 1"
          + "<ownerColumnDdl>,"
          + " UNIQUE (app_name, user_id, id))")
  void createSessionsTable();

  /** Lists one user's sessions by update time. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <sessionsUserUpdateIndex> ON <sessions> (app_name, user_id, update_time, id)")
  void createSessionsUserUpdateIndex();

  /** Lists an app's sessions by update time, and retention within an app. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <sessionsAppUpdateIndex> ON <sessions> (app_name, update_time, id, user_id)")
  void createSessionsAppUpdateIndex();

  /** Retention across apps and listing every session by update time. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <sessionsUpdateIndex> ON <sessions> (update_time)")
  void createSessionsUpdateIndex();

  /** Export: every session by create time. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <sessionsCreateIndex> ON <sessions> (create_time)")
  void createSessionsCreateIndex();

  /** Creates the events table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <events> ("
          + " seq INTEGER PRIMARY KEY,"
          + " id TEXT NOT NULL,"
          + " app_name TEXT NOT NULL,"
          + " user_id TEXT NOT NULL,"
          + " session_id TEXT NOT NULL,"
          + " invocation_id TEXT,"
          + " author TEXT,"
          + " actions BLOB,"
          + " long_running_tool_ids_json TEXT,"
          + " branch TEXT,"
          + " timestamp REAL NOT NULL,"
          + " content TEXT,"
          + " grounding_metadata TEXT,"
          + " custom_metadata TEXT,"
          + " partial INTEGER,"
          + " turn_complete INTEGER,"
          + " interrupted INTEGER,"
          + " error_code TEXT,"
          + " error_message TEXT,"
          + " extra TEXT,"
          + " UNIQUE (app_name, user_id, session_id, id),"
          + " FOREIGN KEY (app_name, user_id, session_id)"
          + " REFERENCES <sessions> (app_name, user_id, id) ON DELETE CASCADE)")
  void createEventsTable();

  /** Reads a session's events in append order. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <eventsSessionIndex> ON <events> (app_name, user_id, session_id, seq)")
  void createEventsSessionIndex();

  /** Retention of old events. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <eventsTimestampIndex> ON <events> (timestamp)")
  void createEventsTimestampIndex();

  /** Creates the app-state table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <appStates> ("
          + " app_name TEXT PRIMARY KEY NOT NULL,"
          + " state TEXT NOT NULL DEFAULT '{}',"
          + " update_time REAL NOT NULL)")
  void createAppStatesTable();

  /** Creates the user-state table. */
  @SqlUpdate(
      "CREATE TABLE IF NOT EXISTS <userStates> ("
          + " app_name TEXT NOT NULL,"
          + " user_id TEXT NOT NULL,"
          + " state TEXT NOT NULL DEFAULT '{}',"
          + " update_time REAL NOT NULL,"
          + " PRIMARY KEY (app_name, user_id))")
  void createUserStatesTable();

  /** Retention of idle user state. */
  @SqlUpdate("CREATE INDEX IF NOT EXISTS <userStatesUpdateIndex> ON <userStates> (update_time)")
  void createUserStatesUpdateIndex();

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
   * Creates every table and index if missing: idempotent (STORE-CONTRACT L1).
   */
  default void createAll() {
    createMetadataTable();
    createSessionsTable();
    createSessionsUserUpdateIndex();
    createSessionsAppUpdateIndex();
    createSessionsUpdateIndex();
    createSessionsCreateIndex();
    createEventsTable();
    createEventsSessionIndex();
    createEventsTimestampIndex();
    createAppStatesTable();
    createUserStatesTable();
    createUserStatesUpdateIndex();
  }
}
