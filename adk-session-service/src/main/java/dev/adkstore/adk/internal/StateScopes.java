package dev.adkstore.adk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.adk.JsonBaseModel;
import com.google.adk.sessions.State;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StateValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates between ADK's one flat state map, whose key prefixes name the scope ({@code app:},
 * {@code user:}, {@code temp:}, none for the session), and the store's three scoped maps whose keys
 * carry no prefix.
 *
 * <p>Values are stored as JSON types (SESSION-SERVICE A11): anything else, such as a POJO a tool
 * put into state, is converted with ADK's own mapper to maps, lists and scalars first. Values JSON
 * cannot hold at all (NaN, infinities, cycles) are passed on unchanged so that the store rejects
 * them with an error naming the key, before anything is written.
 *
 * <p>Stateless and thread-safe.
 */
public final class StateScopes {
  private static final ObjectMapper MAPPER = JsonBaseModel.getMapper();

  private StateScopes() {}

  /**
   * Turns an event's state delta into the store's key-level delta: prefixes stripped, {@code temp:}
   * keys dropped, {@code State.REMOVED} turned into {@link StateDelta#REMOVED}.
   *
   * @param adkDelta the event's {@code actions().stateDelta()}
   * @return the delta to apply with the event
   */
  public static StateDelta toStoreDelta(Map<String, Object> adkDelta) {
    StateDelta.Builder delta = StateDelta.builder();
    adkDelta.forEach(
        (key, value) -> {
          if (key.startsWith(State.TEMP_PREFIX)) {
            return;
          }
          Object stored = value == State.REMOVED ? StateDelta.REMOVED : toJsonValue(key, value);
          if (key.startsWith(State.APP_PREFIX)) {
            delta.putApp(key.substring(State.APP_PREFIX.length()), stored);
          } else if (key.startsWith(State.USER_PREFIX)) {
            delta.putUser(key.substring(State.USER_PREFIX.length()), stored);
          } else {
            delta.putSession(key, stored);
          }
        });
    return delta.build();
  }

  /**
   * Splits a new session's initial state by scope (SESSION-SERVICE C5). {@code temp:} keys, null
   * values and {@code State.REMOVED} values are dropped: none of them describes a value to store.
   * The result is a copy, so the caller's map may change afterwards (C4).
   *
   * @param initial the state given to {@code createSession}
   * @return the session part as {@code session}, the app and user parts without their prefixes
   */
  public static StateDelta splitInitialState(Map<String, Object> initial) {
    Map<String, Object> present = new LinkedHashMap<>();
    initial.forEach(
        (key, value) -> {
          if (value != null && value != State.REMOVED) {
            present.put(key, value);
          }
        });
    return toStoreDelta(present);
  }

  /**
   * Builds the state a {@code Session} shows: the session's own keys, then the app keys with {@code
   * app:} and the user keys with {@code user:} put back in front. Nested maps and lists are copied
   * into mutable ones, so the caller may change them without changing anything stored or cached.
   * Keys whose value is JSON null are left out: ADK's state map cannot hold null.
   *
   * @param session the session-scope state
   * @param app the app-scope state
   * @param user the user-scope state
   * @return a new mutable map
   */
  public static ConcurrentHashMap<String, Object> merge(
      Map<String, Object> session, Map<String, Object> app, Map<String, Object> user) {
    ConcurrentHashMap<String, Object> merged = new ConcurrentHashMap<>();
    putAll(merged, "", session);
    putAll(merged, State.APP_PREFIX, app);
    putAll(merged, State.USER_PREFIX, user);
    return merged;
  }

  private static void putAll(Map<String, Object> target, String prefix, Map<String, Object> scope) {
    scope.forEach(
        (key, value) -> {
          if (value != null) {
            target.put(prefix + key, mutableCopy(value));
          }
        });
  }

  private static Object mutableCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, mutableCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(mutableCopy(v)));
      return copy;
    }
    return value;
  }

  /**
   * Converts one state value to JSON types.
   *
   * @param key the state key, for errors
   * @param value the value
   * @return the value as null, String, Boolean, a number, Map or List
   * @throws IllegalArgumentException if ADK's mapper cannot serialize it
   */
  static Object toJsonValue(String key, Object value) {
    return new Converter(key).convert(value, 0);
  }

  private static final class Converter {
    private final String key;
    private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

    Converter(String key) {
      this.key = key;
    }

    Object convert(Object value, int depth) {
      if (value == null || isJsonScalar(value)) {
        return value;
      }
      boolean container = value instanceof Map<?, ?> || value instanceof List<?>;
      if (container && (depth > StateValues.MAX_DEPTH || !path.add(value))) {
        // A cycle or absurd depth: leave it for the store to reject with an error naming the key.
        return value;
      }
      try {
        if (value instanceof Map<?, ?> map
            && map.keySet().stream().allMatch(String.class::isInstance)) {
          Map<String, Object> copy = new LinkedHashMap<>();
          map.forEach((k, v) -> copy.put((String) k, convert(v, depth + 1)));
          return copy;
        }
        if (value instanceof List<?> list) {
          List<Object> copy = new ArrayList<>(list.size());
          list.forEach(v -> copy.add(convert(v, depth + 1)));
          return copy;
        }
        return convert(viaMapper(value), depth + 1);
      } finally {
        path.remove(value);
      }
    }

    private Object viaMapper(Object value) {
      try {
        return MAPPER.convertValue(value, Object.class);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "state value of '"
                + key
                + "' (a "
                + value.getClass().getName()
                + ") cannot be converted to JSON",
            e);
      }
    }

    private static boolean isJsonScalar(Object value) {
      return value instanceof String
          || value instanceof Boolean
          || value instanceof Integer
          || value instanceof Long
          || value instanceof Short
          || value instanceof Byte
          || value instanceof BigInteger
          || value instanceof Double
          || value instanceof Float;
    }
  }
}
