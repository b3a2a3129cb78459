package dev.adkstore.sqlite.internal;

import dev.adkstore.jdbc.ScopeChange;
import dev.adkstore.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ScopeChange} as an SQLite expression that merges it into a state column, so the delta
 * goes down as data and SQLite's JSON functions merge it key by key:
 * {@code json_set(json_remove(state, removed...), key, :changes -> key, ...)}.
 *
 * <p>Each key is addressed by a quoted JSON path label ({@code $."a.b"}) holding the key exactly as
 * the codec writes it, JSON escapes included, so any key (dots, quotes, brackets) is one label.
 * New values are taken from the changes document with {@code ->}, which keeps them JSON (numbers
 * keep their spelling: {@code 1.0} stays {@code 1.0}, 17-digit doubles and big integers keep
 * every digit). The SQL text depends only on the number of keys, so the statements of a small
 * delta are prepared once and reused.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonMerge {
  private JsonMerge() {}

  /**
   * The merge expression over a column, with its named parameters.
   *
   * @param column the state column, or a JSON literal for a new row
   * @param change the change, not empty
   * @param changesParameter the parameter the changes document is bound to
   * @param pathPrefix the prefix of the path parameters' names
   * @return the expression and the path parameters it binds
   */
  public static Expression of(String column, ScopeChange change, String changesParameter, String pathPrefix) {
    Map<String, String> paths = new LinkedHashMap<>();
    StringBuilder removed = new StringBuilder(column);
    if (!change.removedKeys().isEmpty()) {
      removed.insert(0, "json_remove(");
      for (String key : change.removedKeys()) {
        String name = pathPrefix + paths.size();
        paths.put(name, path(key));
        removed.append(", :").append(name);
      }
      removed.append(')');
    }
    if (change.setKeys().isEmpty()) {
      return new Expression(removed.toString(), paths);
    }
    StringBuilder set = new StringBuilder("json_set(").append(removed);
    for (String key : change.setKeys()) {
      String name = pathPrefix + paths.size();
      paths.put(name, path(key));
      set.append(", :").append(name).append(", :").append(changesParameter).append(" -> :").append(name);
    }
    return new Expression(set.append(')').toString(), paths);
  }

  private static String path(String key) {
    return "$." + JsonCodec.quote(key);
  }

  /**
   * A merge expression.
   *
   * @param sql the SQL text
   * @param paths parameter name to JSON path
   */
  public record Expression(String sql, Map<String, String> paths) {}
}
