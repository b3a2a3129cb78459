package dev.adkstore.jdbc;

import dev.adkstore.api.Identifiers;
import dev.adkstore.api.MemoryEmbedding;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.json.JsonCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's rules for memory entries that no dialect should repeat: the stored form of an entry
 * (content one JSON object within the limits, author and words within the text limits, one entry
 * per key in a batch) and the exact nearest-neighbour ranking over a user's vectors.
 *
 * <p>Stateless and thread-safe.
 */
final class MemoryEntries {
  /** Equal relevance: the newer event first, then session id, then event key (MEMORY Q4). */
  static final Comparator<MemoryEntry> TIES = Comparator
      .comparing(MemoryEntry::timestamp, Comparator.reverseOrder())
      .thenComparing(e -> e.session().sessionId())
      .thenComparing(MemoryEntry::eventKey);

  private MemoryEntries() {}

  /**
   * Checks a batch and returns it in stored form, the first entry of each key kept.
   *
   * @param entries the caller's entries
   * @param codec the store's codec, with its limits
   * @return the entries to insert
   */
  static List<MemoryEntry> storable(List<MemoryEntry> entries, JsonCodec codec) {
    Identifiers.requireNonNull("entries", entries);
    Map<List<String>, MemoryEntry> byKey = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String field = "entries[" + i + "]";
      MemoryEntry entry = Identifiers.requireNonNull(field, entries.get(i));
      MemoryEntry stored = storable(field, entry, codec);
      byKey.putIfAbsent(List.of(entry.session().appName(), entry.session().userId(),
          entry.session().sessionId(), entry.eventKey()), stored);
    }
    return new ArrayList<>(byKey.values());
  }

  private static MemoryEntry storable(String field, MemoryEntry entry, JsonCodec codec) {
    codec.checkTextLength(field + ".author", entry.author());
    String content = codec.storableObject(field + ".content", entry.content());
    // Text limit, not document limit: an index entry (a tsvector) holds at most 1 MB.
    long wordsLength = entry.words().stream().mapToLong(w -> w.length() + 1L).sum();
    if (wordsLength > codec.limits().maxTextLength()) {
      throw new PayloadLimitException(field + ".words: " + wordsLength
          + " characters exceed the maximum of " + codec.limits().maxTextLength());
    }
    return content == entry.content() ? entry : new MemoryEntry(entry.session(), entry.eventKey(),
        entry.author(), entry.timestamp(), content, entry.words(), entry.embedding());
  }

  /**
   * Ranks a user's embedded entries by cosine similarity with a query vector.
   *
   * @param candidates the entries of the query's embedder
   * @param query the query vector
   * @param limit at most this many
   * @param minSimilarity the least similarity kept
   * @return the nearest, most similar first, ties as {@link #TIES}
   */
  static List<MemoryEntry> nearest(
      List<MemoryEntry> candidates, MemoryEmbedding query, int limit, double minSimilarity) {
    float[] q = query.values();
    record Scored(MemoryEntry entry, double similarity) {}
    List<Scored> scored = new ArrayList<>();
    for (MemoryEntry entry : candidates) {
      MemoryEmbedding embedding = entry.embedding();
      // A vector of another dimension cannot share the query's embedder; it is never compared.
      if (embedding != null && embedding.dimension() == q.length) {
        double similarity = embedding.cosine(q);
        if (similarity >= minSimilarity) {
          scored.add(new Scored(entry, similarity));
        }
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::similarity).reversed()
        .thenComparing(Scored::entry, TIES));
    return scored.stream().limit(limit).map(Scored::entry).toList();
  }
}
