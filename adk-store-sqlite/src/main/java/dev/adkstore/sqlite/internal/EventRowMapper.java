package dev.adkstore.sqlite.internal;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row of {@link EventDao#COLUMNS} to an {@link EventRecord}. JSON columns are returned as the
 * text that was stored, without a parse.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventRowMapper implements RowMapper<EventRecord> {
  @Override
  public EventRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new EventRecord(
        new SessionKey(rs.getString("app_name"), rs.getString("user_id"), rs.getString("session_id")),
        rs.getString("id"),
        rs.getString("invocation_id"),
        rs.getString("author"),
        rs.getBytes("actions"),
        rs.getString("long_running_tool_ids_json"),
        rs.getString("branch"),
        JulianDay.toInstant(rs.getDouble("timestamp")),
        rs.getString("content"),
        rs.getString("grounding_metadata"),
        rs.getString("custom_metadata"),
        flag(rs, "partial"),
        flag(rs, "turn_complete"),
        flag(rs, "interrupted"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getString("extra"));
  }

  private static Boolean flag(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value != 0;
  }
}
