package dev.adkstore.sqlite.internal;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The events table. {@code seq} (the rowid) is the append order; it only grows, so it orders the
 * events of a session even when their timestamps are equal (STORE-CONTRACT E2).
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface EventDao {
  /** The columns {@link EventRowMapper} reads. */
  String COLUMNS =
      "id, app_name, user_id, session_id, invocation_id, author, actions, long_running_tool_ids_json,"
          + " branch, timestamp, content, grounding_metadata, custom_metadata, partial, turn_complete,"
          + " interrupted, error_code, error_message, extra";

  /**
   * Inserts an event, its fields bound by name from the record; it takes the next append
   * position.
   *
   * @return rows inserted
   */
  @SqlUpdate(
      "INSERT INTO <events> (" + COLUMNS + ") VALUES (:e.id, :k.appName, :k.userId, :k.sessionId,"
          + " :e.invocationId, :e.author, :e.actions, :e.longRunningToolIdsJson, :e.branch, :e.timestamp,"
          + " :e.content, :e.groundingMetadata, :e.customMetadata, :e.partial, :e.turnComplete,"
          + " :e.interrupted, :e.errorCode, :e.errorMessage, :e.extra)")
  int insert(@BindMethods("e") EventRecord event, @BindMethods("k") SessionKey session);

  /**
   * Reads the last {@code limit} events at or after {@code after}, oldest first, in one indexed
   * query: the inner query walks the session's index backwards and stops after {@code limit} rows.
   *
   * @param after the inclusive lower time bound, or null
   * @param limit how many, or null for all
   * @return the events in append order
   */
  @SqlQuery(
      "SELECT " + COLUMNS + " FROM (SELECT seq, " + COLUMNS + " FROM <events>"
          + " WHERE app_name = :appName AND user_id = :userId AND session_id = :sessionId"
          + " AND (:after IS NULL OR timestamp >= :after) ORDER BY seq DESC LIMIT coalesce(:limit, -1)) ORDER BY seq")
  List<EventRecord> find(String appName, String userId, String sessionId, Instant after, Integer limit);

  /**
   * Counts events older than a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <events> WHERE timestamp < :cutoff")
  long countOlder(Instant cutoff);

  /**
   * Counts an app's events older than a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <events> WHERE timestamp < :cutoff AND app_name = :appName")
  long countOlderInApp(String appName, Instant cutoff);

  /**
   * Deletes events older than a cutoff.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <events> WHERE timestamp < :cutoff")
  int deleteOlder(Instant cutoff);

  /**
   * Deletes an app's events older than a cutoff.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <events> WHERE timestamp < :cutoff AND app_name = :appName")
  int deleteOlderInApp(String appName, Instant cutoff);

  /**
   * Counts every event.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <events>")
  @VisitsEveryRow("a count of every row")
  long countAll();
}
