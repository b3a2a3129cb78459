package dev.adkstore.sqlite;

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
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreStats;
import dev.adkstore.api.Timestamps;
import dev.adkstore.json.JsonCodec;
import dev.adkstore.sqlite.internal.EventRowMapper;
import dev.adkstore.sqlite.internal.FutureCompleter;
import dev.adkstore.sqlite.internal.FileIdentity;
import dev.adkstore.sqlite.internal.GroupCommitWriter;
import dev.adkstore.sqlite.internal.JulianDay;
import dev.adkstore.sqlite.internal.ReaderPool;
import dev.adkstore.sqlite.internal.SchemaDao;
import dev.adkstore.sqlite.internal.SchemaNames;
import dev.adkstore.sqlite.internal.ScopedStateRowMapper;
import dev.adkstore.sqlite.internal.SessionHead;
import dev.adkstore.sqlite.internal.SessionOrder;
import dev.adkstore.sqlite.internal.SessionRowMapper;
import dev.adkstore.sqlite.internal.SqliteErrors;
import dev.adkstore.sqlite.internal.StateMerge;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
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
public final class SqliteAdkStore implements AsyncAdkStore {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final List<String> SYNCHRONOUS_NAMES = List.of("off", "normal", "full", "extra");

  private final SqliteStoreConfig config;
  private final JsonCodec codec;
  private final Connection keepAlive;
  private final FutureCompleter completer;
  private final GroupCommitWriter writer;
  private final StoreConnection writeConnection;
  private final ReaderPool readers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final OptionalInt versionAtOpen;

  private SqliteAdkStore(SqliteStoreConfig config) {
    this.config = config;
    this.codec = new JsonCodec(config.jsonLimits());
    Jdbi jdbi = configureJdbi(config, codec);
    String name = "adk-store-sqlite-" + INSTANCES.incrementAndGet();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      // A shared-cache memory database lives while one connection to it is open.
      this.keepAlive = config.isInMemory() ? open(opened, sqliteConfig(config).createConnection(config.jdbcUrl())) : null;
      this.writeConnection = open(opened, new StoreConnection(jdbi.open()));
      this.versionAtOpen = versionAtOpen(writeConnection);
      List<StoreConnection> readConnections = new ArrayList<>();
      for (int i = 0; i < config.readerPoolSize(); i++) {
        readConnections.add(open(opened, new StoreConnection(jdbi.open())));
      }
      // Shared-cache connections lock tables, not files: a reader cannot read a table while the
      // writer's transaction is open, and SQLITE_LOCKED is not retried. So in memory, reads and
      // write transactions take turns; files use WAL and never wait.
      ReadWriteLock turns = config.isInMemory() ? new ReentrantReadWriteLock() : null;
      this.completer = new FutureCompleter(name + "-complete-");
      this.writer =
          new GroupCommitWriter(
              writeConnection, config.writeQueueCapacity(), completer,
              turns == null ? null : turns.writeLock(), fileGuard(config), name + "-writer");
      this.readers =
          new ReaderPool(
              readConnections, config.writeQueueCapacity(), completer,
              turns == null ? null : turns.readLock(), name + "-reader-");
    } catch (SQLException | RuntimeException e) {
      closeAll(opened);
      throw new StorageException("cannot open the SQLite store at " + config.jdbcUrl() + ": " + SqliteErrors.message(e), e);
    }
    writer.start();
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
    return new SqliteAdkStore(Identifiers.requireNonNull("config", config));
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

