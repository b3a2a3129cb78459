package dev.adkstore.sqlite;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StorageException;
import dev.adkstore.jdbc.JdbcAdkStore;
import dev.adkstore.jdbc.MigrationScripts;
import dev.adkstore.jdbc.SessionHead;
import dev.adkstore.jdbc.StateFormat;
import dev.adkstore.jdbc.StatementCache;
import dev.adkstore.jdbc.StoreDialect;
import dev.adkstore.jdbc.StoreStatements;
import dev.adkstore.jdbc.VectorBytes;
import dev.adkstore.json.JsonCodec;
import dev.adkstore.sqlite.internal.EventRowMapper;
import dev.adkstore.sqlite.internal.FileIdentity;
import dev.adkstore.sqlite.internal.JulianDay;
import dev.adkstore.sqlite.internal.MemoryRowMapper;
import dev.adkstore.sqlite.internal.SchemaDao;
import dev.adkstore.sqlite.internal.SchemaNames;
import dev.adkstore.sqlite.internal.ScopedStateDao;
import dev.adkstore.sqlite.internal.ScopedStateRowMapper;
import dev.adkstore.sqlite.internal.SessionRowMapper;
import dev.adkstore.sqlite.internal.SqliteEngine;
import dev.adkstore.sqlite.internal.SqliteErrors;
import dev.adkstore.sqlite.internal.SqliteStatements;
import dev.adkstore.sqlite.internal.StoreConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * The embedded SQLite backend of {@link AsyncAdkStore}: a file (or a private in-memory database)
 * holding sessions, events and scoped state in the schema of {@code docs/schema.md}.
 *
 * <h2>Threads</h2>
 * One writer thread owns the only write connection and runs every write; writes queued together
 * commit together in one transaction, each in its own savepoint (group commit). Reads run on a
 * small pool of reader threads with connections of their own, in WAL mode, so they never wait for
 * the writer. (An in-memory database has no WAL and its shared cache locks whole tables, so there
 * reads and write transactions take turns.) Futures complete on a third set of threads, so
 * callbacks never run on the writer or a reader. Both queues are bounded; a full queue fails the
 * call at once with {@link dev.adkstore.api.StoreOverloadedException}.
 *
 * <h2>Schema</h2>
 * {@link #open} does not touch the schema. Before {@link #createTables()}, reads return empty
 * results and writes fail with a {@link StorageException} that says to call it.
 *
 * <h2>Errors</h2>
 * No method throws: invalid arguments, JSON that breaks the limits, missing sessions and SQLite
 * failures all complete the returned future exceptionally with a
 * {@link dev.adkstore.api.AdkStoreException}. SQLite's own errors become
 * {@link StorageException} with the driver's exception as the cause, except: a duplicate session
 * key or event id is {@link AlreadyExistsException}; a constraint of the configured owner column
 * (its foreign key, NOT NULL, CHECK) failing on create or restore is
 * {@link InvalidArgumentException} for the field {@code ownerId}. An owner id given to a store with
 * no owner column is not stored.
 *
 * <h2>Capabilities</h2>
 * Compare-and-set appends (STORE-CONTRACT T7) are supported: both
 * {@link AppendCondition#expectVersion(long)} and {@link AppendCondition#notUpdatedAfter(Instant)}
 * are checked inside the write transaction. Every change to a session (create, append, state
 * replacement) adds one to its version; a batch append adds one per event.
 *
 * <p>Thread-safe: any number of threads may call any method at once.
 */
public final class SqliteAdkStore extends JdbcAdkStore {
  /** The schema version this code creates and reads. */
  public static final int SCHEMA_VERSION = SchemaDao.SCHEMA_VERSION;

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final List<String> SYNCHRONOUS_NAMES = List.of("off", "normal", "full", "extra");

  private final SqliteStoreConfig config;
  private final SqliteEngine engine;

  private SqliteAdkStore(SqliteStoreConfig config, StoreDialect dialect, SqliteEngine engine, OptionalInt versionAtOpen) {
    super(dialect, engine, versionAtOpen);
    this.config = config;
    this.engine = engine;
  }

  // For tests: the page cache (KiB, negative) and memory map (bytes) the writer connection runs
  // with; stats() reads a reader's.
  CompletableFuture<long[]> writerCacheSettings() {
    return engine.write("writerCacheSettings", s -> {
      ScopedStateDao pragmas = ((SqliteStatements) s).scopedStates();
      return new long[] {pragmas.cacheSize(), pragmas.mmapSize().orElseThrow()};
    });
  }

  /**
   * Opens a store. Does not create tables: call {@link #createTables()}.
   *
   * @param config the configuration
   * @return the open store
   * @throws InvalidArgumentException if the configuration is null
   * @throws StorageException if the database cannot be opened
   */
  public static SqliteAdkStore open(SqliteStoreConfig config) {
    Identifiers.requireNonNull("config", config);
    JsonCodec codec = new JsonCodec(config.jsonLimits());
    StoreDialect dialect = new StoreDialect(
        "sqlite", SCHEMA_VERSION, codec, StateFormat.plain(codec), SqliteErrors.INSTANCE,
        config.ownerColumnName().isPresent(), migrations(config), config.schemaUpgrade());
    Jdbi jdbi = configureJdbi(config, codec);
    String name = "adk-store-sqlite-" + INSTANCES.incrementAndGet();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      // A shared-cache memory database lives while one connection to it is open.
      Connection keepAlive = config.isInMemory()
          ? open(opened, sqliteConfig(config).createConnection(config.jdbcUrl()))
          : null;
      StoreConnection writeConnection = open(opened, new StoreConnection(jdbi.open()));
      OptionalInt versionAtOpen = versionAtOpen(writeConnection);
      List<StoreConnection> readConnections = new ArrayList<>();
      for (int i = 0; i < config.readerPoolSize(); i++) {
        readConnections.add(open(opened, new StoreConnection(jdbi.open())));
      }
      SqliteEngine engine = new SqliteEngine(
          name, writeConnection, readConnections, config.writeQueueCapacity(), config.isInMemory(),
          config.isReadOnly(), fileGuard(config), keepAlive);
      return new SqliteAdkStore(config, dialect, engine, versionAtOpen);
    } catch (SQLException | RuntimeException e) {
      closeAll(opened);
      throw new StorageException(
          "cannot open the SQLite store at " + config.jdbcUrl() + ": " + SqliteErrors.message(e), e);
    }
  }

  /**
   * Opens a store on a file with the default settings.
   *
   * @param file the database file, created if missing
   * @return the open store
   * @throws InvalidArgumentException if the file is null
   * @throws StorageException if the database cannot be opened
   */
  public static SqliteAdkStore open(Path file) {
    return open(SqliteStoreConfig.builder().path(Identifiers.requireNonNull("file", file)).build());
  }

  /**
   * Opens a private in-memory store with the default settings; its data is gone when it closes.
   *
   * @return the open store
   */
  public static SqliteAdkStore inMemory() {
    return open(SqliteStoreConfig.builder().inMemory().build());
  }

  /**
   * Returns the configuration this store was opened with.
   *
   * @return the configuration
   */
  public SqliteStoreConfig config() {
    return config;
  }

  @Override
  protected Map<String, String> details(StoreStatements statements) {
    Map<String, String> details = new LinkedHashMap<>();
    config.path().ifPresent(file -> {
      details.put("file.bytes", Long.toString(sizeOf(file)));
      details.put("wal.bytes", Long.toString(sizeOf(Path.of(file + "-wal"))));
    });
    if (statements instanceof SqliteStatements sqlite) {
      details.put("journal_mode", sqlite.scopedStates().journalMode());
      // Read back from a live connection: every connection is opened with the same settings.
      details.put("synchronous", SYNCHRONOUS_NAMES.get(sqlite.scopedStates().synchronous()));
      details.put("page_cache.bytes", Long.toString(-1024L * sqlite.scopedStates().cacheSize()));
      sqlite.scopedStates().mmapSize().ifPresent(bytes -> details.put("mmap.bytes", Long.toString(bytes)));
    }
    return details;
  }

  /**
   * Stops accepting work, commits every write accepted before, waits for running reads, and closes
   * the connections; for an in-memory store the data is gone afterwards. Idempotent; later calls
   * fail with {@link dev.adkstore.api.StoreClosedException}. Must not be called from inside one of
   * the store's own transactions (no caller code ever runs there).
   */
  @Override
  public void close() {
    super.close();
  }

  @Override
  public String toString() {
    return "SqliteAdkStore[" + config.jdbcUrl() + "]";
  }

  // The version recorded when the store opened: every write is refused when it is newer (L7).
  private static OptionalInt versionAtOpen(StoreConnection c) {
    try {
      return c.statements().schemaVersion();
    } catch (RuntimeException e) {
      if (SqliteErrors.INSTANCE.isMissingTable(e)) {
        return OptionalInt.empty();
      }
      throw e;
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static MigrationScripts migrations(SqliteStoreConfig config) {
    Map<String, String> placeholders = SchemaNames.of(config.tableNames());
    placeholders.put("ownerColumnDdl", config.ownerColumnDdl().map(ddl -> ", " + ddl).orElse(""));
    return new MigrationScripts(SchemaDao.MIGRATIONS, SqliteAdkStore.class.getClassLoader(), placeholders,
        config.tableNames().schemaHistory(), Optional.empty());
  }

  private static Jdbi configureJdbi(SqliteStoreConfig config, JsonCodec codec) {
    SQLiteConfig sqlite = sqliteConfig(config);
    String url = config.jdbcUrl();
    Jdbi jdbi = Jdbi.create(() -> sqlite.createConnection(url));
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    jdbi.setStatementBuilderFactory(new StatementCache());
    jdbi.registerArgument(JulianDay.ARGUMENT_FACTORY);
    jdbi.registerRowMapper(SessionRecord.class, new SessionRowMapper(codec));
    jdbi.registerRowMapper(EventRecord.class, new EventRowMapper());
    jdbi.registerRowMapper(ScopedState.class, new ScopedStateRowMapper(codec));
    jdbi.registerRowMapper(MemoryEntry.class, new MemoryRowMapper());
    VectorBytes.register(jdbi);
    jdbi.registerRowMapper(SessionHead.class,
        (rs, ctx) -> new SessionHead(rs.getLong("version"), JulianDay.toInstant(rs.getDouble("update_time"))));
    SchemaNames.of(config.tableNames()).forEach(jdbi::define);
    String owner = config.ownerColumnName().orElse(null);
    jdbi.define("ownerSelect", owner == null ? "NULL" : owner);
    jdbi.define("ownerInsertColumn", owner == null ? "" : ", " + owner);
    jdbi.define("ownerInsertValue", owner == null ? "" : ", :ownerId");
    return jdbi;
  }

  // Called once the write connection has opened (and so created) the file.
  private static Runnable fileGuard(SqliteStoreConfig config) {
    return config.path().map(FileIdentity::of).<Runnable>map(identity -> identity::check).orElse(() -> {});
  }

  static SQLiteConfig sqliteConfig(SqliteStoreConfig config) {
    SQLiteConfig sqlite = new SQLiteConfig();
    if (config.isReadOnly()) {
      // Switching the journal mode writes the file header, so a read-only store keeps the mode.
      sqlite.setReadOnly(true);
    } else {
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    sqlite.setSynchronous(config.synchronous() == SynchronousMode.FULL
        ? SQLiteConfig.SynchronousMode.FULL
        : SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
    sqlite.enforceForeignKeys(true);
    // A negative cache_size is in KiB, whatever the page size.
    sqlite.setCacheSize((int) -(config.pageCacheBytes() / 1024));
    sqlite.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(config.memoryMapBytes()));
    return sqlite;
  }

  private static <C extends AutoCloseable> C open(List<AutoCloseable> opened, C resource) {
    opened.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (AutoCloseable resource : opened) {
      try {
        resource.close();
      } catch (Exception e) {
        // Opening failed already; that failure is the one to report.
      }
    }
  }
}
