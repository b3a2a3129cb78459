package dev.adkstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.TableNames;
import dev.adkstore.jdbc.JdbcAdkStore;
import dev.adkstore.jdbc.MigrationScripts;
import dev.adkstore.jdbc.SessionHead;
import dev.adkstore.jdbc.StoreDialect;
import dev.adkstore.jdbc.StoreStatements;
import dev.adkstore.jdbc.VectorBytes;
import dev.adkstore.json.JsonCodec;
import dev.adkstore.postgres.internal.AdvanceRow;
import dev.adkstore.postgres.internal.ConnectFailures;
import dev.adkstore.postgres.internal.PostgresArguments;
import dev.adkstore.postgres.internal.PostgresEngine;
import dev.adkstore.postgres.internal.PostgresErrors;
import dev.adkstore.postgres.internal.PostgresStatements;
import dev.adkstore.postgres.internal.Rows;
import dev.adkstore.postgres.internal.SchemaDao;
import dev.adkstore.postgres.internal.SqlFailures;
import dev.adkstore.postgres.internal.StateJson;
import dev.adkstore.postgres.internal.StoreExecutor;
import dev.adkstore.postgres.internal.StoreSql;
import dev.adkstore.postgres.internal.Transactions;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The PostgreSQL backend of {@link AsyncAdkStore}: JSONB state, TIMESTAMPTZ times, Jdbi SqlObject
 * DAOs over a HikariCP pool of its own or the caller's {@link javax.sql.DataSource} (see
 * {@link PostgresStoreConfig}). The schema and its deviations from the SQLite one are described in
 * {@code docs/schema-postgres.md}.
 *
 * <h2>Threading</h2>
 * Calls run on a bounded pool of worker threads, one per pooled connection. Reads and writes
 * wait in two lanes of {@link PostgresStoreConfig#writeQueueCapacity()} calls each, taken in turn,
 * so a read waits for at most one queued write; a call made while its lane is full fails at once
 * with {@link dev.adkstore.api.StoreOverloadedException}. A caller's writes to one session run in
 * the order they were called. Futures complete on a
 * separate completion pool, never on a worker and never on the caller's thread, so a callback that
 * blocks on another store call cannot starve the workers (STORE-CONTRACT C4). Validation and JSON
 * encoding run on the caller's thread, before the call is queued, so an invalid call writes
 * nothing.
 *
 * <h2>Consistency</h2>
 * An append first updates its session row, which locks it, with the append condition in the
 * {@code WHERE} clause (no row: the session is missing or the condition failed, and a re-read
 * says which), then inserts the events and merges each scope key by key in SQL
 * ({@code (state - removed) || changes}); app
 * and user rows are merged with {@code INSERT ... ON CONFLICT DO UPDATE}, which locks the row, so
 * concurrent writers of different keys keep each other's change (T5). Serialization failures and
 * deadlocks are retried a bounded number of times inside the store.
 *
 * <h2>Lost connections and errors</h2>
 * A read whose connection is lost is run again on another connection; a write whose connection
 * is lost learns from the server whether its transaction committed, so a failed write means "not
 * written" unless its message says the outcome could not be learned. Exception messages name
 * SQLSTATEs and schema objects, never bound values or row contents. Details:
 * {@code docs/schema-postgres.md}.
 *
 * <p>Thread-safe: any number of threads may call any method at once.
 */
public final class PostgresAdkStore extends JdbcAdkStore {
  /** The schema version this code creates and reads. */
  public static final int SCHEMA_VERSION = 2;

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final PostgresStoreConfig config;
  private final StoreSql sql;
  private final PostgresEngine engine;
  private final HikariDataSource ownPool;

  private PostgresAdkStore(
      PostgresStoreConfig config, StoreSql sql, StoreDialect dialect, PostgresEngine engine,
      HikariDataSource ownPool, OptionalInt versionAtOpen) {
    super(dialect, engine, versionAtOpen);
    this.config = config;
    this.sql = sql;
    this.engine = engine;
    this.ownPool = ownPool;
  }

  /**
   * Opens a store: starts the connection pool, or borrows one connection from the configured
   * {@link PostgresStoreConfig#dataSource() DataSource} and returns it (connecting once either
   * way, so a wrong address fails here), and starts the worker threads. Call
   * {@link #createTables()} before the first write.
   *
   * @param config the configuration
   * @return the open store
   * @throws InvalidArgumentException if the configuration is null
   * @throws StorageException if the database cannot be reached; the message names the server,
   *     database and user it tried (never the password) and the cause, such as an unknown host
   *     name or a refused connection
   */
  public static PostgresAdkStore open(PostgresStoreConfig config) {
    Identifiers.requireNonNull("config", config);
    String name = "adk-store-postgres-" + INSTANCES.incrementAndGet();
    if (config.dataSource().isPresent()) {
      DataSource given = config.dataSource().get();
      try {
        given.getConnection().close();
      } catch (SQLException | RuntimeException e) {
        throw cannotConnect("through the configured DataSource", e);
      }
      return open(config, given, null, name);
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    config.username().ifPresent(hikari::setUsername);
    config.password().ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setConnectionTimeout(config.connectTimeout().toMillis());
    hikari.setIdleTimeout(config.idleTimeout().toMillis());
    hikari.setMaxLifetime(config.maxLifetime().toMillis());
    hikari.setPoolName(name);
    // The server's detail lines repeat rows and values; the store's messages never show them,
    // and with this the driver does not put them into its own messages and logs either. A value
    // given in the URL takes precedence.
    hikari.addDataSourceProperty("logServerErrorDetail", "false");
    // Lets operators find the store's sessions in pg_stat_activity.
    hikari.addDataSourceProperty("ApplicationName", name);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw cannotConnect(
          "to " + ConnectFailures.target(config.jdbcUrl(), config.username().orElse(null)), e);
    }
    return open(config, pool, pool, name);
  }

  private static PostgresAdkStore open(
      PostgresStoreConfig config, DataSource dataSource, HikariDataSource ownPool, String name) {
    JsonCodec codec = new JsonCodec(config.jsonLimits(), true);
    StateJson stateJson = new StateJson(codec);
    StoreSql sql = new StoreSql(
        config.schema().orElse(null), config.tableNames(), config.ownerColumnName().orElse(null),
        config.ownerColumnDdl().orElse(null));
    Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    // Never the bound arguments: they are conversation data.
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(SqlFailures::render);
    sql.attributes().forEach(jdbi::define);
    jdbi.registerArrayType(String.class, "text");
    PostgresArguments.register(jdbi);
    jdbi.registerRowMapper(SessionRecord.class, Rows.sessions(stateJson));
    jdbi.registerRowMapper(EventRecord.class, Rows.events());
    jdbi.registerRowMapper(ScopedState.class, Rows.scopedStates(stateJson));
    jdbi.registerRowMapper(MemoryEntry.class, Rows.memories());
    VectorBytes.register(jdbi);
    jdbi.registerRowMapper(SessionHead.class, (rs, ctx) -> new SessionHead(
        rs.getLong("version"), Rows.toMillis(rs.getObject("update_time", OffsetDateTime.class))));
    jdbi.registerRowMapper(AdvanceRow.class, (rs, ctx) -> new AdvanceRow(
        rs.getLong("version"), rs.getLong("state_length"), rs.getLong("txid")));
    StoreExecutor executor = new StoreExecutor(name, config.poolSize(), config.writeQueueCapacity());
    Transactions transactions = new Transactions(jdbi);
    PostgresEngine engine = new PostgresEngine(
        executor, transactions, sql, ownPool, config.writeQueueCapacity());
    MigrationScripts migrations = new MigrationScripts("dev/adkstore/postgres/migration",
        PostgresAdkStore.class.getClassLoader(), sql.attributes(), sql.schemaHistoryTable(), sql.schema());
    StoreDialect dialect = new StoreDialect(
        "postgresql", SCHEMA_VERSION, codec, stateJson, PostgresErrors.INSTANCE,
        config.ownerColumnName().isPresent(), migrations, config.schemaUpgrade());
    return new PostgresAdkStore(
        config, sql, dialect, engine, ownPool, versionAtOpen(transactions, sql, engine));
  }

  // The version recorded when the store opened: every write is refused when it is newer (L7).
  private static OptionalInt versionAtOpen(Transactions transactions, StoreSql sql, PostgresEngine engine) {
    try {
      return transactions.read(handle -> new PostgresStatements(handle, sql).schemaVersion());
    } catch (JdbiException e) {
      if (PostgresErrors.INSTANCE.isMissingTable(e)) {
        return OptionalInt.empty();
      }
      engine.close();
      throw new StorageException("cannot open the PostgreSQL store: reading its schema version failed: "
          + SqlFailures.describe(e), SqlFailures.withoutPayload(e));
    }
  }

  private static StorageException cannotConnect(String where, Exception failure) {
    return new StorageException("cannot open the PostgreSQL store: connecting " + where
        + " failed: " + ConnectFailures.cause(failure), failure);
  }

  /**
   * Returns the configuration the store was opened with.
   *
   * @return the configuration
   */
  public PostgresStoreConfig config() {
    return config;
  }

  @Override
  protected Map<String, String> details(StoreStatements statements) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("backend", "postgresql");
    if (statements instanceof PostgresStatements postgres) {
      details.put("serverVersion", postgres.handle().attach(SchemaDao.class).serverVersion());
    }
    details.put("schema", sql.schema().orElse("(search path)"));
    TableNames names = config.tableNames();
    details.put("tables", String.join(", ", names.sessions(), names.events(), names.appStates(),
        names.userStates(), names.metadata()));
    details.put("poolSize", Integer.toString(config.poolSize()));
    if (ownPool != null) {
      // As the pool runs them, read from HikariCP.
      details.put("pool.connectTimeout.ms", Long.toString(ownPool.getConnectionTimeout()));
      details.put("pool.idleTimeout.ms", Long.toString(ownPool.getIdleTimeout()));
      details.put("pool.maxLifetime.ms", Long.toString(ownPool.getMaxLifetime()));
    }
    details.put("queued", Integer.toString(engine.queued()));
    return details;
  }

  /**
   * Stops accepting calls, waits for every accepted call to finish (up to five minutes), then
   * closes the store's own connection pool. A DataSource given in the configuration belongs to
   * the caller and stays open; every connection borrowed from it has been returned by then.
   * Idempotent.
   */
  @Override
  public void close() {
    super.close();
  }

  @Override
  public String toString() {
    return "PostgresAdkStore[" + config + "]";
  }
}