  // ---- schema ----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> createTables() {
    return write("createTables", () -> c -> {
      SchemaDao schema = c.schema();
      schema.createAll();
      SchemaVersions.requireNotNewer(readSchemaVersion(c), SchemaDao.SCHEMA_VERSION);
      schema.writeMetadata(SchemaDao.SCHEMA_VERSION_KEY, Integer.toString(SchemaDao.SCHEMA_VERSION));
      return null;
    });
  }

  @Override
  public CompletableFuture<OptionalInt> schemaVersion() {
    return read("schemaVersion", () -> c -> readSchemaVersion(c), OptionalInt::empty);
  }

  // ---- sessions --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<SessionRecord> createSession(NewSession session) {
    return write("createSession", () -> {
      Identifiers.requireNonNull("session", session);
      SessionKey key = session.key();
      String stateJson = codec.writeState("state", session.state());
      String ownerId = config.ownerColumnName().isPresent() ? session.ownerId() : null;
      return c -> {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        double time = JulianDay.fromInstant(now);
        insertSession(c, key, stateJson, time, time, 1, ownerId);
        mergeSharedState(c, key, session.sharedState().app(), session.sharedState().user(), time);
        return new SessionRecord(key, session.state(), now, now, 1, ownerId);
      };
    });
  }

  @Override
  public CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key) {
    return read("getSession", () -> {
      Identifiers.requireNonNull("key", key);
      return c -> c.sessions().find(key.appName(), key.userId(), key.sessionId());
    }, Optional::empty);
  }

  @Override
  public CompletableFuture<Optional<SessionSnapshot>> loadSession(EventQuery query) {
    return read("loadSession", () -> {
      Identifiers.requireNonNull("query", query);
      SessionKey key = query.session();
      double after = afterBound(query);
      return c -> ReaderPool.inSnapshot(c, tx -> tx.sessions()
          .find(key.appName(), key.userId(), key.sessionId())
          .map(session -> new SessionSnapshot(
              session,
              findEvents(tx, query, after),
              readState("app state", tx.scopedStates().findAppState(key.appName())),
              readState("user state", tx.scopedStates().findUserState(key.appName(), key.userId())))));
    }, Optional::empty);
  }

  @Override
  public CompletableFuture<List<SessionRecord>> listSessions(SessionQuery query) {
    return read("listSessions", () -> {
      Identifiers.requireNonNull("query", query);
      String column = SessionOrder.column(query.orderBy());
      String direction = SessionOrder.direction(query.descending());
      int limit = query.limit() == null ? -1 : query.limit();
      int offset = query.offset() == null ? 0 : query.offset();
      return c -> {
        if (limit == 0) {
          return List.<SessionRecord>of();
        }
        if (query.userId() != null) {
          return c.sessions().listForUser(query.appName(), query.userId(), column, direction, limit, offset);
        }
        if (query.appName() != null) {
          return c.sessions().listForApp(query.appName(), column, direction, limit, offset);
        }
        return c.sessions().listAll(column, direction, limit, offset);
      };
    }, List::of);
  }

  @Override
  public CompletableFuture<SessionRecord> replaceSessionState(SessionKey key, Map<String, Object> state) {
    return write("replaceSessionState", () -> {
      Identifiers.requireNonNull("key", key);
      String stateJson = codec.writeState("state", Identifiers.requireNonNull("state", state));
      return c -> {
        double now = JulianDay.fromEpochMillis(System.currentTimeMillis());
        if (c.sessions().replaceState(key.appName(), key.userId(), key.sessionId(), stateJson, now) == 0) {
          throw new NotFoundException(key);
        }
        return c.sessions().find(key.appName(), key.userId(), key.sessionId())
            .orElseThrow(() -> new NotFoundException(key));
      };
    });
  }

  @Override
  public CompletableFuture<Boolean> deleteSession(SessionKey key) {
    return write("deleteSession", () -> {
      Identifiers.requireNonNull("key", key);
      return c -> c.sessions().delete(key.appName(), key.userId(), key.sessionId()) > 0;
    });
  }

  // ---- events ----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
    return write("appendEvent", () -> {
      Identifiers.requireNonNull("event", event);
      Identifiers.requireNonNull("delta", delta);
      Identifiers.requireNonNull("condition", condition);
      List<EventAppend> appends = storableAppends("event", List.of(new EventAppend(event, delta)));
      return c -> applyAppends(c, event.session(), appends, condition);
    });
  }

  @Override
  public CompletableFuture<Long> appendEvents(
      SessionKey session, List<EventAppend> appends, AppendCondition condition) {
    return write("appendEvents", () -> {
      Identifiers.requireNonNull("session", session);
      Identifiers.requireNonNull("condition", condition);
      List<EventAppend> copy = List.copyOf(Identifiers.requireNonNull("appends", appends));
      for (int i = 0; i < copy.size(); i++) {
        if (!copy.get(i).event().session().equals(session)) {
          throw new InvalidArgumentException(
              "appends[" + i + "].event.session", "must be " + session + ", was " + copy.get(i).event().session());
        }
      }
      List<EventAppend> storable = storableAppends("appends", copy);
      return c -> applyAppends(c, session, storable, condition);
    });
  }

  @Override
  public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
    return read("getEvents", () -> {
      Identifiers.requireNonNull("query", query);
      double after = afterBound(query);
      return c -> findEvents(c, query, after);
    }, List::of);
  }

  // ---- scoped state ----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Map<String, Object>> getAppState(String appName) {
    return read("getAppState", () -> {
      Identifiers.requireId("appName", appName);
      return c -> readState("app state", c.scopedStates().findAppState(appName));
    }, Map::of);
  }

  @Override
  public CompletableFuture<Map<String, Object>> getUserState(String appName, String userId) {
    return read("getUserState", () -> {
      Identifiers.requireId("appName", appName);
      Identifiers.requireId("userId", userId);
      return c -> readState("user state", c.scopedStates().findUserState(appName, userId));
    }, Map::of);
  }

  @Override
  public CompletableFuture<List<ScopedState>> listScopedStates(String appName) {
    return read("listScopedStates", () -> {
      if (appName != null) {
        Identifiers.requireId("appName", appName);
      }
      return c -> ReaderPool.inSnapshot(c, tx -> {
        List<ScopedState> states = new ArrayList<>();
        if (appName == null) {
          states.addAll(tx.scopedStates().listAppStates());
          states.addAll(tx.scopedStates().listUserStates());
        } else {
          states.addAll(tx.scopedStates().listAppStatesOf(appName));
          states.addAll(tx.scopedStates().listUserStatesOf(appName));
        }
        return List.copyOf(states);
      });
    }, List::of);
  }

  // ---- restore ---------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Boolean> restoreSession(SessionRecord session, List<EventRecord> events) {
    return write("restoreSession", () -> {
      Identifiers.requireNonNull("session", session);
      List<EventRecord> copy = List.copyOf(Identifiers.requireNonNull("events", events));
      SessionKey key = session.key();
      double createTime = julian("session.createTime", session.createTime());
      double updateTime = julian("session.updateTime", session.updateTime());
      String stateJson = codec.writeState("session.state", session.state());
      List<EventRecord> storable = new ArrayList<>(copy.size());
      for (int i = 0; i < copy.size(); i++) {
        if (!copy.get(i).session().equals(key)) {
          throw new InvalidArgumentException(
              "events[" + i + "].session", "must be " + key + ", was " + copy.get(i).session());
        }
        storable.add(codec.storableEvent("events[" + i + "]", copy.get(i)));
      }
      String ownerId = config.ownerColumnName().isPresent() ? session.ownerId() : null;
      return c -> {
        if (c.sessions().exists(key.appName(), key.userId(), key.sessionId())) {
          return false;
        }
        insertSession(c, key, stateJson, createTime, updateTime, session.version(), ownerId);
        for (EventRecord event : storable) {
          insertEvent(c, event);
        }
        return true;
      };
    });
  }

  @Override
  public CompletableFuture<Void> restoreScopedState(ScopedState state) {
    return write("restoreScopedState", () -> {
      Identifiers.requireNonNull("state", state);
      String stateJson = codec.writeState("state.state", state.state());
      double time = julian("state.updateTime", state.updateTime());
      return c -> {
        if (state.isAppScope()) {
          c.scopedStates().upsertAppState(state.appName(), stateJson, time);
        } else {
          c.scopedStates().upsertUserState(state.appName(), state.userId(), stateJson, time);
        }
        return null;
      };
    });
  }

  // ---- retention -------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> deleteIdleSessions(RetentionScope scope) {
    return retention("deleteIdleSessions", scope,
        (c, cutoff) -> scope.appName() == null
            ? c.sessions().countIdle(cutoff)
            : c.sessions().countIdleInApp(scope.appName(), cutoff),
        (c, cutoff) -> scope.appName() == null
            ? c.sessions().deleteIdle(cutoff)
            : c.sessions().deleteIdleInApp(scope.appName(), cutoff));
  }

  @Override
  public CompletableFuture<Long> deleteOldEvents(RetentionScope scope) {
    return retention("deleteOldEvents", scope,
        (c, cutoff) -> scope.appName() == null
            ? c.events().countOlder(cutoff)
            : c.events().countOlderInApp(scope.appName(), cutoff),
        (c, cutoff) -> scope.appName() == null
            ? c.events().deleteOlder(cutoff)
            : c.events().deleteOlderInApp(scope.appName(), cutoff));
  }

  @Override
  public CompletableFuture<Long> deleteIdleUserStates(RetentionScope scope) {
    return retention("deleteIdleUserStates", scope,
        (c, cutoff) -> scope.appName() == null
            ? c.scopedStates().countIdleUserStates(cutoff)
            : c.scopedStates().countIdleUserStatesInApp(scope.appName(), cutoff),
        (c, cutoff) -> scope.appName() == null
            ? c.scopedStates().deleteIdleUserStates(cutoff)
            : c.scopedStates().deleteIdleUserStatesInApp(scope.appName(), cutoff));
  }

  // ---- operations ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<StoreStats> stats() {
    return read("stats", () -> c -> ReaderPool.inSnapshot(c, tx -> {
      Map<String, String> details = fileDetails();
      details.put("journal_mode", tx.scopedStates().journalMode());
      // Read back from a live connection: every connection is opened with the same settings.
      details.put("synchronous", SYNCHRONOUS_NAMES.get(tx.scopedStates().synchronous()));
      OptionalInt version = readSchemaVersion(tx);
      if (version.isEmpty()) {
        return new StoreStats(0, 0, 0, 0, 0, details);
      }
      return new StoreStats(
          version.getAsInt(), tx.sessions().countAll(), tx.events().countAll(),
          tx.scopedStates().countAppStates(), tx.scopedStates().countUserStates(), details);
    }), () -> new StoreStats(0, 0, 0, 0, 0, fileDetails()));
  }

  /**
   * Stops accepting work, commits every write accepted before, waits for running reads, and closes
   * the connections; for an in-memory store the data is gone afterwards. Idempotent; later calls
   * fail with {@link dev.adkstore.api.StoreClosedException}. Must not be called from inside one of
   * the store's own transactions (no caller code ever runs there).
   */
  @Override
  public void close() {
    writer.close();
    readers.close();
    if (closed.compareAndSet(false, true)) {
      writeConnection.close();
      if (keepAlive != null) {
        try {
          keepAlive.close();
        } catch (SQLException e) {
          throw new StorageException("closing the in-memory database failed", e);
        }
      }
      completer.shutdown();
    }
  }

  @Override
  public String toString() {
    return "SqliteAdkStore[" + config.jdbcUrl() + (closed.get() ? ", closed]" : "]");
  }

  // ---- writes ----------------------------------------------------------------------------------

  private long applyAppends(
      StoreConnection c, SessionKey key, List<EventAppend> appends, AppendCondition condition) {
    SessionHead head = c.sessions().findHead(key.appName(), key.userId(), key.sessionId())
        .orElseThrow(() -> new NotFoundException(key));
    condition.check(key, head.version(), JulianDay.toInstant(head.updateTime()));
    long version = head.version();
    if (appends.isEmpty()) {
      return version;
    }
    Map<String, Object> sessionState = null;
    // Later changes to a key replace earlier ones, as applying the deltas one by one would.
    Map<String, Object> appChanges = new LinkedHashMap<>();
    Map<String, Object> userChanges = new LinkedHashMap<>();
    double updateTime = head.updateTime();
    for (EventAppend append : appends) {
      insertEvent(c, append.event());
      StateDelta delta = append.delta();
      if (!delta.session().isEmpty()) {
        sessionState = sessionState != null ? sessionState : codec.readStoredState("session state", head.state());
        StateMerge.apply(sessionState, delta.session());
      }
      appChanges.putAll(delta.app());
      userChanges.putAll(delta.user());
      version++;
      updateTime = JulianDay.fromInstant(append.event().timestamp());
    }
    c.sessions().updateAfterAppend(
        key.appName(), key.userId(), key.sessionId(),
        sessionState == null ? null : codec.writeState("state", sessionState), updateTime, version);
    mergeSharedState(c, key, appChanges, userChanges, updateTime);
    return version;
  }

  // Key-level merge of app and user changes into their rows, inside the caller's transaction.
  private void mergeSharedState(
      StoreConnection c, SessionKey key, Map<String, Object> appChanges,
      Map<String, Object> userChanges, double time) {
    if (!appChanges.isEmpty()) {
      Map<String, Object> appState = mutableState("app state", c.scopedStates().findAppState(key.appName()));
      StateMerge.apply(appState, appChanges);
      c.scopedStates().upsertAppState(key.appName(), codec.writeState("appState", appState), time);
    }
    if (!userChanges.isEmpty()) {
      Map<String, Object> userState =
          mutableState("user state", c.scopedStates().findUserState(key.appName(), key.userId()));
      StateMerge.apply(userState, userChanges);
      c.scopedStates().upsertUserState(
          key.appName(), key.userId(), codec.writeState("userState", userState), time);
    }
  }

  private void insertSession(
      StoreConnection c, SessionKey key, String stateJson, double createTime, double updateTime,
      long version, String ownerId) {
    try {
      if (config.ownerColumnName().isPresent()) {
        c.sessions().insertWithOwner(key.appName(), key.userId(), key.sessionId(), stateJson,
            createTime, updateTime, version, ownerId);
      } else {
        c.sessions().insert(key.appName(), key.userId(), key.sessionId(), stateJson, createTime,
            updateTime, version);
      }
    } catch (RuntimeException e) {
      if (SqliteErrors.isUniqueViolation(e)) {
        throw new AlreadyExistsException("session already exists: " + key);
      }
      if (SqliteErrors.isConstraintViolation(e) && config.ownerColumnName().isPresent()) {
        throw new InvalidArgumentException(
            "ownerId", "'" + ownerId + "' violates a constraint of the owner column: " + SqliteErrors.message(e));
      }
      throw e;
    }
  }

  private static void insertEvent(StoreConnection c, EventRecord e) {
    SessionKey key = e.session();
    try {
      c.events().insert(key.appName(), key.userId(), key.sessionId(), e.id(), e.invocationId(),
          e.author(), e.actions(), e.longRunningToolIdsJson(), e.branch(),
          JulianDay.fromInstant(e.timestamp()), e.content(), e.groundingMetadata(),
          e.customMetadata(), e.partial(), e.turnComplete(), e.interrupted(), e.errorCode(),
          e.errorMessage(), e.extra());
    } catch (RuntimeException failure) {
      if (SqliteErrors.isUniqueViolation(failure)) {
        throw new AlreadyExistsException("event " + e.id() + " already exists in session " + key);
      }
      throw failure;
    }
  }

  // Checks everything that can be checked before the transaction, so bad input writes nothing,
  // and returns the appends in the form they are written.
  private List<EventAppend> storableAppends(String field, List<EventAppend> appends) {
    List<EventAppend> storable = new ArrayList<>(appends.size());
    for (int i = 0; i < appends.size(); i++) {
      String where = appends.size() == 1 && field.equals("event") ? "event" : field + "[" + i + "]";
      EventAppend append = appends.get(i);
      EventRecord event = codec.storableEvent(where, append.event());
      StateDelta delta = append.delta();
      checkDeltaScope("stateDelta.session", delta.session());
      checkDeltaScope("stateDelta.app", delta.app());
      checkDeltaScope("stateDelta.user", delta.user());
      storable.add(event == append.event() ? append : new EventAppend(event, delta));
    }
    return storable;
  }

  private void checkDeltaScope(String field, Map<String, Object> changes) {
    if (!changes.isEmpty()) {
      codec.writeState(field, StateMerge.writtenValues(changes));
    }
  }

  private CompletableFuture<Long> retention(
      String operation, RetentionScope scope, RetentionStep count, RetentionStep delete) {
    if (scope != null && scope.dryRun()) {
      return read(operation, () -> {
        double cutoff = cutoff(scope);
        return c -> count.apply(c, cutoff);
      }, () -> 0L);
    }
    return write(operation, () -> {
      double cutoff = cutoff(Identifiers.requireNonNull("scope", scope));
      return c -> delete.apply(c, cutoff);
    });
  }

  // Rows strictly before the cutoff qualify; a whole millisecond m is before it exactly when m is
  // before the cutoff rounded up to a whole millisecond.
  private static double cutoff(RetentionScope scope) {
    return JulianDay.fromEpochMillis(Timestamps.ceilingMillis("scope.cutoff", scope.cutoff()));
  }

  private static double julian(String field, Instant instant) {
    return JulianDay.fromInstant(Timestamps.requireMillis(field, instant));
  }

  @FunctionalInterface
  private interface RetentionStep {
    long apply(StoreConnection c, double cutoff);
  }

  // ---- reads -----------------------------------------------------------------------------------

  private static List<EventRecord> findEvents(StoreConnection c, EventQuery query, double after) {
    if (query.limit() != null && query.limit() == 0) {
      return List.of();
    }
    SessionKey key = query.session();
    return c.events().find(key.appName(), key.userId(), key.sessionId(), after,
        query.limit() == null ? -1 : query.limit());
  }

  // The inclusive lower bound, exact at millisecond precision: 1000.5 ms excludes an event at
  // 1000 ms (STORE-CONTRACT E3).
  private static double afterBound(EventQuery query) {
    return query.after() == null
        ? -Double.MAX_VALUE
        : JulianDay.fromEpochMillis(Timestamps.ceilingMillis("query.after", query.after()));
  }

  // The version recorded when the store opened: every write is refused when it is newer (L7).
  private static OptionalInt versionAtOpen(StoreConnection c) {
    try {
      return readSchemaVersion(c);
    } catch (RuntimeException e) {
      if (SqliteErrors.isMissingTable(e)) {
        return OptionalInt.empty();
      }
      throw e;
    }
  }

  private static OptionalInt readSchemaVersion(StoreConnection c) {
    return c.schema().readMetadata(SchemaDao.SCHEMA_VERSION_KEY)
        .map(v -> OptionalInt.of(Integer.parseInt(v)))
        .orElse(OptionalInt.empty());
  }

  private Map<String, Object> readState(String what, Optional<String> json) {
    return json.map(j -> codec.readStoredState(what, j)).orElseGet(Map::of);
  }

  private Map<String, Object> mutableState(String what, Optional<String> json) {
    return json.map(j -> codec.readStoredState(what, j)).orElseGet(LinkedHashMap::new);
  }

  private Map<String, String> fileDetails() {
    Map<String, String> details = new LinkedHashMap<>();
    config.path().ifPresent(file -> {
      details.put("file.bytes", Long.toString(sizeOf(file)));
      details.put("wal.bytes", Long.toString(sizeOf(Path.of(file + "-wal"))));
    });
    return details;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  // ---- plumbing --------------------------------------------------------------------------------

  // Runs the preparation (validation, serialization) on the caller's thread, so bad input fails
  // before it is queued and nothing is written; a failure still completes the future, never throws.
  private <T> CompletableFuture<T> write(String operation, Supplier<GroupCommitWriter.WriteOp<T>> prepare) {
    GroupCommitWriter.WriteOp<T> op;
    try {
      SchemaVersions.requireNotNewer(versionAtOpen, SchemaDao.SCHEMA_VERSION);
      op = prepare.get();
    } catch (RuntimeException | StackOverflowError e) {
      return completer.failed(SqliteErrors.translate(operation, e));
    }
    return writer.submit(operation, op);
  }

  private <T> CompletableFuture<T> read(
      String operation, Supplier<ReaderPool.ReadOp<T>> prepare, Supplier<T> beforeTables) {
    ReaderPool.ReadOp<T> op;
    try {
      op = prepare.get();
    } catch (RuntimeException | StackOverflowError e) {
      return completer.failed(SqliteErrors.translate(operation, e));
    }
    return readers.submit(operation, op, beforeTables);
  }

  private static Jdbi configureJdbi(SqliteStoreConfig config, JsonCodec codec) {
    SQLiteConfig sqlite = sqliteConfig(config);
    String url = config.jdbcUrl();
    Jdbi jdbi = Jdbi.create(() -> sqlite.createConnection(url));
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.registerRowMapper(SessionRecord.class, new SessionRowMapper(codec));
    jdbi.registerRowMapper(EventRecord.class, new EventRowMapper());
    jdbi.registerRowMapper(ScopedState.class, new ScopedStateRowMapper(codec));
    SchemaNames.of(config.tableNames()).forEach(jdbi::define);
    jdbi.define("ownerColumn", config.ownerColumnName().orElse("NULL"));
    jdbi.define("ownerSelect", config.ownerColumnName().orElse("NULL"));
    jdbi.define("ownerColumnDdl", config.ownerColumnDdl().map(ddl -> ", " + ddl).orElse(""));
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
