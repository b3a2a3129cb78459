package dev.adkstore.jdbc;

import java.util.List;

/**
 * One scope's share of a state delta, in the form the SQL applies it: the keys to set, as one JSON
 * object, and the keys to remove. The delta goes down to the database as data and the database
 * merges it key by key (STORE-CONTRACT T4, T5); no backend reads and rewrites the whole document
 * in Java.
 *
 * <p>Keys are in their stored form ({@link StateFormat} may escape them). A key is either set or
 * removed, never both: when several deltas are combined, the last change of a key wins.
 *
 * @param changesJson a JSON object holding every key to set with its new value
 * @param setKeys the keys of {@code changesJson}, in its order
 * @param removedKeys the keys to remove
 */
public record ScopeChange(String changesJson, List<String> setKeys, List<String> removedKeys) {
  /** The change of a scope the delta does not touch. */
  public static final ScopeChange NONE = new ScopeChange("{}", List.of(), List.of());

  /** Copies the key lists. */
  public ScopeChange {
    setKeys = List.copyOf(setKeys);
    removedKeys = List.copyOf(removedKeys);
  }

  /**
   * Whether the scope does not change at all, so no statement touches it.
   *
   * @return true for no change
   */
  public boolean isEmpty() {
    return setKeys.isEmpty() && removedKeys.isEmpty();
  }
}
