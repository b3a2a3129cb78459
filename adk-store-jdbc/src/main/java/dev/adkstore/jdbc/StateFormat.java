package dev.adkstore.jdbc;

import dev.adkstore.api.StateDelta;
import dev.adkstore.json.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a dialect stores state documents: the JSON text written for a state map or a scope's
 * change, and the map read back from a stored document. The plain form ({@link #plain}) is the
 * codec's JSON; a dialect whose JSON type cannot hold some text (PostgreSQL's {@code jsonb} and
 * NUL) supplies its own reversible form.
 *
 * <p>Implementations are thread-safe.
 */
public interface StateFormat {
  /**
   * Writes a state map, validating it first (STORE-CONTRACT B3, B4).
   *
   * @param field the name errors use
   * @param state the state
   * @return the stored JSON text
   */
  String write(String field, Map<String, ?> state);

  /**
   * Reads a stored state document; text that is not a JSON object is corrupt storage.
   *
   * @param what names the state in errors, such as {@code user state}
   * @param json the stored text, or null for an empty state
   * @return the state, mutable, in document order
   */
  Map<String, Object> read(String what, String json);

  /**
   * Escapes one key the way {@link #write} stores keys.
   *
   * @param key the key
   * @return its stored form
   */
  String storedKey(String key);

  /**
   * Turns a scope's changes into the merge the SQL applies, validating the new values.
   *
   * @param field the name errors use
   * @param changes key to new value or {@link StateDelta#REMOVED}
   * @return the change, {@link ScopeChange#NONE} when there is none
   */
  default ScopeChange change(String field, Map<String, Object> changes) {
    if (changes.isEmpty()) {
      return ScopeChange.NONE;
    }
    Map<String, Object> set = new LinkedHashMap<>();
    List<String> setKeys = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    changes.forEach((key, value) -> {
      if (StateDelta.isRemoved(value)) {
        removed.add(storedKey(key));
      } else {
        set.put(key, value);
        setKeys.add(storedKey(key));
      }
    });
    return new ScopeChange(write(field, set), setKeys, removed);
  }

  /**
   * The codec's own JSON, for dialects that store any JSON text as it is.
   *
   * @param codec the codec
   * @return the format
   */
  static StateFormat plain(JsonCodec codec) {
    return new StateFormat() {
      @Override
      public String write(String field, Map<String, ?> state) {
        return codec.writeState(field, state);
      }

      @Override
      public Map<String, Object> read(String what, String json) {
        return json == null ? new LinkedHashMap<>() : codec.readStoredState(what, json);
      }

      @Override
      public String storedKey(String key) {
        return key;
      }
    };
  }
}
