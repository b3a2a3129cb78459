package dev.adkstore.postgres.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reversible escape that lets PostgreSQL hold strings containing NUL (U+0000), which neither
 * {@code text} nor {@code jsonb} can store (STORE-CONTRACT B5).
 *
 * <p>U+0001 is the escape character: NUL is stored as U+0001 '0' and U+0001 itself as U+0001 '1'.
 * Every other character is stored as it is, so strings without U+0000 or U+0001 (nearly all) are
 * unchanged and cost one scan. The mapping is injective and keeps the code-point order of strings
 * (U+0001 '0' sorts after every prefix and before U+0001 '1' and U+0002), so {@code COLLATE "C"}
 * ordering of escaped ids is the ordering of the ids themselves.
 *
 * <p>Applied to every text column the port fills (ids, author, branch, error fields, owner) and to
 * every string and key inside JSON written to {@code jsonb}; never to the {@code json} payload
 * columns, whose text keeps NUL as the JSON escape {@code \u0000}, which the {@code json} type
 * accepts.
 *
 * <p>Stateless and thread-safe.
 */
public final class NulEscape {
  private static final char NUL = '\0';
  private static final char ESCAPE = '\u0001';

  private NulEscape() {}

  /**
   * Escapes a string for storage.
   *
   * @param s the string, or null
   * @return the stored form, or null
   */
  public static String escape(String s) {
    if (s == null || !needsEscape(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == NUL) {
        out.append(ESCAPE).append('0');
      } else if (c == ESCAPE) {
        out.append(ESCAPE).append('1');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Reverses {@link #escape(String)}.
   *
   * @param s a stored string, or null
   * @return the original string, or null
   */
  public static String unescape(String s) {
    if (s == null || s.indexOf(ESCAPE) < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ESCAPE && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(next == '0' ? NUL : next == '1' ? ESCAPE : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Escapes every string and key of a JSON-like tree; returns the tree itself when nothing in it
   * needs escaping.
   *
   * @param value a map, list, string or other JSON value
   * @return the stored form
   */
  public static Object escapeTree(Object value) {
    return containsEscapable(value) ? mapTree(value, true) : value;
  }

  /**
   * Reverses {@link #escapeTree(Object)} on a freshly read tree.
   *
   * @param value the tree read from storage
   * @return the original tree
   */
  public static Object unescapeTree(Object value) {
    return containsEscaped(value) ? mapTree(value, false) : value;
  }

  /**
   * Unescapes a state map read from storage.
   *
   * @param state the stored state
   * @return the original state
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> unescapeState(Map<String, Object> state) {
    return (Map<String, Object>) unescapeTree(state);
  }

  private static boolean needsEscape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == NUL || c == ESCAPE) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsEscapable(Object value) {
    if (value instanceof String s) {
      return needsEscape(s);
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (containsEscapable(e.getKey()) || containsEscapable(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (containsEscapable(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containsEscaped(Object value) {
    if (value instanceof String s) {
      return s.indexOf(ESCAPE) >= 0;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (containsEscaped(e.getKey()) || containsEscaped(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (containsEscaped(item)) {
          return true;
        }
      }
    }
    return false;
  }

  // Rebuilds the tree with every string mapped; values the codec will reject later (other
  // objects) are kept as they are, so the codec still names them in its error.
  private static Object mapTree(Object value, boolean escaping) {
    if (value instanceof String s) {
      return escaping ? escape(s) : unescape(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(mapTree(e.getKey(), escaping), mapTree(e.getValue(), escaping));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(mapTree(item, escaping));
      }
      return copy;
    }
    return value;
  }
}
