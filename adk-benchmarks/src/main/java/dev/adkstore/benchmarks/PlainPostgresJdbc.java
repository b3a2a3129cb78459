package dev.adkstore.benchmarks;

import dev.adkstore.api.SessionKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The physical limit the PostgreSQL store is measured against: one plain JDBC connection writing
 * the same rows into tables the store created in another schema. Per event, in one transaction and
 * in the store's order: an update that merges the one-key delta into the session's JSONB state,
 * sets the update time and bumps the version (which locks the row), then the store's event insert
 * (same columns, same casts).
 *
 * <p>Left out, and so the store's own cost: the removed-keys operand of the merge, the pool, the
 * executor hop, payload checks and the future.
 *
 * <p>Not thread-safe: one connection, used by one thread.
 */
public final class PlainPostgresJdbc implements AutoCloseable {
  private final Connection connection;
  private final PreparedStatement insertEvent;
  private final PreparedStatement updateSession;
  private final EventPayloads payloads;

  private PlainPostgresJdbc(Connection connection, String schema, EventPayloads payloads)
      throws SQLException {
    this.connection = connection;
    this.payloads = payloads;
    this.insertEvent = connection.prepareStatement(
        "INSERT INTO " + schema + ".adk_events (app_name, user_id, session_id, id, invocation_id,"
            + " author, actions, long_running_tool_ids_json, branch, timestamp, content,"
            + " grounding_metadata, custom_metadata, partial, turn_complete, interrupted,"
            + " error_code, error_message, extra)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS json), ?, ?, CAST(? AS json),"
            + " CAST(? AS json), CAST(? AS json), ?, ?, ?, ?, ?, CAST(? AS json))");
    this.updateSession = connection.prepareStatement(
        "UPDATE " + schema + ".adk_sessions SET state = state || CAST(? AS jsonb),"
            + " update_time = ?, version = version + 1"
            + " WHERE app_name = ? AND user_id = ? AND id = ?");
  }

  /**
   * Opens one connection.
   *
   * @param url the JDBC URL
   * @param schema the schema whose tables the store created; a validated identifier
   * @param payloads what each event holds
   * @return the baseline, autocommit off
   * @throws SQLException if the server cannot be reached
   */
  public static PlainPostgresJdbc open(String url, String schema, EventPayloads payloads)
      throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    connection.setAutoCommit(false);
    return new PlainPostgresJdbc(connection, schema, payloads);
  }

  /**
   * Drops a schema and everything in it, so that a trial starts from empty tables.
   *
   * @param url the JDBC URL
   * @param schema the schema; a validated identifier
   * @throws SQLException if the statement fails
   */
  public static void dropSchema(String url, String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /**
   * Appends event {@code n} to a session in its own transaction.
   *
   * @param session the session
   * @param n the event's sequence number
   * @throws SQLException if a statement fails
   */
  public void appendInOwnTransaction(SessionKey session, long n) throws SQLException {
    appendSettingKeyInOwnTransaction(session, n, "turn");
  }

  /**
   * Appends event {@code n} to a session in its own transaction, merging {@code {key: n}} into the
   * session's state: the same statements as {@link #appendInOwnTransaction}, for the state-size
   * benchmark, where the state holds many keys and each append changes one.
   *
   * @param session the session
   * @param n the event's sequence number
   * @param key the state key to set; a plain identifier, written into the JSON unescaped
   * @throws SQLException if a statement fails
   */
  public void appendSettingKeyInOwnTransaction(SessionKey session, long n, String key)
      throws SQLException {
    OffsetDateTime time =
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(EventPayloads.epochMillis(n)), ZoneOffset.UTC);
    // Written by hand, not through JsonCodec: the baseline is the minimum cost of these rows, and
    // this one-key document is all it ever writes.
    updateSession.setString(1, "{\"" + key + "\":" + n + "}");
    updateSession.setObject(2, time);
    updateSession.setString(3, session.appName());
    updateSession.setString(4, session.userId());
    updateSession.setString(5, session.sessionId());
    updateSession.executeUpdate();
    insertEvent.setString(1, session.appName());
    insertEvent.setString(2, session.userId());
    insertEvent.setString(3, session.sessionId());
    insertEvent.setString(4, EventPayloads.eventId(n));
    insertEvent.setNull(5, Types.VARCHAR);
    insertEvent.setString(6, "user");
    insertEvent.setNull(7, Types.BINARY);
    insertEvent.setNull(8, Types.VARCHAR);
    insertEvent.setNull(9, Types.VARCHAR);
    insertEvent.setObject(10, time);
    insertEvent.setString(11, payloads.contentJson());
    insertEvent.setNull(12, Types.VARCHAR);
    insertEvent.setNull(13, Types.VARCHAR);
    insertEvent.setNull(14, Types.BOOLEAN);
    insertEvent.setNull(15, Types.BOOLEAN);
    insertEvent.setNull(16, Types.BOOLEAN);
    insertEvent.setNull(17, Types.VARCHAR);
    insertEvent.setNull(18, Types.VARCHAR);
    insertEvent.setNull(19, Types.VARCHAR);
    insertEvent.executeUpdate();

    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    connection.rollback();
    insertEvent.close();
    updateSession.close();
    connection.close();
  }
}
