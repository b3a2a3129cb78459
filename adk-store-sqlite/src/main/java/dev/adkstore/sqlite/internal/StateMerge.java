package dev.adkstore.sqlite.internal;

import dev.adkstore.api.StateDelta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key-level application of one scope of a {@link StateDelta} (STORE-CONTRACT T4): each named key is
 * replaced whole or removed; other keys are untouched.
 *
 * <p>Stateless and thread-safe.
 */
public final class StateMerge {
  private StateMerge() {}

  /**
   * Applies changes to a state map in place.
   *
   * @param state the mutable state
   * @param changes key to new value, or to {@link StateDelta#REMOVED}
   */
  public static void apply(Map<String, Object> state, Map<String, Object> changes) {
    for (Map.Entry<String, Object> change : changes.entrySet()) {
      if (StateDelta.isRemoved(change.getValue())) {
        state.remove(change.getKey());
      } else {
        state.put(change.getKey(), change.getValue());
      }
    }
  }

  /**
   * The changes without removals: the values that will be written, for validating them before a
   * transaction starts (STORE-CONTRACT B3).
   *
   * @param changes key to new value, or to {@link StateDelta#REMOVED}
   * @return the new values only
   */
  public static Map<String, Object> writtenValues(Map<String, Object> changes) {
    Map<String, Object> values = new LinkedHashMap<>();
    changes.forEach(
        (key, value) -> {
          if (!StateDelta.isRemoved(value)) {
            values.put(key, value);
          }
        });
    return values;
  }
}
