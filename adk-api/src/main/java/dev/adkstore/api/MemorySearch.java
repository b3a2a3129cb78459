package dev.adkstore.api;

import java.util.List;

/**
 * A full-text search of one user's memory entries (MEMORY M3): entries holding at least one of the
 * words, best first, at most {@code limit}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appName the app
 * @param userId the user
 * @param words folded words, as the entries were indexed; bound as data, never as query syntax
 * @param limit at most this many entries; 0 gives none
 */
public record MemorySearch(String appName, String userId, List<String> words, int limit) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException naming the first invalid field
   */
  public MemorySearch {
    Identifiers.requireId("appName", appName);
    Identifiers.requireId("userId", userId);
    words = MemoryWords.require("words", words);
    if (limit < 0) {
      throw new InvalidArgumentException("limit", "must not be negative, was " + limit);
    }
  }
}
