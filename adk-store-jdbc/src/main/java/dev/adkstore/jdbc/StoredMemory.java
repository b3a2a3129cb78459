package dev.adkstore.jdbc;

import dev.adkstore.api.MemoryEntry;
import java.time.Instant;

/**
 * A memory entry as a row: its columns, flat, for a dialect's DAO to bind by name
 * ({@code @BindMethods}). The words are one string, separated by single spaces; the vector is
 * bound through {@link VectorBytes}.
 *
 * @param app the app
 * @param user the user
 * @param session the session
 * @param eventKey the event key
 * @param author the author, or null
 * @param timestamp the event time
 * @param content the content JSON, in stored form
 * @param words the folded words, space-separated
 * @param embedderId the embedder, or null
 * @param vector the vector, or null
 */
public record StoredMemory(
    String app, String user, String session, String eventKey, String author, Instant timestamp,
    String content, String words, String embedderId, float[] vector) {

  /**
   * The row of an entry.
   *
   * @param entry the entry, in stored form
   * @return its row
   */
  public static StoredMemory of(MemoryEntry entry) {
    return new StoredMemory(entry.session().appName(), entry.session().userId(),
        entry.session().sessionId(), entry.eventKey(), entry.author(), entry.timestamp(),
        entry.content(), String.join(" ", entry.words()),
        entry.embedding() == null ? null : entry.embedding().embedderId(),
        entry.embedding() == null ? null : entry.embedding().values());
  }
}
