package dev.adkstore.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep, unmodifiable copies of JSON-like state trees, taken wherever a map crosses the port so
 * that a caller changing its map afterwards changes nothing a store holds or returned.
 *
 * <p>Nested {@link Map}s and {@link List}s are copied recursively; every other value (strings,
 * numbers, booleans, null, and values a codec will later reject) is kept as it is. Null values are
 * allowed, since JSON {@code null} is a legal state value; null keys are not. A tree that contains
 * itself is rejected (STORE-CONTRACT B3), and so is one nested deeper than {@link #MAX_DEPTH}, so
 * hostile input cannot overflow the stack.
 *
 * <p>Stateless and thread-safe.
 */
public final class StateValues {
  /** The deepest nesting a copy accepts; codec limits are at most this. */
  public static final int MAX_DEPTH = 1000;

  private StateValues() {}

  /**
   * Returns an unmodifiable deep copy of a state map, keeping its iteration order.
   *
   * @param field the field's name, used in errors
   * @param state the map, not null
   * @return the copy
   * @throws InvalidArgumentException if the map is null, holds a null or non-string key, or
   *     contains itself
   * @throws PayloadLimitException if it is nested deeper than {@link #MAX_DEPTH}
   */
  public static Map<String, Object> copyState(String field, Map<String, ?> state) {
    Identifiers.requireNonNull(field, state);
    return new Copier().copyMap(field, state, 1);
  }

  private static final class Copier {
    private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

    Map<String, Object> copyMap(String where, Map<?, ?> map, int depth) {
      enter(where, map, depth);
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new InvalidArgumentException(
              where, "keys must be non-null strings, found " + entry.getKey());
        }
        copy.put(key, copyValue(where + "." + key, entry.getValue(), depth + 1));
      }
      path.remove(map);
      return Collections.unmodifiableMap(copy);
    }

    private Object copyValue(String where, Object value, int depth) {
      if (value instanceof Map<?, ?> map) {
        return copyMap(where, map, depth);
      }
      if (value instanceof List<?> list) {
        enter(where, list, depth);
        List<Object> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          copy.add(copyValue(where + "[" + i + "]", list.get(i), depth + 1));
        }
        path.remove(list);
        return Collections.unmodifiableList(copy);
      }
      return value;
    }

    private void enter(String where, Object container, int depth) {
      if (depth > MAX_DEPTH) {
        throw new PayloadLimitException(
            where + ": nested deeper than the maximum of " + MAX_DEPTH + " levels");
      }
      if (!path.add(container)) {
        throw new InvalidArgumentException(where, "contains itself (a cycle cannot be stored)");
      }
    }
  }
}
