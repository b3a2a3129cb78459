package dev.adkstore.postgres.internal;

import dev.adkstore.api.StateDelta;
import dev.adkstore.jdbc.StateFormat;
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
public final class StateJson implements StateFormat {
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
  @Override
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
  @Override
  public Map<String, Object> read(String what, String json) {
    if (json == null) {
      return Map.of();
    }
    return NulEscape.unescapeState(codec.readStoredState(what, json));
  }

  @Override
  public String storedKey(String key) {
    return NulEscape.escape(key);
  }
}
