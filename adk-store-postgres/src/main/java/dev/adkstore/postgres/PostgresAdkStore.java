package dev.adkstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.AlreadyExistsException;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.NotFoundException;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.api.SchemaVersions;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StateValues;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreStats;
import dev.adkstore.api.TableNames;
import dev.adkstore.api.Timestamps;
import dev.adkstore.json.JsonCodec;
import dev.adkstore.postgres.internal.ConnectFailures;
import dev.adkstore.postgres.internal.EventDao;
import dev.adkstore.postgres.internal.EventRow;
import dev.adkstore.postgres.internal.NulEscape;
import dev.adkstore.postgres.internal.RetentionDao;
import dev.adkstore.postgres.internal.Rows;
import dev.adkstore.postgres.internal.ScopedStateDao;
import dev.adkstore.postgres.internal.SchemaDao;
import dev.adkstore.postgres.internal.SessionDao;
import dev.adkstore.postgres.internal.SessionVersion;
import dev.adkstore.postgres.internal.SqlFailures;
import dev.adkstore.postgres.internal.SqlStates;
import dev.adkstore.postgres.internal.StateJson;
import dev.adkstore.postgres.internal.StoreExecutor;
import dev.adkstore.postgres.internal.StoreSql;
import dev.adkstore.postgres.internal.Transactions;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The PostgreSQL backend of {@link AsyncAdkStore}: JSONB state, TIMESTAMPTZ times, Jdbi SqlObject
 * DAOs over a HikariCP pool of its own or the caller's {@link javax.sql.DataSource} (see
 * {@link PostgresStoreConfig}). The schema and its deviations from the SQLite one are described in
 * {@code docs/schema-postgres.md}.
 *
 * <h2>Threading</h2>
 * Calls run on a bounded pool of worker threads, one per pooled connection, behind a bounded
 * queue ({@link PostgresStoreConfig#writeQueueCapacity()}); a call made while the queue is full
 * fails at once with {@link dev.adkstore.api.StoreOverloadedException}. Futures complete on a
 * separate completion pool, never on a worker and never on the caller's thread, so a callback that
 * blocks on another store call cannot starve the workers (STORE-CONTRACT C4). The caller's thread
 * only takes defensive copies of mutable arguments; validation and JSON encoding run on the
 * worker, before any SQL, so an invalid call writes nothing.
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
public final class PostgresAdkStore implements AsyncAdkStore {
  /** The schema version this code creates and reads. */
  public static final int SCHEMA_VERSION = 1;

  private static final long CLOSE_TIMEOUT_SECONDS = 300;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final PostgresStoreConfig config;
  // The store's own pool, closed with the store; null when the caller's DataSource is used.
  private final HikariDataSource ownPool;
  private final Jdbi jdbi;
  private final StoreExecutor executor;
  private final Transactions transactions;
  private final StoreSql sql;
  private final JsonCodec codec;
  private final StateJson stateJson;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final OptionalInt versionAtOpen;

  private PostgresAdkStore(
      PostgresStoreConfig config, DataSource dataSource, HikariDataSource ownPool, String name) {
    this.config = config;
    this.ownPool = ownPool;
    this.codec = new JsonCodec(config.jsonLimits(), true);
    this.stateJson = new StateJson(codec);
    this.sql =
        new StoreSql(
            config.schema().orElse(null),
            config.tableNames(),
            config.ownerColumnName().orElse(null),
            config.ownerColumnDdl().orElse(null));
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    // Never the bound arguments: they are conversation data.
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(SqlFailures::render);
    sql.attributes().forEach(jdbi::define);
    jdbi.registerArrayType(String.class, "text");
    jdbi.registerRowMapper(SessionRecord.class, Rows.sessions(stateJson));
    jdbi.registerRowMapper(EventRecord.class, Rows.events());
    jdbi.registerRowMapper(ScopedState.class, Rows.scopedStates(stateJson));
    jdbi.registerRowMapper(SessionVersion.class, Rows.sessionVersions());
    this.executor = new StoreExecutor(name, config.poolSize(), config.writeQueueCapacity());
    this.transactions = new Transactions(jdbi);
    this.versionAtOpen = versionAtOpen();
  }

  // The version recorded when the store opened: every write is refused when it is newer (L7).
  private OptionalInt versionAtOpen() {
    try {
      return transactions.read(handle -> recordedVersion(handle.attach(SchemaDao.class)));
    } catch (JdbiException e) {
      if (SqlStates.isMissingSchema(e)) {
        return OptionalInt.empty();
      }
      executor.closeAndDrain(CLOSE_TIMEOUT_SECONDS);
      if (ownPool != null) {
        ownPool.close();
      }
      throw new StorageException("cannot open the PostgreSQL store: reading its schema version failed: "
          + SqlFailures.describe(e), SqlFailures.withoutPayload(e));
    }
  }

  private static OptionalInt recordedVersion(SchemaDao schema) {
    return schema.schemaVersion()
        .map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
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
      return new PostgresAdkStore(config, given, null, name);
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    config.username().ifPresent(hikari::setUsername);
    config.password().ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(config.poolSize());
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
    return new PostgresAdkStore(config, pool, pool, name);
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

  // ---- schema ----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> createTables() {
    return run("createTables", () -> {
      inTransaction(handle -> {
        SchemaDao schema = handle.attach(SchemaDao.class);
        schema.lockSchema(sql.schemaLockKey());
        if (sql.schema().isPresent()) {
          // Unqualified names in the owner column's DDL (a REFERENCES target) resolve in the
          // store's schema; the store's own statements always qualify their tables.
          schema.useSchemaForDdl();
          schema.createSchema();
        }
        schema.createMetadata();
        SchemaVersions.requireNotNewer(recordedVersion(schema), SCHEMA_VERSION);
        schema.createTablesAndIndexes();
        schema.recordSchemaVersion(Integer.toString(SCHEMA_VERSION));
        return null;
      });
      return null;
    });
  }

  @Override
  public CompletableFuture<OptionalInt> schemaVersion() {
    return run("schemaVersion", () -> read(
        handle -> handle.attach(SchemaDao.class).schemaVersion()
            .map(v -> OptionalInt.of(Integer.parseInt(v)))
            .orElse(OptionalInt.empty()),
        OptionalInt.empty()));
  }

  // ---- sessions --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<SessionRecord> createSession(NewSession session) {
    return run("createSession", () -> {
      Identifiers.requireNonNull("session", session);
      String state = stateJson.write("state", session.state());
      SessionKey key = session.key();
      String owner = sql.ownerColumn().isPresent() ? session.ownerId() : null;
      ScopeMerges shared = merges(session.sharedState());
      Instant now = now();
      try {
        inTransaction(handle -> {
          handle.attach(SessionDao.class).insert(
              esc(key.appName()), esc(key.userId()), esc(key.sessionId()), state, utc(now),
              utc(now), 1L, ownerArgument(owner));
          mergeShared(handle.attach(ScopedStateDao.class), key, shared, utc(now));
          return null;
        });
      } catch (JdbiException e) {
        if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
          throw new AlreadyExistsException("session already exists: " + key);
        }
        throw ownerViolationOr(e);
      }
      return new SessionRecord(key, session.state(), now, now, 1L, owner);
    });
  }

  @Override
  public CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key) {
    return run("getSession", () -> {
      Identifiers.requireNonNull("key", key);
      return read(handle -> findSession(handle, key), Optional.<SessionRecord>empty());
    });
  }

  @Override
  public CompletableFuture<Optional<SessionSnapshot>> loadSession(EventQuery query) {
    return run("loadSession", () -> {
      Identifiers.requireNonNull("query", query);
      SessionKey key = query.session();
      try {
        return transactions.readInTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
          Optional<SessionRecord> session = findSession(handle, key);
          if (session.isEmpty()) {
            return Optional.<SessionSnapshot>empty();
          }
          ScopedStateDao scoped = handle.attach(ScopedStateDao.class);
          String app = esc(key.appName());
          return Optional.of(new SessionSnapshot(
              session.get(),
              findEvents(handle, query),
              stateJson.read("app state", scoped.appState(app).orElse(null)),
              stateJson.read("user state", scoped.userState(app, esc(key.userId())).orElse(null))));
        });
      } catch (JdbiException e) {
        if (SqlStates.isMissingSchema(e)) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  @Override
  public CompletableFuture<List<SessionRecord>> listSessions(SessionQuery query) {
    return run("listSessions", () -> {
      Identifiers.requireNonNull("query", query);
      String filter = query.appName() == null
          ? StoreSql.LIST_ALL
          : query.userId() == null ? StoreSql.LIST_APP : StoreSql.LIST_USER;
      String order = StoreSql.order(query.orderBy(), query.descending());
      return read(
          handle -> handle.attach(SessionDao.class).list(
              filter, order, esc(query.appName()), esc(query.userId()), query.limit(),
              query.offset()),
          List.<SessionRecord>of());
    });
  }

  @Override
  public CompletableFuture<SessionRecord> replaceSessionState(
      SessionKey key, Map<String, Object> state) {
    Map<String, Object> copy;
    try {
      copy = StateValues.copyState("state", state); // now: the caller may change its map later
    } catch (AdkStoreException e) {
      return executor.failed(e);
    }
    return run("replaceSessionState", () -> {
      Identifiers.requireNonNull("key", key);
      String json = stateJson.write("state", copy);
      OffsetDateTime now = utc(now());
      return inTransaction(handle -> handle.attach(SessionDao.class)
          .replaceState(esc(key.appName()), esc(key.userId()), esc(key.sessionId()), json, now)
          .orElseThrow(() -> new NotFoundException(key)));
    });
  }

  @Override
  public CompletableFuture<Boolean> deleteSession(SessionKey key) {
    return run("deleteSession", () -> {
      Identifiers.requireNonNull("key", key);
      return inTransaction(handle -> handle.attach(SessionDao.class)
          .delete(esc(key.appName()), esc(key.userId()), esc(key.sessionId())) > 0);
    });
  }

  // ---- events ----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> appendEvent(
      EventRecord event, StateDelta delta, AppendCondition condition) {
    return run("appendEvent", () -> {
      Identifiers.requireNonNull("event", event);
      Identifiers.requireNonNull("delta", delta);
      Identifiers.requireNonNull("condition", condition);
      EventRow row = EventRow.of(codec.storableEvent("event", event));
      return append(event.session(), List.of(row), merges(delta), condition);
    });
  }

  @Override
  public CompletableFuture<Long> appendEvents(
      SessionKey session, List<EventAppend> batch, AppendCondition condition) {
    List<EventAppend> appends = batch == null ? null : new ArrayList<>(batch);
    return run("appendEvents", () -> {
      Identifiers.requireNonNull("session", session);
      Identifiers.requireNonNull("appends", appends);
      Identifiers.requireNonNull("condition", condition);
      List<EventRow> rows = new ArrayList<>(appends.size());
      Map<String, Object> sessionChanges = new LinkedHashMap<>();
      Map<String, Object> appChanges = new LinkedHashMap<>();
      Map<String, Object> userChanges = new LinkedHashMap<>();
      for (int i = 0; i < appends.size(); i++) {
        String field = "appends[" + i + "]";
        EventAppend each = Identifiers.requireNonNull(field, appends.get(i));
        requireSession(field + ".event.session", session, each.event().session());
        EventRecord storable = codec.storableEvent(field + ".event", each.event());
        if (appends.size() > 1) {
          merges(each.delta()); // validates every value, even one a later append overrides
        }
        rows.add(EventRow.of(storable));
        // Later appends win key by key: the composed delta equals applying them in order.
        sessionChanges.putAll(each.delta().session());
        appChanges.putAll(each.delta().app());
        userChanges.putAll(each.delta().user());
      }
      return append(session, rows,
          merges(new StateDelta(sessionChanges, appChanges, userChanges)), condition);
    });
  }

  @Override
  public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
    return run("getEvents", () -> {
      Identifiers.requireNonNull("query", query);
      return read(handle -> findEvents(handle, query), List.<EventRecord>of());
    });
  }

  // ---- scoped state ----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Map<String, Object>> getAppState(String appName) {
    return run("getAppState", () -> {
      Identifiers.requireId("appName", appName);
      return read(
          handle -> stateJson.read("app state",
              handle.attach(ScopedStateDao.class).appState(esc(appName)).orElse(null)),
          Map.<String, Object>of());
    });
  }

  @Override
  public CompletableFuture<Map<String, Object>> getUserState(String appName, String userId) {
    return run("getUserState", () -> {
      Identifiers.requireId("appName", appName);
      Identifiers.requireId("userId", userId);
      return read(
          handle -> stateJson.read("user state",
              handle.attach(ScopedStateDao.class).userState(esc(appName), esc(userId))
                  .orElse(null)),
          Map.<String, Object>of());
    });
  }

  @Override
  public CompletableFuture<List<ScopedState>> listScopedStates(String appName) {
    return run("listScopedStates", () -> {
      if (appName != null) {
        Identifiers.requireId("appName", appName);
      }
      String filter = appName == null ? StoreSql.NONE : StoreSql.WHERE_APP;
      return read(handle -> {
        ScopedStateDao dao = handle.attach(ScopedStateDao.class);
        List<ScopedState> all = new ArrayList<>(dao.listAppStates(filter, esc(appName)));
        all.addAll(dao.listUserStates(filter, esc(appName)));
        return all;
      }, List.<ScopedState>of());
    });
  }

  // ---- restore ---------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Boolean> restoreSession(
      SessionRecord session, List<EventRecord> eventList) {
    List<EventRecord> events = eventList == null ? null : new ArrayList<>(eventList);
    return run("restoreSession", () -> {
      Identifiers.requireNonNull("session", session);
      Identifiers.requireNonNull("events", events);
      OffsetDateTime created = utc(Timestamps.requireMillis("session.createTime", session.createTime()));
      OffsetDateTime updated = utc(Timestamps.requireMillis("session.updateTime", session.updateTime()));
      String state = stateJson.write("session.state", session.state());
      List<EventRow> rows = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        String field = "events[" + i + "]";
        EventRecord event = Identifiers.requireNonNull(field, events.get(i));
        requireSession(field + ".session", session.key(), event.session());
        rows.add(EventRow.of(codec.storableEvent(field, event)));
      }
      SessionKey key = session.key();
      String owner = sql.ownerColumn().isPresent() ? session.ownerId() : null;
      try {
        return inTransaction(handle -> {
          int inserted = handle.attach(SessionDao.class).insertIfAbsent(
              esc(key.appName()), esc(key.userId()), esc(key.sessionId()), state, created,
              updated, session.version(), ownerArgument(owner));
          if (inserted == 0) {
            return false;
          }
          if (!rows.isEmpty()) {
            handle.attach(EventDao.class).insert(rows);
          }
          return true;
        });
      } catch (JdbiException e) {
        if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
          throw new AlreadyExistsException("duplicate event id while restoring " + key);
        }
        throw ownerViolationOr(e);
      }
    });
  }

  @Override
  public CompletableFuture<Void> restoreScopedState(ScopedState state) {
    return run("restoreScopedState", () -> {
      Identifiers.requireNonNull("state", state);
      String json = stateJson.write("state", state.state());
      OffsetDateTime time = utc(state.updateTime());
      inTransaction(handle -> {
        ScopedStateDao dao = handle.attach(ScopedStateDao.class);
        if (state.isAppScope()) {
          dao.replaceAppState(esc(state.appName()), json, time);
        } else {
          dao.replaceUserState(esc(state.appName()), esc(state.userId()), json, time);
        }
        return null;
      });
      return null;
    });
  }

  // ---- retention -------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> deleteIdleSessions(RetentionScope scope) {
    return retention("deleteIdleSessions", scope,
        (dao, cutoff, filter, app) -> (long) dao.deleteIdleSessions(cutoff, filter, app),
        RetentionDao::countIdleSessions);
  }

  @Override
  public CompletableFuture<Long> deleteOldEvents(RetentionScope scope) {
    return retention("deleteOldEvents", scope,
        (dao, cutoff, filter, app) -> (long) dao.deleteOldEvents(cutoff, filter, app),
        RetentionDao::countOldEvents);
  }

  @Override
  public CompletableFuture<Long> deleteIdleUserStates(RetentionScope scope) {
    return retention("deleteIdleUserStates", scope,
        (dao, cutoff, filter, app) -> (long) dao.deleteIdleUserStates(cutoff, filter, app),
        RetentionDao::countIdleUserStates);
  }

  // ---- operations ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<StoreStats> stats() {
    return run("stats", () -> transactions.read(handle -> {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("backend", "postgresql");
      details.put("serverVersion", handle.attach(SchemaDao.class).serverVersion());
      details.put("schema", sql.schema().orElse("(search path)"));
      TableNames names = config.tableNames();
      details.put("tables", String.join(", ", names.sessions(), names.events(), names.appStates(),
          names.userStates(), names.metadata()));
      details.put("poolSize", Integer.toString(config.poolSize()));
      details.put("queued", Integer.toString(executor.queued()));
      try {
        int version = handle.attach(SchemaDao.class).schemaVersion().map(Integer::parseInt)
            .orElse(0);
        ScopedStateDao scoped = handle.attach(ScopedStateDao.class);
        return new StoreStats(
            version,
            handle.attach(SessionDao.class).count(),
            handle.attach(EventDao.class).count(),
            scoped.countAppStates(),
            scoped.countUserStates(),
            details);
      } catch (JdbiException e) {
        if (SqlStates.isMissingSchema(e)) {
          return new StoreStats(0, 0, 0, 0, 0, details);
        }
        throw e;
      }
    }));
  }

  /**
   * Stops accepting calls, waits for every accepted call to finish (up to five minutes), then
   * closes the store's own connection pool. A DataSource given in the configuration belongs to
   * the caller and stays open; every connection borrowed from it has been returned by then.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.closeAndDrain(CLOSE_TIMEOUT_SECONDS);
    } finally {
      if (ownPool != null) {
        ownPool.close();
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresAdkStore[" + config + "]";
  }

  // ---- internals -------------------------------------------------------------------------------

  /** The three scopes' merges. */
  private record ScopeMerges(StateJson.Merge session, StateJson.Merge app, StateJson.Merge user) {}

  @FunctionalInterface
  private interface RetentionDelete {
    long delete(RetentionDao dao, OffsetDateTime cutoff, String filter, String app);
  }

  @FunctionalInterface
  private interface RetentionCount {
    long count(RetentionDao dao, OffsetDateTime cutoff, String filter, String app);
  }

  // One transaction: the session row is updated first (which locks it, and checks the condition
  // in its WHERE clause), then the events are inserted and the app and user rows merged, always
  // in that order, so concurrent appends cannot deadlock on each other.
  private long append(
      SessionKey key, List<EventRow> rows, ScopeMerges merges, AppendCondition condition) {
    String app = esc(key.appName());
    String user = esc(key.userId());
    String id = esc(key.sessionId());
    String where = conditionClause(condition);
    Long expectedVersion = condition instanceof AppendCondition.ExpectVersion v ? v.version() : null;
    OffsetDateTime notAfter = condition instanceof AppendCondition.NotUpdatedAfter n
        ? utc(Instant.ofEpochMilli(n.lastSeenUpdateTime().toEpochMilli())) : null;
    try {
      return inTransaction(handle -> {
        SessionDao sessions = handle.attach(SessionDao.class);
        if (rows.isEmpty()) {
          return refusal(sessions, key, app, user, id, condition, true);
        }
        OffsetDateTime time = rows.get(rows.size() - 1).timestamp();
        Optional<Long> version = merges.session().isEmpty()
            ? sessions.touch(app, user, id, where, expectedVersion, notAfter, time)
            : sessions.mergeState(app, user, id, where, expectedVersion, notAfter,
                merges.session().changes(), merges.session().removed(), time);
        if (version.isEmpty()) {
          return refusal(sessions, key, app, user, id, condition, false);
        }
        handle.attach(EventDao.class).insert(rows);
        mergeShared(handle.attach(ScopedStateDao.class), key, merges, time);
        return version.get();
      });
    } catch (JdbiException e) {
      if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
        throw new AlreadyExistsException("an event with the same id already exists in " + key);
      }
      if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
        throw new NotFoundException(key);
      }
      throw e;
    }
  }

  // App row before user row, in every transaction, so concurrent writers cannot deadlock.
  private static void mergeShared(
      ScopedStateDao scoped, SessionKey key, ScopeMerges merges, OffsetDateTime time) {
    String app = esc(key.appName());
    if (!merges.app().isEmpty()) {
      scoped.mergeAppState(app, merges.app().changes(), merges.app().removed(), time);
    }
    if (!merges.user().isEmpty()) {
      scoped.mergeUserState(
          app, esc(key.userId()), merges.user().changes(), merges.user().removed(), time);
    }
  }

  // Explains why the conditional update touched no row (no session, or a failed condition), or,
  // for an append of no events, checks the condition and returns the unchanged version.
  private static long refusal(SessionDao sessions, SessionKey key, String app, String user,
      String id, AppendCondition condition, boolean nothingToAppend) {
    SessionVersion current =
        sessions.lockForAppend(app, user, id).orElseThrow(() -> new NotFoundException(key));
    condition.check(key, current.version(), Rows.toMillis(current.updateTime()));
    if (nothingToAppend) {
      return current.version();
    }
    // The update matched no row, yet the row exists and the condition holds on a re-read: the
    // update waits for and re-checks any committed row, so the session was created only after
    // the append's update ran. For the append, it did not exist.
    throw new NotFoundException(key);
  }

  private static String conditionClause(AppendCondition condition) {
    if (condition instanceof AppendCondition.ExpectVersion) {
      return StoreSql.AND_EXPECTED_VERSION;
    }
    if (condition instanceof AppendCondition.NotUpdatedAfter) {
      return StoreSql.AND_NOT_UPDATED_AFTER;
    }
    return StoreSql.NONE;
  }

  private ScopeMerges merges(StateDelta delta) {
    return new ScopeMerges(
        stateJson.merge("stateDelta.session", delta.session()),
        stateJson.merge("stateDelta.app", delta.app()),
        stateJson.merge("stateDelta.user", delta.user()));
  }

  private static void requireSession(String field, SessionKey expected, SessionKey actual) {
    if (!expected.equals(actual)) {
      throw new InvalidArgumentException(
          field, "is " + actual + " but the call is for session " + expected);
    }
  }

  private Optional<SessionRecord> findSession(Handle handle, SessionKey key) {
    return handle.attach(SessionDao.class)
        .find(esc(key.appName()), esc(key.userId()), esc(key.sessionId()));
  }

  private List<EventRecord> findEvents(Handle handle, EventQuery query) {
    if (query.limit() != null && query.limit() == 0) {
      return List.of();
    }
    SessionKey key = query.session();
    OffsetDateTime after = query.after() == null
        ? null
        : utc(Instant.ofEpochMilli(Timestamps.ceilingMillis("query.after", query.after())));
    return handle.attach(EventDao.class).find(
        esc(key.appName()), esc(key.userId()), esc(key.sessionId()),
        after == null ? StoreSql.NONE : StoreSql.AND_AFTER, after, query.limit());
  }

  private CompletableFuture<Long> retention(
      String operation, RetentionScope scope, RetentionDelete delete, RetentionCount count) {
    return run(operation, () -> {
      Identifiers.requireNonNull("scope", scope);
      // Stored times are whole milliseconds, so "before the cutoff" equals "before its ceiling".
      OffsetDateTime cutoff = utc(Instant.ofEpochMilli(Timestamps.ceilingMillis("scope.cutoff", scope.cutoff())));
      String filter = scope.appName() == null ? StoreSql.NONE : StoreSql.AND_APP;
      String app = esc(scope.appName());
      if (scope.dryRun()) {
        return read(
            handle -> count.count(handle.attach(RetentionDao.class), cutoff, filter, app), 0L);
      }
      return inTransaction(
          handle -> delete.delete(handle.attach(RetentionDao.class), cutoff, filter, app));
    });
  }

  private <T> CompletableFuture<T> run(String operation, Supplier<T> work) {
    return executor.submit(work, failure -> storageFailure(operation, failure));
  }

  private <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
    SchemaVersions.requireNotNewer(versionAtOpen, SCHEMA_VERSION);
    return transactions.write(work);
  }

  // A read before createTables finds no tables: that is an empty result, not an error (L2).
  private <T> T read(HandleCallback<T, RuntimeException> work, T whenNoTables) {
    try {
      return transactions.read(work);
    } catch (JdbiException e) {
      if (SqlStates.isMissingSchema(e)) {
        return whenNoTables;
      }
      throw e;
    }
  }

  // A session insert can break no constraint but the owner column's once its key is known to be
  // new: the caller's owner id is what was refused (STORE-CONTRACT S11, as on SQLite).
  private RuntimeException ownerViolationOr(JdbiException failure) {
    if (sql.ownerColumn().isPresent() && SqlStates.isConstraintViolation(failure)) {
      return new InvalidArgumentException(
          "ownerId", "violates a constraint of the owner column (SQLSTATE "
              + SqlStates.of(failure).orElse("?") + ")",
          SqlFailures.withoutPayload(failure));
    }
    return failure;
  }

  private static AdkStoreException storageFailure(String operation, Throwable failure) {
    if (SqlStates.isMissingSchema(failure)) {
      return new StorageException(
          operation + " failed: the store's tables do not exist; call createTables() first",
          SqlFailures.withoutPayload(failure));
    }
    return new StorageException(operation + " failed: " + SqlFailures.describe(failure),
        SqlFailures.withoutPayload(failure));
  }

  // The owner column's type is the operator's DDL, so the value is bound untyped and the server
  // converts it to the column's type.
  private static Argument ownerArgument(String owner) {
    String stored = NulEscape.escape(owner);
    return (position, statement, ctx) -> {
      if (stored == null) {
        statement.setNull(position, Types.OTHER);
      } else {
        statement.setObject(position, stored, Types.OTHER);
      }
    };
  }

  private static String esc(String text) {
    return NulEscape.escape(text);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
