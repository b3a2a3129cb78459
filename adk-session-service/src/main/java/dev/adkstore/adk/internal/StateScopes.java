package dev.adkstore.adk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.adk.JsonBaseModel;
import com.google.adk.sessions.State;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StateValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
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
 * <p>Values are stored as JSON types (SESSION-SERVICE A11): anything else is converted first, to a
 * form defined once here so that a value reads back the same whether a tool stored it directly or
 * inside an object:
 *
 * <ul>
 *   <li>a {@link BigDecimal} becomes the JSON number of its value: an integer when it has no
 *       fractional part, otherwise a double, refused when no double has exactly its value (so a
 *       price is never silently rounded);
 *   <li>a {@code byte[]} becomes base64 text (RFC 4648, with padding), as ADK's mapper writes it;
 *   <li>dates and times ({@code java.time}, {@code java.util.Date}) become ISO-8601 text, such as
 *       {@code 2024-01-02T03:04:05.123456789Z}: ADK's mapper would write an {@code Instant} as a
 *       number of seconds that a double cannot hold to the nanosecond;
 *   <li>any other object (a POJO, a record, an {@code Optional}) is converted with ADK's own
 *       mapper, configured as above, to maps, lists and scalars.
 * </ul>
 *
 * Values JSON cannot hold at all (NaN, infinities, cycles, nesting deeper than {@link
 * StateValues#MAX_DEPTH}) are passed on unchanged so that the store rejects them with an error
 * naming the key, before anything is written; values no conversion applies to fail with {@link
 * IllegalArgumentException} naming the key.
 *
 * <p>Stateless and thread-safe.
 */
public final class StateScopes {
  // ADK's mapper (its modules, its property naming), writing dates as ISO-8601 text.
  private static final ObjectMapper MAPPER =
      JsonBaseModel.getMapper()
          .copy()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

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
          if (key == null) {
            throw new IllegalArgumentException("a state key is null; keys must be strings");
          }
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
   * Converts one state value to JSON types, in the form the class comment defines.
   *
   * @param key the state key, for errors
   * @param value the value
   * @return the value as null, String, Boolean, an integer or double, Map or List; a cycle, a
   *     nesting too deep or a non-finite double is returned as it is, for the store to refuse
   * @throws IllegalArgumentException if the value has no JSON form
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
      if (value instanceof BigDecimal decimal) {
        return jsonNumber(decimal);
      }
      if (value instanceof byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
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
        if (depth > StateValues.MAX_DEPTH) {
          // Objects converting into objects without end: the store refuses what is left.
          return value;
        }
        return convert(viaMapper(value), depth + 1);
      } finally {
        path.remove(value);
      }
    }

    private Object jsonNumber(BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() <= 0) {
        return narrowest(stripped.toBigIntegerExact());
      }
      double asDouble = decimal.doubleValue();
      boolean exact =
          Double.isFinite(asDouble)
              && new BigDecimal(Double.toString(asDouble)).compareTo(decimal) == 0;
      if (!exact) {
        throw new IllegalArgumentException(
            "state value of '"
                + key
                + "' is a BigDecimal that no double holds exactly; store it as a String to keep"
                + " every digit");
      }
      return asDouble;
    }

    // The type the store reads a whole JSON number back as, so a fresh value equals a stored one.
    private static Object narrowest(BigInteger integer) {
      if (integer.bitLength() < Integer.SIZE) {
        return integer.intValue();
      }
      if (integer.bitLength() < Long.SIZE) {
        return integer.longValue();
      }
      return integer;
    }

    private Object viaMapper(Object value) {
      Object converted;
      try {
        converted = MAPPER.convertValue(value, Object.class);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "state value of '"
                + key
                + "' (a "
                + value.getClass().getName()
                + ") cannot be converted to JSON",
            e);
      }
      if (converted != null && converted.getClass() == value.getClass()) {
        // The mapper embedded the object as it is: converting again would never end.
        throw new IllegalArgumentException(
            "state value of '"
                + key
                + "' (a "
                + value.getClass().getName()
                + ") has no JSON form; convert it to a String, number, Boolean, Map or List");
      }
      return converted;
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
