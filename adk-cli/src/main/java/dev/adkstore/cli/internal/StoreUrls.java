package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.StorageException;
import dev.adkstore.cli.ExitCodes;
import dev.adkstore.jdbc.AccessMode;
import dev.adkstore.jdbc.AdkStores;
import java.nio.file.Path;

/**
 * The one place where a JDBC URL becomes a store: every command opens its stores here.
 *
 * <ul>
 *   <li>{@code jdbc:sqlite:PATH}: a SQLite file;
 *   <li>{@code jdbc:sqlite::memory:}: a private in-memory SQLite database;
 *   <li>{@code jdbc:postgresql://HOST[:PORT]/DB[?user=..&password=..&currentSchema=..]}: PostgreSQL;
 *       {@code currentSchema} selects the schema the tables live in.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreUrls {
  /** The store a command uses when no {@code --url} is given. */
  public static final String DEFAULT_URL = "jdbc:sqlite:./adk-store.db";

  private static final String SQLITE = "jdbc:sqlite:";
  private static final String SQLITE_MEMORY = "jdbc:sqlite::memory:";

  /** What a command is about to do with a store, which decides what opening it may do. */
  public enum Access {
    /**
     * Only reads: the store's tables must exist, and nothing is written, ever (a SQLite file is
     * opened read-only, no table or schema is created).
     */
    READ,
    /** Changes an existing store: its tables must exist; nothing is created. */
    UPDATE,
    /** Writes, creating the database and its tables when they do not exist. */
    CREATE
  }

  private StoreUrls() {}

  /**
   * Opens the store a URL names.
   *
   * @param url the JDBC URL
   * @param access what the command will do, see {@link Access}
   * @return the open store; the caller closes it
   * @throws CliException with {@link ExitCodes#USAGE} for an unsupported URL, with
   *     {@link ExitCodes#STORE} for a database that does not exist or cannot be opened, or (unless
   *     {@link Access#CREATE}) holds no adk-store tables
   */
  public static AsyncAdkStore open(String url, Access access) {
    if (access == Access.UPDATE && url != null && url.startsWith(SQLITE) && !url.equals(SQLITE_MEMORY)) {
      // Opening a SQLite file for writing switches it to WAL, which writes: look read-only first.
      open(url, Access.READ).close();
    }
    AsyncAdkStore store = openBackend(url, access);
    try {
      // A private in-memory database is always new and empty: there is no name to mistype.
      if (access != Access.CREATE && !url.equals(SQLITE_MEMORY)) {
        requireTables(store, url);
      }
      if (access != Access.READ) {
        // Idempotent for an existing store, and refuses one with a newer schema version.
        Futures.await(store.createTables());
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Opens a store for {@code migrate}, whether or not it has tables yet.
   *
   * @param url the JDBC URL
   * @param readOnly true to only read (a SQLite file is opened read-only)
   * @return the open store; the caller closes it
   * @throws CliException as {@link #open}
   */
  public static AsyncAdkStore openForSchema(String url, boolean readOnly) {
    return openBackend(url, readOnly ? Access.READ : Access.UPDATE);
  }

  /** A database or schema without the store's tables holds no adk-store: a mistyped name, say. */
  private static void requireTables(AsyncAdkStore store, String url) {
    if (Futures.await(store.schemaVersion()).isEmpty()) {
      throw new CliException(ExitCodes.STORE, "no adk-store tables in " + describe(url));
    }
  }

  private static String describe(String url) {
    if (url.startsWith(SQLITE)) {
      return "the SQLite database " + Path.of(url.substring(SQLITE.length()));
    }
    String schema = AdkStores.queryParameters(url).get("currentSchema");
    return (schema == null ? "the search path" : "schema '" + schema + "'") + " of " + redact(url);
  }

  // The backend is whichever jar on the class path accepts the URL (AdkStores, ServiceLoader).
  private static AsyncAdkStore openBackend(String url, Access access) {
    if (url == null || url.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "the store URL is empty");
    }
    AccessMode mode = switch (access) {
      case READ -> AccessMode.READ_ONLY;
      case UPDATE -> AccessMode.EXISTING;
      case CREATE -> AccessMode.CREATE;
    };
    try {
      return AdkStores.open(url, mode);
    } catch (InvalidArgumentException e) {
      if (!e.field().equals("url")) {
        throw e;
      }
      throw new CliException(ExitCodes.USAGE, e.getMessage().substring("url: ".length()));
    } catch (StorageException e) {
      if (e.getCause() == null) {
        // The provider's own finding (no such file, a directory): the message says it all.
        throw new CliException(ExitCodes.STORE, e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Hides a password in a URL, for output.
   *
   * @param url the URL
   * @return the URL with the value of any {@code password} parameter replaced by {@code ***}; in a
   *     message, the value ends at {@code &}, white space or a colon followed by white space
   */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("(?i)([?&]password=)(?:[^&\\s:]|:(?!\\s))*", "$1***");
  }

}
