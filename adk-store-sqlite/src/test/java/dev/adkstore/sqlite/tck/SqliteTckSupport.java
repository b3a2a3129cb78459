package dev.adkstore.sqlite.tck;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import dev.adkstore.sqlite.SynchronousMode;
import dev.adkstore.tck.AsyncAdkStoreTck;
import dev.adkstore.tck.TckCapability;
import dev.adkstore.tck.TckDatabase;
import dev.adkstore.tck.TckDurability;
import dev.adkstore.tck.TckStorageFault;
import dev.adkstore.tck.TckStoreOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What both SQLite TCK runs share: mapping the TCK's options onto {@link SqliteStoreConfig}, and
 * direct JDBC access to a store's database for the fixture-based rules. Subclasses choose where the
 * database lives, and may decorate the store (the broken-backend tests do).
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
abstract class SqliteTckSupport extends AsyncAdkStoreTck {
  private final Map<AsyncAdkStore, SqliteStoreConfig> configs = new IdentityHashMap<>();

  /**
   * Chooses where a new store's database lives.
   *
   * @return a builder with a path or in-memory set
   * @throws Exception if a file cannot be prepared
   */
  abstract SqliteStoreConfig.Builder location() throws Exception;

  /**
   * Wraps a freshly opened store; the identity by default.
   *
   * @param opened the SQLite store
   * @return what the TCK tests
   */
  AsyncAdkStore decorate(SqliteAdkStore opened) {
    return opened;
  }

  /**
   * Opens a store with every setting at its default through the public shortcut an application
   * would use ({@code SqliteAdkStore.open(Path)} or {@code inMemory()}), in the place
   * {@link #location()} chooses.
   *
   * @return the store
   * @throws Exception if a file cannot be prepared
   */
  abstract SqliteAdkStore openWithDefaults() throws Exception;

  @Override
  protected AsyncAdkStore newStore(TckStoreOptions options) throws Exception {
    if (options.equals(TckStoreOptions.defaults())) {
      SqliteAdkStore opened = openWithDefaults();
      return register(opened, opened.config());
    }
    return open(configure(location(), options).build());
  }

  /**
   * Opens a store on a configuration and remembers the configuration.
   *
   * @param config the configuration
   * @return the decorated store
   */
  final AsyncAdkStore open(SqliteStoreConfig config) {
    return register(SqliteAdkStore.open(config), config);
  }

  private AsyncAdkStore register(SqliteAdkStore store, SqliteStoreConfig config) {
    AsyncAdkStore opened = decorate(store);
    configs.put(opened, config);
    return opened;
  }

  /**
   * The configuration a store was opened with.
   *
   * @param opened a store from {@link #open}
   * @return its configuration
   */
  final SqliteStoreConfig configOf(AsyncAdkStore opened) {
    SqliteStoreConfig config = configs.get(opened);
    if (config == null) {
      throw new IllegalStateException("not a store of this test: " + opened);
    }
    return config;
  }

  // Uses the builder fluently, keeping what each setter returns, as an application would.
  static SqliteStoreConfig.Builder configure(SqliteStoreConfig.Builder builder, TckStoreOptions options) {
    SqliteStoreConfig.Builder configured = builder
        .tableNames(options.tableNames().toTableNames())
        .jsonLimits(new JsonLimits(
            options.maxNestingDepth(), options.maxDocumentLength(), options.maxDocumentLength()));
    if (options.writeQueueCapacity() > 0) {
      configured = configured.writeQueueCapacity(options.writeQueueCapacity());
    }
    if (options.ownerColumnDdl() != null) {
      configured = configured.ownerColumn(options.ownerColumnDdl());
    }
    if (options.durability() != null) {
      configured = configured.synchronous(options.durability() == TckDurability.FULL
          ? SynchronousMode.FULL : SynchronousMode.NORMAL);
    }
    return configured;
  }

  @Override
  protected Set<TckCapability> capabilities() {
    return EnumSet.of(TckCapability.DATABASE_ACCESS, TckCapability.OWNER_COLUMN,
        TckCapability.COMPARE_AND_SET, TckCapability.BOUNDED_WRITE_QUEUE,
        TckCapability.STORAGE_FAULTS, TckCapability.NEWER_SCHEMA, TckCapability.DURABILITY_REPORT,
        TckCapability.MEMORY);
  }

  @Override
  protected TckDatabase database(AsyncAdkStore openStore) {
    return new JdbcDatabase(configOf(openStore).jdbcUrl());
  }

  /**
   * Renames away the column every statement of a kind uses, so that they fail with "no such
   * column" (never "no such table", which means "no tables yet"); renaming it back repairs.
   */
  @Override
  protected TckStorageFault breakStorage(AsyncAdkStore openStore) throws SQLException {
    TableNames names = configOf(openStore).tableNames();
    Map<String, String> columns = columnsEveryStatementUses(names);
    JdbcDatabase database = new JdbcDatabase(configOf(openStore).jdbcUrl());
    for (Map.Entry<String, String> column : columns.entrySet()) {
      database.execute("ALTER TABLE " + column.getKey() + " RENAME COLUMN " + column.getValue()
          + " TO " + column.getValue() + "_tck_fault");
    }
    return () -> {
      for (Map.Entry<String, String> column : columns.entrySet()) {
        database.execute("ALTER TABLE " + column.getKey() + " RENAME COLUMN " + column.getValue()
            + "_tck_fault TO " + column.getValue());
      }
    };
  }

  @Override
  protected void recordSchemaVersion(AsyncAdkStore openStore, int version) throws SQLException {
    new JdbcDatabase(configOf(openStore).jdbcUrl()).execute("UPDATE "
        + configOf(openStore).tableNames().metadata() + " SET value = '" + version
        + "' WHERE name = 'schema_version'");
  }

  /** Reads the setting the store's own connections report through {@code stats()}. */
  @Override
  protected TckDurability durability(AsyncAdkStore openStore) {
    String synchronous = await("stats()", openStore::stats).details().get("synchronous");
    switch (String.valueOf(synchronous)) {
      case "full":
      case "extra":
        return TckDurability.FULL;
      case "normal":
        return TckDurability.NORMAL;
      case "off":
        return TckDurability.NONE;
      default:
        throw new IllegalStateException("stats() reports no known synchronous setting: " + synchronous);
    }
  }

  /** Runs each call on a new connection with foreign keys enforced. */
  private static final class JdbcDatabase implements TckDatabase {
    private final String url;

    JdbcDatabase(String url) {
      this.url = url;
    }

    @Override
    public void execute(String sql) throws SQLException {
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA foreign_keys = ON");
        statement.execute("PRAGMA busy_timeout = 10000");
        statement.execute(sql);
      }
    }

    @Override
    public Set<String> tableNames() throws SQLException {
      Set<String> names = new TreeSet<>();
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rows.next()) {
          names.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
      return names;
    }
  }
}
