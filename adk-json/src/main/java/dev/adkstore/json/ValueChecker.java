package dev.adkstore.json;

import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.PayloadLimitException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a value before it is written, so that an unsupported value fails with its key path and a
 * payload over a limit fails before a large string is built. Not thread-safe: one per write.
 */
final class ValueChecker {
  // Characters a value costs at least in JSON beyond its own text (quotes, colon, comma): a lower
  // bound, used only to fail early on documents that cannot fit.
  private static final int SEPARATOR_COST = 2;

  private final JsonLimits limits;
  private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
  private long estimatedLength;

  ValueChecker(JsonLimits limits) {
    this.limits = limits;
  }

  void check(String field, Object value) {
    check(field, value, 0);
  }

  private void check(String where, Object value, int depth) {
    if (value == null || value instanceof Boolean) {
      grow(where, 5);
    } else if (value instanceof String s) {
      checkString(where, s);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      grow(where, value.toString().length());
    } else if (value instanceof Double d) {
      checkFinite(where, d);
    } else if (value instanceof Float f) {
      checkFinite(where, f.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      enter(where, map, depth);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new InvalidArgumentException(where, "keys must be non-null strings, found " + entry.getKey());
        }
        checkString(where + "." + key, key);
        check(where + "." + key, entry.getValue(), depth + 1);
      }
      path.remove(map);
    } else if (value instanceof List<?> list) {
      enter(where, list, depth);
      for (int i = 0; i < list.size(); i++) {
        check(where + "[" + i + "]", list.get(i), depth + 1);
      }
      path.remove(list);
    } else {
      throw new InvalidArgumentException(
          where,
          "a " + value.getClass().getName() + " is not a JSON value (use String, Boolean, Integer,"
              + " Long, BigInteger, Double, Map or List)");
    }
  }

  private void enter(String where, Object container, int depth) {
    if (depth >= limits.maxNestingDepth()) {
      throw new PayloadLimitException(
          where + ": nesting depth exceeds the maximum of " + limits.maxNestingDepth());
    }
    if (!path.add(container)) {
      throw new InvalidArgumentException(where, "contains itself (a cycle cannot be JSON)");
    }
    grow(where, SEPARATOR_COST);
  }

  private void checkFinite(String where, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new InvalidArgumentException(where, d + " is not a JSON number");
    }
    grow(where, 3);
  }

  private void checkString(String where, String s) {
    if (s.length() > limits.maxStringLength()) {
      throw new PayloadLimitException(
          where + ": string length " + s.length() + " exceeds the maximum of "
              + limits.maxStringLength());
    }
    int lone = Identifiers.unpairedSurrogateIndex(s);
    if (lone >= 0) {
      throw new InvalidArgumentException(
          where, "contains a lone surrogate at index " + lone + " (strings must be valid Unicode)");
    }
    grow(where, s.length() + SEPARATOR_COST);
  }

  private void grow(String where, int characters) {
    estimatedLength += characters;
    if (estimatedLength > limits.maxDocumentLength()) {
      throw new PayloadLimitException(
          where + ": document length exceeds the maximum of " + limits.maxDocumentLength());
    }
  }
}
