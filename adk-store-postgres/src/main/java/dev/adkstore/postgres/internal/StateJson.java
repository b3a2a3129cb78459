package dev.adkstore.postgres.internal;

import dev.adkstore.api.StateDelta;
import dev.adkstore.json.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State maps to and from the text of {@code jsonb} columns.
 *
 * <p>Two PostgreSQL facts shape it. jsonb normalizes number spellings ({@code 1e2} becomes
 * {@code 100}), so the codec must be in plain-decimal mode: a double is always written with a
 * fraction and without an exponent, and reads back as the same {@link Double}. And jsonb cannot
 * hold NUL, so strings and keys are {@linkplain NulEscape escaped} on the way in and unescaped on
 * the way out.
 *
 * <p>Thread-safe.
 */
public final class StateJson {
  private final JsonCodec codec;

  /**
   * Creates the helper.
   *
   * @param plainDecimalCodec a codec created with plain decimals on
   */
  public StateJson(JsonCodec plainDecimalCodec) {
    this.codec = plainDecimalCodec;
  }

  /**
   * Writes a state map for a jsonb column, validating it first (STORE-CONTRACT B3, B4).
   *
   * @param field the name errors use
   * @param state the state, already a deep copy
   * @return the JSON text
   */
  public String write(String field, Map<String, ?> state) {
    Object escaped = NulEscape.escapeTree(state);
    if (escaped != state) {
      // Validate the caller's own tree, so errors name the caller's keys, not escaped ones.
      codec.writeState(field, state);
    }
    return codec.writeValue(field, escaped);
  }

  /**
   * Reads a jsonb state column; a column that is not a JSON object is corrupt storage.
   *
   * @param what names the state in errors, such as {@code user state}
   * @param json the column text, or null for an empty state
   * @return the state
   */
  public Map<String, Object> read(String what, String json) {
    if (json == null) {
      return Map.of();
    }
    return NulEscape.unescapeState(codec.readStoredState(what, json));
  }

  /**
   * Splits a scope's changes into the merge the SQL applies: the keys to remove and the object to
   * concatenate.
   *
   * @param field the name errors use
   * @param changes key to value or {@link StateDelta#REMOVED}
   * @return the merge, validated and escaped
   */
  public Merge merge(String field, Map<String, Object> changes) {
    if (changes.isEmpty()) {
      return Merge.NONE;
    }
    Map<String, Object> set = new LinkedHashMap<>();
    List<String> removed = new ArrayList<>();
    for (Map.Entry<String, Object> e : changes.entrySet()) {
      if (StateDelta.isRemoved(e.getValue())) {
        removed.add(NulEscape.escape(e.getKey()));
      } else {
        set.put(e.getKey(), e.getValue());
      }
    }
    return new Merge(write(field, set), removed.toArray(String[]::new), false);
  }

  /**
   * One scope's change as SQL applies it: {@code (state - removed) || changes}.
   *
   * @param changes the JSON object of keys to set, escaped
   * @param removed the escaped keys to remove
   * @param isEmpty true when the scope does not change at all
   */
  public record Merge(String changes, String[] removed, boolean isEmpty) {
    /** The merge of a scope that does not change. */
    public static final Merge NONE = new Merge("{}", new String[0], true);
  }
}
