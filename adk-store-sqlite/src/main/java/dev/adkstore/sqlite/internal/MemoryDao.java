package dev.adkstore.sqlite.internal;

import dev.adkstore.api.MemoryEntry;
import dev.adkstore.jdbc.StoredMemory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The memory entries and their FTS5 index ({@code V2__create_memories.sql}). Words reach the
 * index as a bound FTS5 query of quoted strings ({@link SqliteStatements#matchQuery}), never as
 * SQL.
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface MemoryDao {
  /** The columns a {@link MemoryRowMapper} reads. */
  String COLUMNS = "m.app_name, m.user_id, m.session_id, m.event_key, m.author, m.timestamp,"
      + " m.content, m.words, m.embedder_id, m.vector";

  /**
   * Inserts entries whose key is new.
   *
   * @param rows the rows
   * @return one count per row: 1 inserted, 0 known
   */
  @SqlBatch(value = "INSERT OR IGNORE INTO <memories> (app_name, user_id, session_id, event_key, author,"
      + " timestamp, content, words, embedder_id, vector) VALUES (:app, :user, :session, :eventKey,"
      + " :author, :timestamp, :content, :words, :embedderId, :vector)",
      transactional = false)
  int[] insert(@BindMethods List<StoredMemory> rows);

  @SqlQuery("SELECT event_key FROM <memories> WHERE app_name = :app AND user_id = :user"
      + " AND session_id = :session AND event_key IN (<keys>)")
  Set<String> knownKeys(@Bind("app") String app, @Bind("user") String user,
      @Bind("session") String session, @BindList("keys") List<String> keys);

  @SqlQuery("SELECT " + COLUMNS + " FROM <memoriesText> JOIN <memories> m ON m.id = <memoriesText>.rowid"
      + " WHERE <memoriesText> MATCH :query AND m.app_name = :app AND m.user_id = :user"
      + " ORDER BY bm25(<memoriesText>), m.timestamp DESC, m.session_id, m.event_key LIMIT :limit")
  List<MemoryEntry> search(@Bind("app") String app, @Bind("user") String user,
      @Bind("query") String query, @Bind("limit") int limit);

  @SqlQuery("SELECT " + COLUMNS + " FROM <memories> m"
      + " WHERE m.app_name = :app AND m.user_id = :user AND m.embedder_id = :embedderId")
  List<MemoryEntry> embedded(@Bind("app") String app, @Bind("user") String user,
      @Bind("embedderId") String embedderId);

  @SqlUpdate("DELETE FROM <memories> WHERE app_name = :app AND user_id = :user")
  int deleteUser(@Bind("app") String app, @Bind("user") String user);

  @SqlUpdate("DELETE FROM <memories> WHERE app_name = :app AND user_id = :user AND session_id = :session")
  int deleteSession(@Bind("app") String app, @Bind("user") String user, @Bind("session") String session);

  @SqlUpdate("DELETE FROM <memories> WHERE timestamp < :cutoff")
  long deleteOlder(@Bind("cutoff") Instant cutoff);

  @SqlQuery("SELECT count(*) FROM <memories> WHERE timestamp < :cutoff")
  long countOlder(@Bind("cutoff") Instant cutoff);

  @SqlUpdate("DELETE FROM <memories> WHERE app_name = :app AND timestamp < :cutoff")
  long deleteOlderInApp(@Bind("app") String app, @Bind("cutoff") Instant cutoff);

  @SqlQuery("SELECT count(*) FROM <memories> WHERE app_name = :app AND timestamp < :cutoff")
  long countOlderInApp(@Bind("app") String app, @Bind("cutoff") Instant cutoff);
}
