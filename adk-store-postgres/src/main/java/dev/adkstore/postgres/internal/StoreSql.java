package dev.adkstore.postgres.internal;

import dev.adkstore.api.TableNames;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The attributes the DAOs' SQL templates are rendered with: qualified table names, index names
 * and the owner column fragments, all built from names already validated by
 * {@link dev.adkstore.api.Identifiers#requireSqlIdentifier}, plus the fixed clauses the DAOs
 * choose between. Nothing from a call's arguments is ever put into SQL text.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoreSql {
  /** The list filter for every app. */
  public static final String LIST_ALL = "";
  /** The list filter for one app. */
  public static final String LIST_APP = "WHERE app_name = :app";
  /** The list filter for one app and user. */
  public static final String LIST_USER = "WHERE app_name = :app AND user_id = :user";
  /** The scoped-state filter for one app. */
  public static final String WHERE_APP = "WHERE app_name = :app";
  /** The retention filter for one app. */
  public static final String AND_APP = "AND app_name = :app";
  /** The event filter for a lower time bound. */
  public static final String AND_AFTER = "AND timestamp >= :after";
  /** No filter. */
  public static final String NONE = "";

  private static final int MAX_IDENTIFIER = 63;

  private final String schema;
  private final TableNames tables;
  private final String ownerColumn;
  private final String ownerColumnDdl;

  /**
   * Creates the attributes.
   *
   * @param schema the validated schema, or null for the search path
   * @param tables the validated table names
   * @param ownerColumn the validated owner column name, or null
   * @param ownerColumnDdl the owner column DDL, or null
   */
  public StoreSql(String schema, TableNames tables, String ownerColumn, String ownerColumnDdl) {
    this.schema = schema;
    this.tables = tables;
    this.ownerColumn = ownerColumn;
    this.ownerColumnDdl = ownerColumnDdl;
  }

  /**
   * Whether an owner column is configured.
   *
   * @return its name
   */
  public Optional<String> ownerColumn() {
    return Optional.ofNullable(ownerColumn);
  }

  /**
   * Returns the schema, if configured.
   *
   * @return the schema
   */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /**
   * The key of the advisory lock that serializes createTables for these tables.
   *
   * @return a key stable across processes
   */
  public long schemaLockKey() {
    CRC32 crc = new CRC32();
    crc.update(("adk-store:" + qualified(tables.sessions())).getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /** @return the metadata table, qualified with the configured schema */
  public String metadataTable() {
    return qualified(tables.metadata());
  }

  /** @return Flyway's history table, unqualified: Flyway is told the schema */
  public String schemaHistoryTable() {
    return tables.schemaHistory();
  }

  /**
   * Every attribute the templates use.
   *
   * @return attribute name to SQL fragment
   */
  public Map<String, String> attributes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("schema", schema == null ? "public" : schema);
    a.put("sessions", qualified(tables.sessions()));
    a.put("events", qualified(tables.events()));
    a.put("appStates", qualified(tables.appStates()));
    a.put("userStates", qualified(tables.userStates()));
    a.put("metadata", qualified(tables.metadata()));
    a.put("memories", qualified(tables.memories()));
    a.putAll(indexNames(tables));
    a.put("ownerColumnDdl", ownerColumnDdl == null ? "" : ", " + ownerColumnDdl.strip());
    a.put("ownerInsertColumn", ownerColumn == null ? "" : ", " + ownerColumn);
    a.put("ownerInsertValue", ownerColumn == null ? "" : ", :owner");
    a.put(
        "sessionColumns",
        "app_name, user_id, id, state, create_time, update_time, version, "
            + (ownerColumn == null ? "CAST(NULL AS text)" : "CAST(" + ownerColumn + " AS text)")
            + " AS owner_id");
    a.put(
        "eventColumns",
        "seq, app_name, user_id, session_id, id, invocation_id, author, actions,"
            + " long_running_tool_ids_json, branch, timestamp, content, grounding_metadata,"
            + " custom_metadata, partial, turn_complete, interrupted, error_code, error_message,"
            + " extra");
    return a;
  }

  /**
   * The name of every table and index the DDL creates, unqualified: they share the schema's
   * namespace, so the configuration checks that they are distinct.
   *
   * @param tables the table names
   * @return template attribute (or role) to name, tables first
   */
  public static Map<String, String> objectNames(TableNames tables) {
    Map<String, String> names = tables.byRole();
    names.putAll(indexNames(tables));
    // Relations PostgreSQL names itself when it creates the tables: primary-key and unique
    // indexes and the identity sequence. A table created later under one of these names fails.
    tables.byRole().forEach((role, table) -> names.put(role + "PrimaryKey", derivedName(table, null, "pkey")));
    names.put("eventsUniqueKey", derivedName(tables.events(), "app_name_user_id_session_id_id", "key"));
    names.put("eventsSeqSequence", derivedName(tables.events(), "seq", "seq"));
    return names;
  }

  // PostgreSQL's own rule for implicit names (makeObjectName): name1_name2_label, the longer of
  // name1 and name2 shortened one character at a time until the whole fits in 63.
  private static String derivedName(String name1, String name2, String label) {
    int overhead = label.length() + 1 + (name2 == null ? 0 : 1);
    int first = name1.length();
    int second = name2 == null ? 0 : name2.length();
    while (first + second > MAX_IDENTIFIER - overhead) {
      if (first >= second) {
        first--;
      } else {
        second--;
      }
    }
    return name1.substring(0, first) + (name2 == null ? "" : "_" + name2.substring(0, second))
        + "_" + label;
  }

  private static Map<String, String> indexNames(TableNames tables) {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("sessionsAppUpdateIndex", indexName(tables.sessions(), "_app_update_idx"));
    names.put("sessionsUserUpdateIndex", indexName(tables.sessions(), "_user_update_idx"));
    names.put("sessionsUpdateIndex", indexName(tables.sessions(), "_update_idx"));
    names.put("eventsSessionSeqIndex", indexName(tables.events(), "_session_seq_idx"));
    names.put("eventsTimeIndex", indexName(tables.events(), "_time_idx"));
    names.put("userStatesUpdateIndex", indexName(tables.userStates(), "_update_idx"));
    names.put("memoriesWordsIndex", indexName(tables.memories(), "_words_idx"));
    names.put("memoriesEmbedderIndex", indexName(tables.memories(), "_embedder_idx"));
    names.put("memoriesTimeIndex", indexName(tables.memories(), "_time_idx"));
    return names;
  }

  private String qualified(String table) {
    return schema == null ? table : schema + "." + table;
  }

  // Index names share the schema's namespace and PostgreSQL truncates identifiers at 63
  // characters, so a long table name is shortened here, before the suffix, to keep it visible.
  private static String indexName(String table, String suffix) {
    String base = table.length() + suffix.length() > MAX_IDENTIFIER
        ? table.substring(0, MAX_IDENTIFIER - suffix.length())
        : table;
    return base + suffix;
  }
}
