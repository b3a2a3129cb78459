package dev.adkstore.sqlite.internal;

import dev.adkstore.api.SessionRecord;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The sessions table. {@code <ownerSelect>} is the configured owner column or {@code NULL};
 * {@code <orderColumn>} and {@code <direction>} come from {@link SessionOrder}, never from input.
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface SessionDao {
  /** The columns {@link SessionRowMapper} reads. */
  String COLUMNS =
      "id, app_name, user_id, state, create_time, update_time, version, <ownerSelect> AS owner_id";

  /** The total order of {@link #listForUser} and its siblings (STORE-CONTRACT S8). */
  String ORDER =
      " ORDER BY <orderColumn> <direction>, id <direction>, user_id <direction>, app_name <direction>"
          + " LIMIT :limit OFFSET :offset";

  /**
   * Inserts a session without an owner.
   *
   * @return rows inserted
   */
  @SqlUpdate(
      "INSERT INTO <sessions> (id, app_name, user_id, state, create_time, update_time, version)"
          + " VALUES (:sessionId, :appName, :userId, :state, :createTime, :updateTime, :version)")
  int insert(
      String appName, String userId, String sessionId, String state, double createTime,
      double updateTime, long version);

  /**
   * Inserts a session into a table with an owner column.
   *
   * @return rows inserted
   */
  @SqlUpdate(
      "INSERT INTO <sessions> (id, app_name, user_id, state, create_time, update_time, version, <ownerColumn>)"
          + " VALUES (:sessionId, :appName, :userId, :state, :createTime, :updateTime, :version, :ownerId)")
  int insertWithOwner(
      String appName, String userId, String sessionId, String state, double createTime,
      double updateTime, long version, String ownerId);

  /**
   * Reads one session.
   *
   * @return the session
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions> WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  Optional<SessionRecord> find(String appName, String userId, String sessionId);

  /**
   * Reads what an append needs of its session.
   *
   * @return the head
   */
  @SqlQuery(
      "SELECT state, version, update_time FROM <sessions>"
          + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  @RegisterConstructorMapper(SessionHead.class)
  Optional<SessionHead> findHead(String appName, String userId, String sessionId);

  /**
   * Whether a session exists.
   *
   * @return true if it does
   */
  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM <sessions>"
          + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId)")
  boolean exists(String appName, String userId, String sessionId);

  /**
   * Records an append: new update time and version, and the new state when it changed.
   *
   * @param state the new state JSON, or null to keep the stored one
   * @return rows updated
   */
  @SqlUpdate(
      "UPDATE <sessions> SET state = coalesce(:state, state), update_time = :updateTime, version = :version"
          + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  int updateAfterAppend(
      String appName, String userId, String sessionId, String state, double updateTime, long version);

  /**
   * Replaces the state wholesale.
   *
   * @return rows updated
   */
  @SqlUpdate(
      "UPDATE <sessions> SET state = :state, update_time = :updateTime, version = version + 1"
          + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId")
  int replaceState(String appName, String userId, String sessionId, String state, double updateTime);

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
      String appName, String userId, @Define String orderColumn, @Define String direction,
      int limit, int offset);

  /**
   * Lists an app's sessions across users.
   *
   * @param limit the page size, -1 for all
   * @return the sessions
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions> WHERE app_name = :appName" + ORDER)
  List<SessionRecord> listForApp(
      String appName, @Define String orderColumn, @Define String direction, int limit, int offset);

  /**
   * Lists every session (operators' tools, export).
   *
   * @param limit the page size, -1 for all
   * @return the sessions
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <sessions>" + ORDER)
  @VisitsEveryRow("lists every session of every app, for export and copy")
  List<SessionRecord> listAll(
      @Define String orderColumn, @Define String direction, int limit, int offset);

  /**
   * Counts sessions idle since a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <sessions> WHERE update_time < :cutoff")
  long countIdle(double cutoff);

  /**
   * Counts an app's sessions idle since a cutoff.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <sessions> WHERE app_name = :appName AND update_time < :cutoff")
  long countIdleInApp(String appName, double cutoff);

  /**
   * Deletes sessions idle since a cutoff, with their events.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <sessions> WHERE update_time < :cutoff")
  int deleteIdle(double cutoff);

  /**
   * Deletes an app's sessions idle since a cutoff, with their events.
   *
   * @return rows deleted
   */
  @SqlUpdate("DELETE FROM <sessions> WHERE app_name = :appName AND update_time < :cutoff")
  int deleteIdleInApp(String appName, double cutoff);

  /**
   * Counts every session.
   *
   * @return the count
   */
  @SqlQuery("SELECT count(*) FROM <sessions>")
  @VisitsEveryRow("a count of every row")
  long countAll();
}
