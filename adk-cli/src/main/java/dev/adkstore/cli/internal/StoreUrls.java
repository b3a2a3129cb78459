package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.cli.ExitCodes;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresStoreConfig;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
  private static final String POSTGRES = "jdbc:postgresql:";

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
    String schema = queryParameters(url).get("currentSchema");
    return (schema == null ? "the search path" : "schema '" + schema + "'") + " of " + redact(url);
  }

  private static AsyncAdkStore openBackend(String url, Access access) {
    if (url == null || url.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "the store URL is empty");
    }
    if (url.equals(SQLITE_MEMORY)) {
      return SqliteAdkStore.inMemory();
    }
    if (url.startsWith(SQLITE)) {
      return openSqliteFile(url, access);
    }
    if (url.startsWith(POSTGRES)) {
      return openPostgres(url, access);
    }
    throw new CliException(
        ExitCodes.USAGE,
        "unsupported store URL '" + url + "': use jdbc:sqlite:FILE, jdbc:sqlite::memory: or"
            + " jdbc:postgresql://HOST/DB");
  }

  private static AsyncAdkStore openSqliteFile(String url, Access access) {
    String location = url.substring(SQLITE.length());
    if (location.isBlank() || location.contains("?")) {
      throw new CliException(
          ExitCodes.USAGE,
          "unsupported SQLite URL '" + url + "': give a file path, as in jdbc:sqlite:./adk-store.db");
    }
    Path path = Path.of(location);
    if (access != Access.CREATE && !Files.exists(path)) {
      throw new CliException(ExitCodes.STORE, "no SQLite database at " + path);
    }
    if (Files.isDirectory(path)) {
      throw new CliException(ExitCodes.STORE, path + " is a directory, not a SQLite database");
    }
    return SqliteAdkStore.open(
        SqliteStoreConfig.builder().path(path).readOnly(access == Access.READ).build());
  }

  // A reading command reads one thing at a time (export pipelines a few sessions), so two
  // connections serve it; writing commands keep the store's default pool for their pipelined restores.
  private static final int READING_POOL_SIZE = 2;

  private static AsyncAdkStore openPostgres(String url, Access access) {
    // The driver reads user and password from the URL itself; the schema the store must know.
    String schema = queryParameters(url).get("currentSchema");
    PostgresStoreConfig.Builder config = PostgresStoreConfig.builder().jdbcUrl(url).schema(schema);
    if (access == Access.READ) {
      config.poolSize(READING_POOL_SIZE);
    }
    return PostgresAdkStore.open(config.build());
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

  /**
   * The parameters of a JDBC URL's query string, decoded.
   *
   * @param url the URL
   * @return the parameters in order; empty when there is no query
   */
  static Map<String, String> queryParameters(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    int query = url.indexOf('?');
    if (query < 0) {
      return params;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
