package dev.adkstore.sqlite.internal;

import dev.adkstore.api.TableNames;
import java.util.Map;

/**
 * The name of every table and index the store creates, keyed by the attribute the SQL templates
 * use for it ({@code <sessions>}, {@code <eventsSessionIndex>}). One place derives the index names
 * from the configured table names, for the DDL and for the configuration check that no two objects
 * share a name.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaNames {
  private SchemaNames() {}

  /**
   * Derives every object name.
   *
   * @param tables the configured table names
   * @return template attribute to object name, tables first
   */
  public static Map<String, String> of(TableNames tables) {
    Map<String, String> names = tables.byRole();
    names.put("sessionsUserUpdateIndex", tables.sessions() + "_user_update");
    names.put("sessionsAppUpdateIndex", tables.sessions() + "_app_update");
    names.put("sessionsUpdateIndex", tables.sessions() + "_update");
    names.put("sessionsCreateIndex", tables.sessions() + "_create");
    names.put("eventsSessionIndex", tables.events() + "_session_seq");
    names.put("eventsTimestampIndex", tables.events() + "_timestamp");
    names.put("userStatesUpdateIndex", tables.userStates() + "_update");
    names.put("memoriesEmbedderIndex", tables.memories() + "_embedder");
    names.put("memoriesTimestampIndex", tables.memories() + "_timestamp");
    String text = tables.memories() + "_text";
    names.put("memoriesText", text);
    names.put("memoriesTextInsert", text + "_insert");
    names.put("memoriesTextDelete", text + "_delete");
    // The tables FTS5 creates for the index itself.
    for (String shadow : new String[] {"data", "idx", "docsize", "config"}) {
      names.put("memoriesText_" + shadow, text + "_" + shadow);
    }
    return names;
  }
}
