package dev.adkstore.api;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a store's tables, validated when built so that no configured name can change the
 * meaning of a statement (STORE-CONTRACT L6). Several stores can share one database under
 * different names.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessions the sessions table
 * @param events the events table
 * @param appStates the app-state table
 * @param userStates the user-state table
 * @param metadata the table that records the schema version
 */
public record TableNames(
    String sessions, String events, String appStates, String userStates, String metadata) {

  /** The default names: {@code adk_sessions}, {@code adk_events}, and so on. */
  public static final TableNames DEFAULTS = withPrefix("adk_");

  /**
   * Validates each name.
   *
   * @throws InvalidArgumentException if a name is not a safe SQL identifier, or two names are equal
   */
  public TableNames {
    Identifiers.requireSqlIdentifier("tables.sessions", sessions);
    Identifiers.requireSqlIdentifier("tables.events", events);
    Identifiers.requireSqlIdentifier("tables.appStates", appStates);
    Identifiers.requireSqlIdentifier("tables.userStates", userStates);
    Identifiers.requireSqlIdentifier("tables.metadata", metadata);
    if (new HashSet<>(List.of(sessions, events, appStates, userStates, metadata)).size() != 5) {
      throw new InvalidArgumentException("tables", "names must be distinct");
    }
  }

  /**
   * The five tables named with a common prefix: {@code PREFIXsessions}, {@code PREFIXevents},
   * {@code PREFIXapp_states}, {@code PREFIXuser_states}, {@code PREFIXmetadata}.
   *
   * @param prefix the prefix, such as {@code tenant1_}
   * @return the names
   * @throws InvalidArgumentException if a resulting name is invalid
   */
  public static TableNames withPrefix(String prefix) {
    Identifiers.requireNonNull("prefix", prefix);
    return new TableNames(
        prefix + "sessions",
        prefix + "events",
        prefix + "app_states",
        prefix + "user_states",
        prefix + "metadata");
  }

  /**
   * The five names keyed by role ({@code sessions}, {@code events}, {@code appStates},
   * {@code userStates}, {@code metadata}), as SQL templates name them.
   *
   * @return role to table name, in that order; a new mutable map
   */
  public Map<String, String> byRole() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("sessions", sessions);
    names.put("events", events);
    names.put("appStates", appStates);
    names.put("userStates", userStates);
    names.put("metadata", metadata);
    return names;
  }
}
