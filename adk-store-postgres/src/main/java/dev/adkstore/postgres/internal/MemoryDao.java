package dev.adkstore.postgres.internal;

import dev.adkstore.api.MemoryEntry;
import dev.adkstore.jdbc.StoredMemory;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The memory entries and their {@code tsvector} index ({@code V2__create_memories.sql}). Words
 * are bound as a text array and quoted inside the statement, never parsed as tsquery syntax.
 *
 * <p>Attach to a handle inside a transaction; not thread-safe, like the handle.
 */
public interface MemoryDao {
  /** The columns {@link Rows#memories()} reads. */
  String COLUMNS = "app_name, user_id, session_id, event_key, author, timestamp, content, words,"
      + " embedder_id, vector";

  /**
   * Inserts entries whose key is new.
   *
   * @param rows the rows
   * @return one count per row: 1 inserted, 0 known
   */
  @SqlBatch(value = "INSERT INTO <memories> (app_name, user_id, session_id, event_key, author, timestamp,"
      + " content, words, embedder_id, vector) VALUES (:app, :user, :session, :eventKey, :author,"
      + " :timestamp, CAST(:content AS json), :words, :embedderId, :vector)"
      + " ON CONFLICT (app_name, user_id, session_id, event_key) DO NOTHING",
      transactional = false)
  int[] insert(@BindMethods List<StoredMemory> rows);

  /**
   * Reads stored event keys, as stored (NUL-escaped).
   *
   * @return the keys among the given ones that are stored
   */
  @SqlQuery("SELECT event_key FROM <memories> WHERE app_name = :app AND user_id = :user"
      + " AND session_id = :session AND event_key IN (<keys>)")
  Set<String> knownKeys(@Bind("app") String app, @Bind("user") String user,
      @Bind("session") String session, @BindList("keys") List<String> keys);

  /**
   * Full-text search: the words become a tsquery of quoted lexemes joined by {@code |}, each
   * quote and backslash escaped inside the statement, so no word is read as tsquery syntax.
   *
   * @param app the app
   * @param user the user
   * @param words the words
   * @param limit at most this many
   * @return the best entries
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM <memories>, (SELECT CAST(array_to_string(ARRAY("
      + "SELECT '''' || replace(replace(w, '\\', '\\\\'), '''', '''''') || ''''"
      + " FROM unnest(CAST(:words AS text[])) AS w), ' | ') AS tsquery) AS q) AS query"
      + " WHERE app_name = :app AND user_id = :user AND words_index @@ query.q"
      + " ORDER BY ts_rank(words_index, query.q) DESC, timestamp DESC, session_id, event_key LIMIT :limit")
  List<MemoryEntry> search(@Bind("app") String app, @Bind("user") String user,
      @Bind("words") String[] words, @Bind("limit") int limit);

  @SqlQuery("SELECT " + COLUMNS + " FROM <memories>"
      + " WHERE app_name = :app AND user_id = :user AND embedder_id = :embedderId")
  List<MemoryEntry> embedded(@Bind("app") String app, @Bind("user") String user,
      @Bind("embedderId") String embedderId);

  @SqlUpdate("DELETE FROM <memories> WHERE app_name = :app AND user_id = :user")
  int deleteUser(@Bind("app") String app, @Bind("user") String user);

  @SqlUpdate("DELETE FROM <memories> WHERE app_name = :app AND user_id = :user AND session_id = :session")
  int deleteSession(@Bind("app") String app, @Bind("user") String user, @Bind("session") String session);
}
