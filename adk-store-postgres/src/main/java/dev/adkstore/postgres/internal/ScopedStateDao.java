package dev.adkstore.postgres.internal;

import java.time.Instant;
import dev.adkstore.api.ScopedState;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on the app-state and user-state tables. Merges run as {@code INSERT ... ON CONFLICT DO
 * UPDATE}, which locks the existing row and merges into its latest committed state, so concurrent
 * writers of different keys keep each other's change (STORE-CONTRACT T5).
 *
 * <p>Attach to a handle; not thread-safe, like the handle.
 */
public interface ScopedStateDao {

  /** Applies an app-scope delta key by key, creating the row when needed. */
  @SqlQuery(
      "INSERT INTO <appStates> AS t (app_name, state, update_time)"
          + " VALUES (:app, CAST(:changes AS jsonb), :time)"
          + " ON CONFLICT (app_name) DO UPDATE"
          + " SET state = (t.state - CAST(:removed AS text[])) || EXCLUDED.state,"
          + " update_time = EXCLUDED.update_time RETURNING length(CAST(t.state AS text))")
  long mergeAppState(
      @Bind("app") String app,
      @Bind("changes") String changes,
      @Bind("removed") String[] removed,
      @Bind("time") Instant time);

  /** Applies a user-scope delta key by key, creating the row when needed. */
  @SqlQuery(
      "INSERT INTO <userStates> AS t (app_name, user_id, state, update_time)"
          + " VALUES (:app, :user, CAST(:changes AS jsonb), :time)"
          + " ON CONFLICT (app_name, user_id) DO UPDATE"
          + " SET state = (t.state - CAST(:removed AS text[])) || EXCLUDED.state,"
          + " update_time = EXCLUDED.update_time RETURNING length(CAST(t.state AS text))")
  long mergeUserState(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("changes") String changes,
      @Bind("removed") String[] removed,
      @Bind("time") Instant time);

  /** Replaces an app's state wholesale: the restore path. */
  @SqlUpdate(
      "INSERT INTO <appStates> AS t (app_name, state, update_time)"
          + " VALUES (:app, CAST(:state AS jsonb), :time)"
          + " ON CONFLICT (app_name) DO UPDATE"
          + " SET state = EXCLUDED.state, update_time = EXCLUDED.update_time")
  void replaceAppState(
      @Bind("app") String app, @Bind("state") String state, @Bind("time") Instant time);

  /** Replaces a user's state wholesale: the restore path. */
  @SqlUpdate(
      "INSERT INTO <userStates> AS t (app_name, user_id, state, update_time)"
          + " VALUES (:app, :user, CAST(:state AS jsonb), :time)"
          + " ON CONFLICT (app_name, user_id) DO UPDATE"
          + " SET state = EXCLUDED.state, update_time = EXCLUDED.update_time")
  void replaceUserState(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("state") String state,
      @Bind("time") Instant time);

  /** @return the app's state as JSON text */
  @SqlQuery("SELECT state FROM <appStates> WHERE app_name = :app")
  Optional<String> appState(@Bind("app") String app);

  /** @return the user's state as JSON text */
  @SqlQuery("SELECT state FROM <userStates> WHERE app_name = :app AND user_id = :user")
  Optional<String> userState(@Bind("app") String app, @Bind("user") String user);

  /**
   * Lists app states.
   *
   * @param filter empty, or the fixed {@code WHERE app_name = :app} clause
   * @return the states by app name
   */
  @SqlQuery(
      "SELECT app_name, CAST(NULL AS text) AS user_id, state, update_time FROM <appStates>"
          + " <filter> ORDER BY app_name")
  List<ScopedState> listAppStates(@Define("filter") String filter, @Bind("app") String app);

  /**
   * Lists user states.
   *
   * @param filter empty, or the fixed {@code WHERE app_name = :app} clause
   * @return the states by app name and user id
   */
  @SqlQuery(
      "SELECT app_name, user_id, state, update_time FROM <userStates>"
          + " <filter> ORDER BY app_name, user_id")
  List<ScopedState> listUserStates(@Define("filter") String filter, @Bind("app") String app);

  /** @return the number of app states */
  @SqlQuery("SELECT count(*) FROM <appStates>")
  long countAppStates();

  /** @return the number of user states */
  @SqlQuery("SELECT count(*) FROM <userStates>")
  long countUserStates();
}
