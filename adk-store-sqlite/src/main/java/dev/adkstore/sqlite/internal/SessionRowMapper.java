package dev.adkstore.sqlite.internal;

import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.json.JsonCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row of {@link SessionDao#COLUMNS} to a {@link SessionRecord}.
 *
 * <p>Thread-safe: stateless apart from the thread-safe codec.
 */
public final class SessionRowMapper implements RowMapper<SessionRecord> {
  private final JsonCodec codec;

  /**
   * Creates the mapper.
   *
   * @param codec reads the state column
   */
  public SessionRowMapper(JsonCodec codec) {
    this.codec = codec;
  }

  @Override
  public SessionRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SessionRecord(
        new SessionKey(rs.getString("app_name"), rs.getString("user_id"), rs.getString("id")),
        codec.readStoredState("session state", rs.getString("state")),
        JulianDay.toInstant(rs.getDouble("create_time")),
        JulianDay.toInstant(rs.getDouble("update_time")),
        rs.getLong("version"),
        rs.getString("owner_id"));
  }
}
