package dev.adkstore.api;

import java.time.Instant;
import java.util.List;

/**
 * What a store keeps of one event for long-term memory: who said it, when, its text parts as
 * content JSON, the folded words the full-text index holds, and optionally its vector. An entry is
 * known by its session and event key, and never rewritten once stored (MEMORY M1).
 *
 * <p>Immutable and thread-safe.
 *
 * @param session the app, user and session the event belongs to (the session need not exist)
 * @param eventKey the event's key within the session: its id, or a key derived from it
 * @param author the event's author, or null
 * @param timestamp the event's time, whole milliseconds
 * @param content the event's role and text parts, a JSON object
 * @param words the words the index holds, folded by the caller and matched exactly as given; no
 *     word empty, longer than {@value #MAX_WORD_LENGTH} characters, or holding white space or a
 *     control character
 * @param embedding the entry's vector, or null
 */
public record MemoryEntry(
    SessionKey session, String eventKey, String author, Instant timestamp, String content,
    List<String> words, MemoryEmbedding embedding) {
  /** The longest word an entry or a search may carry, in characters (within every index's limit). */
  public static final int MAX_WORD_LENGTH = MemoryWords.MAX_WORD_LENGTH;

  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException naming the first invalid field
   */
  public MemoryEntry {
    Identifiers.requireNonNull("session", session);
    Identifiers.requireId("eventKey", eventKey);
    Identifiers.requireWellFormed("author", author);
    Timestamps.requireMillis("timestamp", timestamp);
    Identifiers.requireNonNull("content", content);
    Identifiers.requireWellFormed("content", content);
    words = MemoryWords.require("words", words);
  }
}
