package dev.adkstore.sqlite.internal;

import dev.adkstore.api.MemoryEmbedding;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.SessionKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row of {@link MemoryDao#COLUMNS} to a {@link MemoryEntry}; the vector through the
 * {@code float[]} column mapper the store registered ({@link dev.adkstore.jdbc.VectorBytes}).
 *
 * <p>Stateless and thread-safe.
 */
public final class MemoryRowMapper implements RowMapper<MemoryEntry> {
  @Override
  public MemoryEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    String embedderId = rs.getString("embedder_id");
    MemoryEmbedding embedding = null;
    if (embedderId != null) {
      ColumnMapper<float[]> vectors = ctx.findColumnMapperFor(float[].class).orElseThrow();
      embedding = new MemoryEmbedding(embedderId, vectors.map(rs, "vector", ctx));
    }
    String words = rs.getString("words");
    return new MemoryEntry(
        new SessionKey(rs.getString("app_name"), rs.getString("user_id"), rs.getString("session_id")),
        rs.getString("event_key"),
        rs.getString("author"),
        JulianDay.toInstant(rs.getDouble("timestamp")),
        rs.getString("content"),
        words.isEmpty() ? List.of() : List.of(words.split(" ")),
        embedding);
  }
}
