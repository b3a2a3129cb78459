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
 * @param schemaHistory the table where the schema migrations applied to the database are recorded
 *     (Flyway's history table)
 * @param memories the long-term memory entries
 */
public record TableNames(
    String sessions, String events, String appStates, String userStates, String metadata,
    String schemaHistory, String memories) {

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
    Identifiers.requireSqlIdentifier("tables.schemaHistory", schemaHistory);
    Identifiers.requireSqlIdentifier("tables.memories", memories);
    if (new HashSet<>(List.of(sessions, events, appStates, userStates, metadata, schemaHistory, memories))
        .size() != 7) {
      throw new InvalidArgumentException("tables", "names must be distinct");
    }
  }

  /**
   * The names of the five tables a store had before it recorded migrations, with the newer tables
   * named after them: the history table {@code METADATA_history}, the memory entries
   * {@code SESSIONS_memories}.
   *
   * @param sessions the sessions table
   * @param events the events table
   * @param appStates the app-state table
   * @param userStates the user-state table
   * @param metadata the table that records the schema version
   * @throws InvalidArgumentException if a name is invalid, the derived one included
   */
  public TableNames(String sessions, String events, String appStates, String userStates, String metadata) {
    this(sessions, events, appStates, userStates, metadata, derived("tables.metadata", metadata, "_history"),
        derived("tables.sessions", sessions, "_memories"));
  }

  private static String derived(String field, String name, String suffix) {
    Identifiers.requireSqlIdentifier(field, name);
    return name + suffix;
  }

  /**
   * The seven tables named with a common prefix: {@code PREFIXsessions}, {@code PREFIXevents},
   * {@code PREFIXapp_states}, {@code PREFIXuser_states}, {@code PREFIXmetadata},
   * {@code PREFIXschema_history}, {@code PREFIXmemories}.
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
        prefix + "metadata",
        prefix + "schema_history",
        prefix + "memories");
  }

  /**
   * The seven names keyed by role ({@code sessions}, {@code events}, {@code appStates},
   * {@code userStates}, {@code metadata}, {@code schemaHistory}, {@code memories}), as SQL
   * templates name them.
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
    names.put("schemaHistory", schemaHistory);
    names.put("memories", memories);
    return names;
  }
}
