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
 */
public record TableNames(
    String sessions, String events, String appStates, String userStates, String metadata,
    String schemaHistory) {

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
    if (new HashSet<>(List.of(sessions, events, appStates, userStates, metadata, schemaHistory)).size() != 6) {
      throw new InvalidArgumentException("tables", "names must be distinct");
    }
  }

  /**
   * The names of the five tables a store had before it recorded migrations, with the history
   * table named after the metadata table: {@code METADATA_history}.
   *
   * @param sessions the sessions table
   * @param events the events table
   * @param appStates the app-state table
   * @param userStates the user-state table
   * @param metadata the table that records the schema version
   * @throws InvalidArgumentException if a name is invalid, the derived one included
   */
  public TableNames(String sessions, String events, String appStates, String userStates, String metadata) {
    this(sessions, events, appStates, userStates, metadata, historyOf(metadata));
  }

  private static String historyOf(String metadata) {
    Identifiers.requireSqlIdentifier("tables.metadata", metadata);
    return metadata + "_history";
  }

  /**
   * The six tables named with a common prefix: {@code PREFIXsessions}, {@code PREFIXevents},
   * {@code PREFIXapp_states}, {@code PREFIXuser_states}, {@code PREFIXmetadata},
   * {@code PREFIXschema_history}.
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
        prefix + "schema_history");
  }

  /**
   * The six names keyed by role ({@code sessions}, {@code events}, {@code appStates},
   * {@code userStates}, {@code metadata}, {@code schemaHistory}), as SQL templates name them.
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
    return names;
  }
}
