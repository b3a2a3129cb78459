package dev.adkstore.postgres.internal;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.MemoryEmbedding;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Row mappers from the store's tables to the port's records, undoing the storage encodings:
 * {@linkplain NulEscape escaped} text and microsecond timestamps (rounded to whole milliseconds,
 * STORE-CONTRACT S12).
 *
 * <p>Thread-safe: the mappers hold only a thread-safe {@link StateJson}.
 */
public final class Rows {
  private Rows() {}

  /**
   * Converts a TIMESTAMPTZ value to the port's precision, rounding to the nearest millisecond.
   *
   * @param time the column value
   * @return the instant, whole milliseconds, or null
   */
  public static Instant toMillis(OffsetDateTime time) {
    if (time == null) {
      return null;
    }
    Instant i = time.toInstant();
    long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    return Instant.ofEpochMilli(Math.floorDiv(micros + 500, 1000));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return toMillis(rs.getObject(column, OffsetDateTime.class));
  }

  private static String text(ResultSet rs, String column) throws SQLException {
    return NulEscape.unescape(rs.getString(column));
  }

  private static Boolean flag(ResultSet rs, String column) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? null : value;
  }

  /**
   * Maps session rows.
   *
   * @param json the state reader
   * @return the mapper
   */
  public static RowMapper<SessionRecord> sessions(StateJson json) {
    return (ResultSet rs, StatementContext ctx) ->
        new SessionRecord(
            new SessionKey(text(rs, "app_name"), text(rs, "user_id"), text(rs, "id")),
            json.read("session state", rs.getString("state")),
            instant(rs, "create_time"),
            instant(rs, "update_time"),
            rs.getLong("version"),
            text(rs, "owner_id"));
  }

  /**
   * Maps event rows.
   *
   * @return the mapper
   */
  public static RowMapper<EventRecord> events() {
    return (ResultSet rs, StatementContext ctx) ->
        new EventRecord(
            new SessionKey(text(rs, "app_name"), text(rs, "user_id"), text(rs, "session_id")),
            text(rs, "id"),
            text(rs, "invocation_id"),
            text(rs, "author"),
            rs.getBytes("actions"),
            rs.getString("long_running_tool_ids_json"),
            text(rs, "branch"),
            instant(rs, "timestamp"),
            rs.getString("content"),
            rs.getString("grounding_metadata"),
            rs.getString("custom_metadata"),
            flag(rs, "partial"),
            flag(rs, "turn_complete"),
            flag(rs, "interrupted"),
            text(rs, "error_code"),
            text(rs, "error_message"),
            rs.getString("extra"));
  }

  /**
   * Maps app-state and user-state rows (a null user id means app state).
   *
   * @param json the state reader
   * @return the mapper
   */
  public static RowMapper<ScopedState> scopedStates(StateJson json) {
    return (ResultSet rs, StatementContext ctx) ->
        new ScopedState(
            text(rs, "app_name"),
            text(rs, "user_id"),
            json.read(rs.getString("user_id") == null ? "app state" : "user state", rs.getString("state")),
            instant(rs, "update_time"));
  }

  /**
   * Maps memory entry rows ({@link MemoryDao#COLUMNS}); the vector through the {@code float[]}
   * column mapper the store registered ({@link dev.adkstore.jdbc.VectorBytes}).
   *
   * @return the mapper
   */
  public static RowMapper<MemoryEntry> memories() {
    return (ResultSet rs, StatementContext ctx) -> {
      String embedderId = text(rs, "embedder_id");
      MemoryEmbedding embedding = embedderId == null ? null : new MemoryEmbedding(
          embedderId, ctx.findColumnMapperFor(float[].class).orElseThrow().map(rs, "vector", ctx));
      String words = text(rs, "words");
      return new MemoryEntry(
          new SessionKey(text(rs, "app_name"), text(rs, "user_id"), text(rs, "session_id")),
          text(rs, "event_key"),
          text(rs, "author"),
          instant(rs, "timestamp"),
          rs.getString("content"),
          words.isEmpty() ? List.of() : List.of(words.split(" ")),
          embedding);
    };
  }
}
