package dev.adkstore.postgres.internal;

import java.time.Instant;
import dev.adkstore.api.EventRecord;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SQL on the events table. JSON payloads go to {@code json} columns as the caller's text.
 *
 * <p>Attach to a handle; not thread-safe, like the handle.
 */
public interface EventDao {

  /**
   * Inserts events in the given order; the identity column records that order.
   *
   * @param rows the events
   * @return one count per row
   */
  @SqlBatch(
      "INSERT INTO <events> (app_name, user_id, session_id, id, invocation_id, author, actions,"
          + " long_running_tool_ids_json, branch, timestamp, content, grounding_metadata,"
          + " custom_metadata, partial, turn_complete, interrupted, error_code, error_message, extra)"
          + " VALUES (:app, :user, :session, :id, :invocationId, :author, :actions,"
          + " CAST(:longRunningToolIdsJson AS json), :branch, :timestamp, CAST(:content AS json),"
          + " CAST(:groundingMetadata AS json), CAST(:customMetadata AS json), :partial,"
          + " :turnComplete, :interrupted, :errorCode, :errorMessage, CAST(:extra AS json))")
  int[] insert(@BindMethods List<EventRow> rows);

  /**
   * Reads the last {@code limit} events at or after a time, in append order (the port's order:
   * {@link dev.adkstore.api.EventQuery}), whatever their timestamps.
   *
   * @param afterFilter empty, or the fixed {@code AND timestamp >= :after} clause
   * @param after the inclusive lower bound, whole milliseconds
   * @param limit the most recent this many, null for all
   * @return the events
   */
  @SqlQuery(
      "SELECT * FROM (SELECT <eventColumns> FROM <events>"
          + " WHERE app_name = :app AND user_id = :user AND session_id = :session <afterFilter>"
          + " ORDER BY seq DESC LIMIT :limit) AS recent"
          + " ORDER BY seq")
  List<EventRecord> find(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("session") String session,
      @Define("afterFilter") String afterFilter,
      @Bind("after") Instant after,
      @Bind("limit") Integer limit);

  /** @return the number of events */
  @SqlQuery("SELECT count(*) FROM <events>")
  long count();
}
