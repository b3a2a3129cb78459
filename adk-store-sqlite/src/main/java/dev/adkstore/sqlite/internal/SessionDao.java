package dev.adkstore.sqlite.internal;

import dev.adkstore.api.SessionRecord;
import dev.adkstore.jdbc.SessionHead;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The sessions table. {@code <ownerSelect>} is the configured owner column or {@code NULL};
 * {@code <order>} comes from {@link dev.adkstore.jdbc.SessionOrder}, never from input.
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface SessionDao {
  /** The columns {@link SessionRowMapper} reads. */
  String COLUMNS =
      "id, app_name, user_id, state, create_time, update_time, version, <ownerSelect> AS owner_id";

  /** The total order of {@link #listForUser} and its siblings (STORE-CONTRACT S8). */
  String ORDER =
      " ORDER BY <order> LIMIT :limit OFFSET :offset";

  /**
   * Inserts a session; {@code <ownerInsertColumn>} and {@code <ownerInsertValue>} add the owner
   * column when one is configured.
   *
   * @return rows inserted
   */
  @SqlUpdate(
      "INSERT INTO <sessions> (id, app_name, user_id, state, create_time, update_time, version<ownerInsertColumn>)"
          + " VALUES (:sessionId, :appName, :userId, :state, :createTime, :updateTime, :version<ownerInsertValue>)")
  int insert(
      String appName, String userId, String sessionId, String state, Instant createTime,
      Instant updateTime, long version, String ownerId);

  /**
   * Reads one session.
   *
   * @return the session
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions> WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  Optional<SessionRecord> find(String appName, String userId, String sessionId);

  /**
   * Inserts a session unless its key exists; other constraints still fail.
   *
   * @return rows inserted
   */
  @SqlUpdate(
      "INSERT INTO <sessions> (id, app_name, user_id, state, create_time, update_time, version<ownerInsertColumn>)"
          + " VALUES (:sessionId, :appName, :userId, :state, :createTime, :updateTime, :version<ownerInsertValue>)"
          + " ON CONFLICT (app_name, user_id, id) DO NOTHING")
  int insertIfAbsent(
      String appName, String userId, String sessionId, String state, Instant createTime,
      Instant updateTime, long version, String ownerId);

  /**
   * Reads what an append condition is checked against.
   *
   * @return the version and update time
   */
  @SqlQuery(
      "SELECT version, update_time FROM <sessions>"
          + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  Optional<SessionHead> lockHead(String appName, String userId, String sessionId);

  /**
   * Replaces the state wholesale.
   *
   * @return rows updated
   */
  @SqlUpdate(
      "UPDATE <sessions> SET state = :state, update_time = :updateTime, version = version + 1"
          + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  int replaceState(String appName, String userId, String sessionId, String state, Instant updateTime);

  /**
   * Deletes a session; its events go with it (ON DELETE CASCADE).
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <sessions> WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  int delete(String appName, String userId, String sessionId);

  /**
   * Lists one user's sessions.
   *
   * @param limit the page size, -1 for all
   * @return the sessions
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions> WHERE app_name = :appName AND user_id = :userId" + ORDER)
  List<SessionRecord> listForUser(
      String appName, String userId, @Define String order,
      int limit, int offset);

  /**
   * Lists an app's sessions across users.
   *
   * @param limit the page size, -1 for all
   * @return the sessions
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions> WHERE app_name = :appName" + ORDER)
  List<SessionRecord> listForApp(
      String appName, @Define String order, int limit, int offset);

  /**
   * Lists every session (operators' tools, export).
   *
   * @param limit the page size, -1 for all
   * @return the sessions
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions>" + ORDER)
  @VisitsEveryRow("lists every session of every app, for export and copy")
  List<SessionRecord> listAll(
      @Define String order, int limit, int offset);

  /**
   * Counts sessions idle since a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <sessions> WHERE update_time < :cutoff")
  long countIdle(Instant cutoff);

  /**
   * Counts an app's sessions idle since a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <sessions> WHERE app_name = :appName AND update_time < :cutoff")
  long countIdleInApp(String appName, Instant cutoff);

  /**
   * Deletes sessions idle since a cutoff, with their events.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <sessions> WHERE update_time < :cutoff")
  int deleteIdle(Instant cutoff);

  /**
   * Deletes an app's sessions idle since a cutoff, with their events.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <sessions> WHERE app_name = :appName AND update_time < :cutoff")
  int deleteIdleInApp(String appName, Instant cutoff);

  /**
   * Counts every session.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <sessions>")
  @VisitsEveryRow("a count of every row")
  long countAll();
}
