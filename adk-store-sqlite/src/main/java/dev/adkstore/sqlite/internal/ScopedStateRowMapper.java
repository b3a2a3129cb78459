package dev.adkstore.sqlite.internal;

import dev.adkstore.api.ScopedState;
import dev.adkstore.json.JsonCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps an app-state or user-state row to a {@link ScopedState}; a NULL {@code user_id} means app
 * state.
 *
 * <p>Thread-safe: stateless apart from the thread-safe codec.
 */
public final class ScopedStateRowMapper implements RowMapper<ScopedState> {
  private final JsonCodec codec;

  /**
   * Creates the mapper.
   *
   * @param codec reads the state column
   */
  public ScopedStateRowMapper(JsonCodec codec) {
    this.codec = codec;
  }

  @Override
  public ScopedState map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ScopedState(
        rs.getString("app_name"),
        rs.getString("user_id"),
        codec.readStoredState(rs.getString("user_id") == null ? "app state" : "user state", rs.getString("state")),
        JulianDay.toInstant(rs.getDouble("update_time")));
  }
}
