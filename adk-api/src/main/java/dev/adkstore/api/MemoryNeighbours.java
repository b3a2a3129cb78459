package dev.adkstore.api;

/**
 * A search of one user's memory entries by meaning (MEMORY M4): the entries embedded by the same
 * embedder whose cosine similarity with the query vector is at least {@code minSimilarity}, most
 * similar first, at most {@code limit}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appName the app
 * @param userId the user
 * @param query the query's vector and its embedder
 * @param limit at most this many entries; 0 gives none
 * @param minSimilarity the least cosine similarity, between -1 and 1
 */
public record MemoryNeighbours(
    String appName, String userId, MemoryEmbedding query, int limit, double minSimilarity) {
  /**
   * Validates.
   *
   * @throws InvalidArgumentException naming the first invalid field
   */
  public MemoryNeighbours {
    Identifiers.requireId("appName", appName);
    Identifiers.requireId("userId", userId);
    Identifiers.requireNonNull("query", query);
    if (limit < 0) {
      throw new InvalidArgumentException("limit", "must not be negative, was " + limit);
    }
    if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw new InvalidArgumentException("minSimilarity", "must be between -1 and 1, was " + minSimilarity);
    }
  }
}
