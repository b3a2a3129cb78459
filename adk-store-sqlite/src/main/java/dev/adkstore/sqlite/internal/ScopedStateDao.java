package dev.adkstore.sqlite.internal;

import dev.adkstore.api.ScopedState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The app-state and user-state tables. {@link ScopedStateRowMapper} reads rows whose
 * {@code user_id} is NULL as app state.
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface ScopedStateDao {
  /**
   * Reads an app's state JSON.
   *
   * @return the JSON text
   */
  @SqlQuery("SELECT state FROM <appStates> WHERE app_name = :appName")
  Optional<String> findAppState(String appName);

  /**
   * Reads a user's state JSON.
   *
   * @return the JSON text
   */
  @SqlQuery("SELECT state FROM <userStates> WHERE app_name = :appName AND user_id = :userId")
  Optional<String> findUserState(String appName, String userId);

  /**
   * Stores an app's state.
   *
   * @return rows written
   */
  @SqlUpdate(
      "INSERT INTO <appStates> (app_name, state, update_time) VALUES (:appName, :state, :updateTime)"
          + " ON CONFLICT (app_name) DO UPDATE SET state = excluded.state, update_time = excluded.update_time")
  int upsertAppState(String appName, String state, Instant updateTime);

  /**
   * Stores a user's state.
   *
   * @return rows written
   */
  @SqlUpdate(
      "INSERT INTO <userStates> (app_name, user_id, state, update_time)"
          + " VALUES (:appName, :userId, :state, :updateTime)"
          + " ON CONFLICT (app_name, user_id) DO UPDATE SET state = excluded.state,"
          + " update_time = excluded.update_time")
  int upsertUserState(String appName, String userId, String state, Instant updateTime);

  /**
   * Lists every app state.
   *
   * @return the states by app
   */
  @SqlQuery("SELECT app_name, NULL AS user_id, state, update_time FROM <appStates> ORDER BY app_name")
  List<ScopedState> listAppStates();

  /**
   * Lists one app's state.
   *
   * @return zero or one state
   */
  @SqlQuery("SELECT app_name, NULL AS user_id, state, update_time FROM <appStates> WHERE app_name = :appName")
  List<ScopedState> listAppStatesOf(String appName);

  /**
   * Lists every user state.
   *
   * @return the states by app and user
   */
  @SqlQuery("SELECT app_name, user_id, state, update_time FROM <userStates> ORDER BY app_name, user_id")
  List<ScopedState> listUserStates();

  /**
   * Lists one app's user states.
   *
   * @return the states by user
   */
  @SqlQuery(
      "SELECT app_name, user_id, state, update_time FROM <userStates> WHERE app_name = :appName"
          + " ORDER BY user_id")
  List<ScopedState> listUserStatesOf(String appName);

  /**
   * Counts user states idle since a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <userStates> WHERE update_time < :cutoff")
  long countIdleUserStates(Instant cutoff);

  /**
   * Counts an app's user states idle since a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <userStates> WHERE app_name = :appName AND update_time < :cutoff")
  long countIdleUserStatesInApp(String appName, Instant cutoff);

  /**
   * Deletes user states idle since a cutoff.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <userStates> WHERE update_time < :cutoff")
  int deleteIdleUserStates(Instant cutoff);

  /**
   * Deletes an app's user states idle since a cutoff.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <userStates> WHERE app_name = :appName AND update_time < :cutoff")
  int deleteIdleUserStatesInApp(String appName, Instant cutoff);

  /**
   * Counts app states.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <appStates>")
  @VisitsEveryRow("a count of every row")
  long countAppStates();

  /**
   * Counts user states.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <userStates>")
  @VisitsEveryRow("a count of every row")
  long countUserStates();

  /**
   * Reads the journal mode.
   *
   * @return {@code wal}, or {@code memory} for an in-memory database
   */
  @SqlQuery("PRAGMA journal_mode")
  String journalMode();

  /**
   * Reads this connection's {@code synchronous} setting.
   *
   * @return 0 (OFF), 1 (NORMAL), 2 (FULL) or 3 (EXTRA)
   */
  @SqlQuery("PRAGMA synchronous")
  int synchronous();

  /**
   * Reads the connection's page cache setting.
   *
   * @return negative: the size in KiB, as the store sets it
   */
  @SqlQuery("PRAGMA cache_size")
  long cacheSize();

  /**
   * Reads the connection's memory map size.
   *
   * @return bytes, 0 when off; empty for an in-memory database, which has no file to map
   */
  @SqlQuery("PRAGMA mmap_size")
  Optional<Long> mmapSize();
}
