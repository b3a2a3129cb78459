package dev.adkstore.postgres.internal;

import java.time.Instant;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.jdbc.SessionHead;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on the sessions table. Every id parameter is already {@linkplain NulEscape escaped}; every
 * state parameter is JSON text that the codec wrote in plain-decimal mode.
 *
 * <p>Attach to a handle; not thread-safe, like the handle.
 */
public interface SessionDao {

  /**
   * Inserts a new session.
   *
   * @return 1
   */
  @SqlUpdate(
      "INSERT INTO <sessions> (app_name, user_id, id, state, create_time, update_time, version"
          + "<ownerInsertColumn>)"
          + " VALUES (:app, :user, :id, CAST(:state AS jsonb), :created, :updated, :version"
          + "<ownerInsertValue>)")
  int insert(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("id") String id,
      @Bind("state") String state,
      @Bind("created") Instant created,
      @Bind("updated") Instant updated,
      @Bind("version") long version,
      @Bind("owner") Argument owner);

  /**
   * Inserts a session unless its key exists: the restore path.
   *
   * @return 1 when inserted, 0 when the key existed
   */
  @SqlUpdate(
      "INSERT INTO <sessions> (app_name, user_id, id, state, create_time, update_time, version"
          + "<ownerInsertColumn>)"
          + " VALUES (:app, :user, :id, CAST(:state AS jsonb), :created, :updated, :version"
          + "<ownerInsertValue>)"
          + " ON CONFLICT (app_name, user_id, id) DO NOTHING")
  int insertIfAbsent(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("id") String id,
      @Bind("state") String state,
      @Bind("created") Instant created,
      @Bind("updated") Instant updated,
      @Bind("version") long version,
      @Bind("owner") Argument owner);

  /** @return the session */
  @SqlQuery(
      "SELECT <sessionColumns> FROM <sessions>"
          + " WHERE app_name = :app AND user_id = :user AND id = :id")
  Optional<SessionRecord> find(
      @Bind("app") String app, @Bind("user") String user, @Bind("id") String id);

  /**
   * Lists sessions.
   *
   * @param filter one of the fixed WHERE clauses of {@link StoreSql}
   * @param order one of the fixed ORDER BY lists of {@link StoreSql}
   * @return the page
   */
  @SqlQuery(
      "SELECT <sessionColumns> FROM <sessions> <filter> ORDER BY <order>"
          + " LIMIT :limit OFFSET :offset")
  List<SessionRecord> list(
      @Define("filter") String filter,
      @Define("order") String order,
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("limit") Integer limit,
      @Bind("offset") Integer offset);

  /**
   * Locks a session row and reads what append conditions compare: for an append of no events, and
   * to explain why a conditional update matched no row.
   *
   * @return the version and update time, empty when there is no such session
   */
  @SqlQuery(
      "SELECT version, update_time FROM <sessions>"
          + " WHERE app_name = :app AND user_id = :user AND id = :id FOR UPDATE")
  Optional<SessionHead> lockForAppend(
      @Bind("app") String app, @Bind("user") String user, @Bind("id") String id);

  /**
   * Applies a session-scope delta key by key, sets the update time and bumps the version, if the
   * append's condition holds. Locks the row until the transaction ends.
   *
   * @param condition empty, or one of the fixed condition clauses of {@link StoreSql}
   * @return the new version, empty when no session matched (missing, or the condition failed)
   */
  @SqlQuery(
      "UPDATE <sessions> SET state = (state - CAST(:removed AS text[])) || CAST(:changes AS jsonb),"
          + " update_time = :time, version = version + :events"
          + " WHERE app_name = :app AND user_id = :user AND id = :id <condition>"
          + " RETURNING version, length(CAST(state AS text)) AS state_length, txid_current() AS txid")
  Optional<AdvanceRow> mergeState(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("id") String id,
      @Define("condition") String condition,
      @Bind("expectedVersion") Long expectedVersion,
      @Bind("notUpdatedAfter") Instant notAfter,
      @Bind("changes") String changes,
      @Bind("removed") String[] removed,
      @Bind("time") Instant time,
      @Bind("events") int events);

  /**
   * Like {@link #mergeState}, for an append whose session-scope state does not change.
   *
   * @param condition empty, or one of the fixed condition clauses of {@link StoreSql}
   * @return the new version, empty when no session matched
   */
  @SqlQuery(
      "UPDATE <sessions> SET update_time = :time, version = version + :events"
          + " WHERE app_name = :app AND user_id = :user AND id = :id <condition>"
          + " RETURNING version, 0 AS state_length, txid_current() AS txid")
  Optional<AdvanceRow> touch(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("id") String id,
      @Define("condition") String condition,
      @Bind("expectedVersion") Long expectedVersion,
      @Bind("notUpdatedAfter") Instant notAfter,
      @Bind("time") Instant time,
      @Bind("events") int events);

  /**
   * Replaces the state wholesale.
   *
   * @return rows updated
   */
  @SqlUpdate(
      "UPDATE <sessions> SET state = CAST(:state AS jsonb), update_time = :now, version = version + 1"
          + " WHERE app_name = :app AND user_id = :user AND id = :id")
  int replaceState(
      @Bind("app") String app,
      @Bind("user") String user,
      @Bind("id") String id,
      @Bind("state") String state,
      @Bind("now") Instant now);

  /** @return how many sessions were deleted, 0 or 1 */
  @SqlUpdate("DELETE FROM <sessions> WHERE app_name = :app AND user_id = :user AND id = :id")
  int delete(@Bind("app") String app, @Bind("user") String user, @Bind("id") String id);

  /** @return the number of sessions */
  @SqlQuery("SELECT count(*) FROM <sessions>")
  long count();
}
