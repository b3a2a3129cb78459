package dev.adkstore.benchmarks;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The physical limit the SQLite store is measured against: plain JDBC on one sqlite-jdbc
 * connection, with the store's pragmas (WAL, {@code synchronous=NORMAL}, foreign keys on), writing
 * the same rows into the same tables (created by the store's own {@code createTables()}): per event
 * one insert into {@code adk_events} with the store's column list and one update of the session's
 * state, update time and version.
 *
 * <p>What it leaves out is exactly the store's own work: the thread hop to the writer, the read of
 * the session head and the state merge, the savepoint per operation, payload checks and the
 * future. It knows the new state without reading it, as a hand-written application would.
 *
 * <p>Every statement is prepared once, when the connection opens, as a hand-written application
 * would keep them; the reads ({@link #readLastEvents}) run the store's own query.
 *
 * <p>Not thread-safe: one connection, used by one thread at a time.
 */
public final class PlainSqliteJdbc implements AutoCloseable {
  private static final String INSERT_EVENT =
      "INSERT INTO adk_events (id, app_name, user_id, session_id, invocation_id, author, actions,"
          + " long_running_tool_ids_json, branch, timestamp, content, grounding_metadata,"
          + " custom_metadata, partial, turn_complete, interrupted, error_code, error_message, extra)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_SESSION =
      "UPDATE adk_sessions SET state = ?, update_time = ?, version = ?"
          + " WHERE app_name = ? AND user_id = ? AND id = ?";
  private static final String SET_STATE_KEY =
      "UPDATE adk_sessions SET state = json_set(state, ?, ?), update_time = ?, version = version + 1"
          + " WHERE app_name = ? AND user_id = ? AND id = ?";
  private static final String SELECT_LAST_EVENTS =
      "SELECT id, app_name, user_id, session_id, invocation_id, author, actions,"
          + " long_running_tool_ids_json, branch, timestamp, content, grounding_metadata,"
          + " custom_metadata, partial, turn_complete, interrupted, error_code, error_message, extra"
          + " FROM (SELECT seq, id, app_name, user_id, session_id, invocation_id, author, actions,"
          + " long_running_tool_ids_json, branch, timestamp, content, grounding_metadata,"
          + " custom_metadata, partial, turn_complete, interrupted, error_code, error_message, extra"
          + " FROM adk_events WHERE app_name = ? AND user_id = ? AND session_id = ?"
          + " AND timestamp >= ? ORDER BY seq DESC LIMIT ?) ORDER BY seq";

  private static final int EVENT_COLUMNS = 19;

  private final Connection connection;
  private final PreparedStatement insertEvent;
  private final PreparedStatement updateSession;
  private final PreparedStatement setStateKey;
  private final PreparedStatement selectLastEvents;
  private final EventPayloads payloads;

  private PlainSqliteJdbc(Connection connection, EventPayloads payloads) throws SQLException {
    this.connection = connection;
    this.payloads = payloads;
    this.insertEvent = connection.prepareStatement(INSERT_EVENT);
    this.updateSession = connection.prepareStatement(UPDATE_SESSION);
    this.setStateKey = connection.prepareStatement(SET_STATE_KEY);
    this.selectLastEvents = connection.prepareStatement(SELECT_LAST_EVENTS);
  }

  /**
   * Opens one connection to a database file whose tables exist already.
   *
   * @param file the database file
   * @param payloads what each event holds
   * @return the baseline, its connection in autocommit mode off
   * @throws SQLException if the file cannot be opened
   */
  public static PlainSqliteJdbc open(Path file, EventPayloads payloads) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(5_000);
    Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    connection.setAutoCommit(false);
    return new PlainSqliteJdbc(connection, payloads);
  }

  /**
   * Creates a database file with the store's own {@code createTables()} and one session, closes
   * the store, and opens the baseline on the file: no store connection is open while it runs.
   *
   * @param file the new database file
   * @param payloads what each event holds
   * @param session the session to create
   * @param state its initial session state
   * @return the baseline, its connection in autocommit mode off
   * @throws SQLException if the file cannot be opened
   */
  public static PlainSqliteJdbc openOnNewFile(
      Path file, EventPayloads payloads, SessionKey session, Map<String, Object> state)
      throws SQLException {
    try (SqliteAdkStore store = SqliteAdkStore.open(SqliteAppendBenchmark.config(file))) {
      store.createTables().join();
      store.createSession(NewSession.of(session, state)).join();
    }
    return open(file, payloads);
  }

  /**
   * Appends event {@code n} to a session in its own transaction.
   *
   * @param session the session
   * @param n the event's sequence number; the session's version becomes {@code n + 1}
   * @throws SQLException if a statement fails
   */
  public void appendInOwnTransaction(SessionKey session, long n) throws SQLException {
    writeEvent(session, n);
    connection.commit();
  }

  /**
   * Appends {@code count} events to a session in one transaction.
   *
   * @param session the session
   * @param first the first event's sequence number
   * @param count how many
   * @throws SQLException if a statement fails
   */
  public void appendBatchInOneTransaction(SessionKey session, long first, int count)
      throws SQLException {
    for (long n = first; n < first + count; n++) {
      writeEvent(session, n);
    }
    connection.commit();
  }

  /**
   * Appends event {@code n} to a session in its own transaction, setting one key of the session's
   * state to {@code n} inside the database ({@code json_set} on the stored JSON text): the least a
   * hand-written application must do to change one key of a large state without holding it.
   *
   * @param session the session
   * @param n the event's sequence number
   * @param key the state key to set; a plain identifier, used unquoted in the JSON path
   * @throws SQLException if a statement fails
   */
  public void appendSettingKeyInOwnTransaction(SessionKey session, long n, String key)
      throws SQLException {
    double julianDay = julianDay(EventPayloads.epochMillis(n));
    insertEvent(session, n, julianDay);
    setStateKey.setString(1, "$." + key);
    setStateKey.setLong(2, n);
    setStateKey.setDouble(3, julianDay);
    setStateKey.setString(4, session.appName());
    setStateKey.setString(5, session.userId());
    setStateKey.setString(6, session.sessionId());
    setStateKey.executeUpdate();
    connection.commit();
  }

  /**
   * Reads the last events of a session with the store's query, materializing every column.
   *
   * @param session the session
   * @param limit how many
   * @return how many non-null values were read, so that no read can be optimized away
   * @throws SQLException if the query fails
   */
  public int readLastEvents(SessionKey session, int limit) throws SQLException {
    selectLastEvents.setString(1, session.appName());
    selectLastEvents.setString(2, session.userId());
    selectLastEvents.setString(3, session.sessionId());
    selectLastEvents.setDouble(4, -Double.MAX_VALUE);
    selectLastEvents.setInt(5, limit);
    int values = 0;
    try (ResultSet result = selectLastEvents.executeQuery()) {
      while (result.next()) {
        for (int column = 1; column <= EVENT_COLUMNS; column++) {
          if (result.getObject(column) != null) {
            values++;
          }
        }
      }
    }
    connection.commit();
    return values;
  }

  private void writeEvent(SessionKey session, long n) throws SQLException {
    double julianDay = julianDay(EventPayloads.epochMillis(n));
    insertEvent(session, n, julianDay);

    // Written by hand, not through JsonCodec: the baseline is the minimum cost of these rows, and
    // this one-key document is all it ever writes.
    updateSession.setString(1, "{\"turn\":" + n + "}");
    updateSession.setDouble(2, julianDay);
    updateSession.setLong(3, n + 1);
    updateSession.setString(4, session.appName());
    updateSession.setString(5, session.userId());
    updateSession.setString(6, session.sessionId());
    updateSession.executeUpdate();
  }

  private void insertEvent(SessionKey session, long n, double julianDay) throws SQLException {
    insertEvent.setString(1, EventPayloads.eventId(n));
    insertEvent.setString(2, session.appName());
    insertEvent.setString(3, session.userId());
    insertEvent.setString(4, session.sessionId());
    insertEvent.setNull(5, Types.VARCHAR);
    insertEvent.setString(6, "user");
    insertEvent.setNull(7, Types.BLOB);
    insertEvent.setNull(8, Types.VARCHAR);
    insertEvent.setNull(9, Types.VARCHAR);
    insertEvent.setDouble(10, julianDay);
    insertEvent.setString(11, payloads.contentJson());
    insertEvent.setNull(12, Types.VARCHAR);
    insertEvent.setNull(13, Types.VARCHAR);
    insertEvent.setNull(14, Types.INTEGER);
    insertEvent.setNull(15, Types.INTEGER);
    insertEvent.setNull(16, Types.INTEGER);
    insertEvent.setNull(17, Types.VARCHAR);
    insertEvent.setNull(18, Types.VARCHAR);
    insertEvent.setNull(19, Types.VARCHAR);
    insertEvent.executeUpdate();
  }

  /**
   * The store's timestamp column format: a Julian Day number, as DESIGN.md fixes it.
   *
   * @param epochMillis epoch milliseconds
   * @return the Julian Day
   */
  static double julianDay(long epochMillis) {
    return 2440587.5 + epochMillis / 86_400_000.0;
  }

  @Override
  public void close() throws SQLException {
    connection.rollback();
    insertEvent.close();
    updateSession.close();
    setStateKey.close();
    selectLastEvents.close();
    connection.close();
  }
}
