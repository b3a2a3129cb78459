package dev.adkstore.jdbc;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.AlreadyExistsException;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.MemoryNeighbours;
import dev.adkstore.api.MemorySearch;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.NotFoundException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.SchemaVersions;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StoreStats;
import dev.adkstore.api.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The port implemented once, for every SQL backend: every policy rule of the store contract
 * (argument checks, JSON validation, combining a batch's deltas, the owner-column rule, retention
 * cutoffs, empty reads before {@code createTables}, refusing a newer schema) lives here and runs
 * once, on the caller's thread, before any I/O. A backend is a subclass that supplies a
 * {@link StoreDialect}, its {@link StoreStatements} (the SQL) and a {@link StoreEngine} (its
 * connection model). Every operation converges on {@link #read}, {@link #snapshot} or
 * {@link #write}.
 *
 * <p>No method throws: every failure completes the returned future exceptionally with an
 * {@link AdkStoreException}. A session insert can break no constraint but the owner column's once
 * its key is known to be new, so such a failure is the caller's owner id
 * ({@link InvalidArgumentException} for {@code ownerId}).
 *
 * <p>Thread-safe: any number of threads may call any method at once.
 */
public abstract class JdbcAdkStore implements AsyncAdkStore {
  private final StoreDialect dialect;
  private final StoreEngine engine;
  private final OptionalInt versionAtOpen;
  private final SchemaMigrator migrator;

  /**
   * Creates the store over a started engine.
   *
   * @param dialect the backend's dialect
   * @param engine the backend's engine, owned by the store from now on
   * @param versionAtOpen the schema version recorded when the store opened; every write is
   *     refused when it is newer than the dialect's (STORE-CONTRACT L7)
   */
  protected JdbcAdkStore(StoreDialect dialect, StoreEngine engine, OptionalInt versionAtOpen) {
    this.dialect = dialect;
    this.engine = engine;
    this.versionAtOpen = versionAtOpen;
    this.migrator = new SchemaMigrator(dialect.migrations(), dialect.schemaVersion(), dialect.schemaUpgrade());
  }

  // ---- schema ----------------------------------------------------------------------------------

  @Override
  public final CompletableFuture<Void> createTables() {
    return write("createTables", () -> s -> {
      migrator.upgrade(s);
      return null;
    });
  }

  @Override
  public final CompletableFuture<OptionalInt> schemaVersion() {
    return read("schemaVersion", () -> StoreStatements::schemaVersion, OptionalInt::empty);
  }

  @Override
  public final CompletableFuture<SchemaStatus> schemaStatus() {
    // The status reads what a missing table means itself, so the engine's fallback never applies.
    return snapshot("schemaStatus", () -> migrator::status, () -> {
      throw new IllegalStateException("the schema status reads no store table");
    });
  }

  // ---- sessions --------------------------------------------------------------------------------

  @Override
  public final CompletableFuture<SessionRecord> createSession(NewSession session) {
    return write("createSession", keyOf(session), () -> create(session, (created, s) -> created));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One store call: the app and user state are read in the create's own transaction.
   */
  @Override
  public final CompletableFuture<SessionSnapshot> createAndLoadSession(NewSession session) {
    return write("createAndLoadSession", keyOf(session), () -> create(session, (created, s) -> new SessionSnapshot(
        created, List.of(),
        state("app state", s.appState(created.key().appName())),
        state("user state", s.userState(created.key().appName(), created.key().userId())))));
  }

  // The result is built inside the create's transaction, so a snapshot reads what the create left.
  private <T> StoreWork<T> create(NewSession session, BiFunction<SessionRecord, StoreStatements, T> result) {
    Identifiers.requireNonNull("session", session);
    SessionKey key = session.key();
    String state = dialect.stateFormat().write("state", session.state());
    String owner = ownerOf(session.ownerId());
    ScopeChange app = dialect.stateFormat().change("sharedState.app", session.sharedState().app());
    ScopeChange user = dialect.stateFormat().change("sharedState.user", session.sharedState().user());
    return s -> {
      Instant now = now();
      insertSession(s, new StoredSession(key, state, now, now, 1, owner));
      mergeShared(s, key, app, user, now);
      return result.apply(new SessionRecord(key, session.state(), now, now, 1, owner), s);
    };
  }

  @Override
  public final CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key) {
    return read("getSession", () -> {
      Identifiers.requireNonNull("key", key);
      return s -> s.findSession(key);
    }, Optional::empty);
  }

  @Override
  public final CompletableFuture<Optional<SessionSnapshot>> loadSession(EventQuery query) {
    return snapshot("loadSession", () -> {
      Identifiers.requireNonNull("query", query);
      SessionKey key = query.session();
      Instant after = afterBound(query);
      return s -> s.findSession(key).map(session -> new SessionSnapshot(
          session,
          findEvents(s, query, after),
          state("app state", s.appState(key.appName())),
          state("user state", s.userState(key.appName(), key.userId()))));
    }, Optional::empty);
  }

  @Override
  public final CompletableFuture<List<SessionRecord>> listSessions(SessionQuery query) {
    return read("listSessions", () -> {
      Identifiers.requireNonNull("query", query);
      String order = SessionOrder.of(query.orderBy(), query.descending());
      int offset = query.offset() == null ? 0 : query.offset();
      if (query.limit() != null && query.limit() == 0) {
        return s -> List.of();
      }
      return s -> s.listSessions(query.appName(), query.userId(), order, query.limit(), offset);
    }, List::of);
  }

  @Override
  public final CompletableFuture<SessionRecord> replaceSessionState(SessionKey key, Map<String, Object> state) {
    return write("replaceSessionState", key, () -> {
      Identifiers.requireNonNull("key", key);
      String json = dialect.stateFormat().write("state", Identifiers.requireNonNull("state", state));
      return s -> {
        SessionHead head = s.lockHead(key).orElseThrow(() -> new NotFoundException(key));
        // The update time advances even when the clock has not (STORE-CONTRACT S6).
        Instant now = now();
        Instant later = head.updateTime().plusMillis(1);
        s.replaceSessionState(key, json, now.isAfter(head.updateTime()) ? now : later);
        return s.findSession(key).orElseThrow(() -> new NotFoundException(key));
      };
    });
  }

  @Override
  public final CompletableFuture<Boolean> deleteSession(SessionKey key) {
    return write("deleteSession", key, () -> {
      Identifiers.requireNonNull("key", key);
      return s -> s.deleteSession(key) > 0;
    });
  }

  // ---- events ----------------------------------------------------------------------------------

  @Override
  public final CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
    return write("appendEvent", event == null ? null : event.session(), () -> {
      Identifiers.requireNonNull("event", event);
      Identifiers.requireNonNull("delta", delta);
      Identifiers.requireNonNull("condition", condition);
      EventRecord storable = dialect.codec().storableEvent("event", event);
      return append(event.session(), List.of(storable), List.of(delta), condition);
    });
  }

  @Override
  public final CompletableFuture<Long> appendEvents(
      SessionKey session, List<EventAppend> appends, AppendCondition condition) {
    return write("appendEvents", session, () -> {
      Identifiers.requireNonNull("session", session);
      Identifiers.requireNonNull("condition", condition);
      List<EventAppend> copy = List.copyOf(Identifiers.requireNonNull("appends", appends));
      List<EventRecord> events = new ArrayList<>(copy.size());
      List<StateDelta> deltas = new ArrayList<>(copy.size());
      for (int i = 0; i < copy.size(); i++) {
        EventAppend append = copy.get(i);
        requireSession("appends[" + i + "].event.session", session, append.event().session());
        events.add(dialect.codec().storableEvent("appends[" + i + "]", append.event()));
        deltas.add(append.delta());
      }
      return append(session, events, deltas, condition);
    });
  }

  @Override
  public final CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
    return read("getEvents", () -> {
      Identifiers.requireNonNull("query", query);
      Instant after = afterBound(query);
      return s -> findEvents(s, query, after);
    }, List::of);
  }

  // ---- scoped state ----------------------------------------------------------------------------

  @Override
  public final CompletableFuture<Map<String, Object>> getAppState(String appName) {
    return read("getAppState", () -> {
      Identifiers.requireId("appName", appName);
      return s -> state("app state", s.appState(appName));
    }, Map::of);
  }

  @Override
  public final CompletableFuture<Map<String, Object>> getUserState(String appName, String userId) {
    return read("getUserState", () -> {
      Identifiers.requireId("appName", appName);
      Identifiers.requireId("userId", userId);
      return s -> state("user state", s.userState(appName, userId));
    }, Map::of);
  }

  @Override
  public final CompletableFuture<List<ScopedState>> listScopedStates(String appName) {
    return snapshot("listScopedStates", () -> {
      if (appName != null) {
        Identifiers.requireId("appName", appName);
      }
      return s -> List.copyOf(s.listScopedStates(appName));
    }, List::of);
  }

  // ---- restore ---------------------------------------------------------------------------------

  @Override
  public final CompletableFuture<Boolean> restoreSession(SessionRecord session, List<EventRecord> events) {
    return write("restoreSession", session == null ? null : session.key(), () -> {
      Identifiers.requireNonNull("session", session);
      List<EventRecord> copy = List.copyOf(Identifiers.requireNonNull("events", events));
      SessionKey key = session.key();
      StoredSession row = new StoredSession(
          key,
          dialect.stateFormat().write("session.state", session.state()),
          Timestamps.requireMillis("session.createTime", session.createTime()),
          Timestamps.requireMillis("session.updateTime", session.updateTime()),
          session.version(),
          ownerOf(session.ownerId()));
      List<EventRecord> storable = new ArrayList<>(copy.size());
      for (int i = 0; i < copy.size(); i++) {
        requireSession("events[" + i + "].session", key, copy.get(i).session());
        storable.add(dialect.codec().storableEvent("events[" + i + "]", copy.get(i)));
      }
      return s -> {
        if (!insertSessionIfAbsent(s, row)) {
          return false;
        }
        insertEvents(s, key, storable, "duplicate event id while restoring " + key);
        return true;
      };
    });
  }

  @Override
  public final CompletableFuture<Void> restoreScopedState(ScopedState state) {
    return write("restoreScopedState", () -> {
      Identifiers.requireNonNull("state", state);
      String json = dialect.stateFormat().write("state.state", state.state());
      Instant time = Timestamps.requireMillis("state.updateTime", state.updateTime());
      return s -> {
        s.replaceScopedState(state.appName(), state.isAppScope() ? null : state.userId(), json, time);
        return null;
      };
    });
  }

  // ---- retention -------------------------------------------------------------------------------

  @Override
  public final CompletableFuture<Long> deleteIdleSessions(RetentionScope scope) {
    return retention("deleteIdleSessions", RetentionTarget.IDLE_SESSIONS, scope);
  }

  @Override
  public final CompletableFuture<Long> deleteOldEvents(RetentionScope scope) {
    return retention("deleteOldEvents", RetentionTarget.OLD_EVENTS, scope);
  }

  @Override
  public final CompletableFuture<Long> deleteIdleUserStates(RetentionScope scope) {
    return retention("deleteIdleUserStates", RetentionTarget.IDLE_USER_STATES, scope);
  }

  // ---- long-term memory ------------------------------------------------------------------------

  @Override
  public final CompletableFuture<Integer> addMemories(List<MemoryEntry> entries) {
    return write("addMemories", () -> {
      List<StoredMemory> stored = MemoryEntries.storable(entries, dialect.codec()).stream()
          .map(StoredMemory::of).toList();
      return s -> stored.isEmpty() ? 0 : s.insertMemories(stored);
    });
  }

  @Override
  public final CompletableFuture<Set<String>> knownMemoryKeys(SessionKey session, Collection<String> eventKeys) {
    return read("knownMemoryKeys", () -> {
      Identifiers.requireNonNull("session", session);
      Identifiers.requireNonNull("eventKeys", eventKeys);
      List<String> keys = new ArrayList<>(new LinkedHashSet<>(eventKeys));
      keys.forEach(key -> Identifiers.requireId("eventKeys", key));
      return s -> keys.isEmpty() ? Set.of() : Set.copyOf(s.knownMemoryKeys(session, keys));
    }, Set::of);
  }

  @Override
  public final CompletableFuture<List<MemoryEntry>> searchMemories(MemorySearch search) {
    return read("searchMemories", () -> {
      Identifiers.requireNonNull("search", search);
      List<String> words = List.copyOf(new LinkedHashSet<>(search.words()));
      return s -> words.isEmpty() || search.limit() == 0
          ? List.of()
          : s.searchMemories(search.appName(), search.userId(), words, search.limit());
    }, List::of);
  }

  @Override
  public final CompletableFuture<List<MemoryEntry>> nearestMemories(MemoryNeighbours query) {
    return read("nearestMemories", () -> {
      Identifiers.requireNonNull("query", query);
      return s -> query.limit() == 0 ? List.of() : MemoryEntries.nearest(
          s.embeddedMemories(query.appName(), query.userId(), query.query().embedderId()),
          query.query(), query.limit(), query.minSimilarity());
    }, List::of);
  }

  @Override
  public final CompletableFuture<Long> deleteMemories(String appName, String userId, String sessionId) {
    return write("deleteMemories", () -> {
      Identifiers.requireId("appName", appName);
      Identifiers.requireId("userId", userId);
      if (sessionId != null) {
        Identifiers.requireId("sessionId", sessionId);
      }
      return s -> s.deleteMemories(appName, userId, sessionId);
    });
  }

  @Override
  public final CompletableFuture<Long> deleteOldMemories(RetentionScope scope) {
    return retention("deleteOldMemories", RetentionTarget.OLD_MEMORIES, scope);
  }

  // ---- operations ------------------------------------------------------------------------------

  @Override
  public final CompletableFuture<StoreStats> stats() {
    return snapshot("stats", () -> s -> {
      Map<String, String> details = details(s);
      OptionalInt version = s.schemaVersion();
      if (version.isEmpty()) {
        return new StoreStats(0, 0, 0, 0, 0, details);
      }
      long[] rows = s.countRows();
      return new StoreStats(version.getAsInt(), rows[0], rows[1], rows[2], rows[3], details);
    }, () -> new StoreStats(0, 0, 0, 0, 0, details(null)));
  }

  /**
   * The backend's entries of {@link StoreStats#details()}.
   *
   * @param statements the statements of the stats snapshot, or null when the tables are missing
   * @return a mutable map of details
   */
  protected abstract Map<String, String> details(StoreStatements statements);

  /**
   * Closes the engine: stops accepting work and finishes what was accepted. Idempotent; later
   * calls fail with {@link dev.adkstore.api.StoreClosedException}.
   */
  @Override
  public void close() {
    engine.close();
  }

  // ---- the append ------------------------------------------------------------------------------

  // Checks and combines everything before the transaction, so bad input writes nothing; inside,
  // the session row is written first (locking it where the dialect locks), then the events, then
  // app and user rows, always in that order, so concurrent appends cannot deadlock.
  private StoreWork<Long> append(
      SessionKey key, List<EventRecord> events, List<StateDelta> deltas, AppendCondition condition) {
    ScopeChange session = change("stateDelta.session", deltas, StateDelta::session);
    ScopeChange app = change("stateDelta.app", deltas, StateDelta::app);
    ScopeChange user = change("stateDelta.user", deltas, StateDelta::user);
    if (events.isEmpty()) {
      return s -> {
        SessionHead head = s.lockHead(key).orElseThrow(() -> new NotFoundException(key));
        condition.check(key, head.version(), head.updateTime());
        return head.version();
      };
    }
    Instant time = events.get(events.size() - 1).timestamp();
    return s -> {
      StoreStatements.Advance advance = s.advanceSession(key, condition, session, time, events.size())
          .orElseThrow(() -> refusal(s, key, condition));
      requireStorable("stateDelta.session", advance.stateLength());
      insertEvents(s, key, events, "an event with the same id already exists in " + key);
      mergeShared(s, key, app, user, time);
      return advance.version();
    };
  }

  // Later changes to a key replace earlier ones, as applying the deltas one by one would.
  private ScopeChange change(
      String field, List<StateDelta> deltas, Function<StateDelta, Map<String, Object>> scope) {
    if (deltas.size() == 1) {
      return dialect.stateFormat().change(field, scope.apply(deltas.get(0)));
    }
    Map<String, Object> combined = new LinkedHashMap<>();
    for (int i = 0; i < deltas.size(); i++) {
      Map<String, Object> changes = scope.apply(deltas.get(i));
      // Every delta is checked, even a value a later delta overrides (STORE-CONTRACT B4).
      dialect.codec().checkValues("appends[" + i + "]." + field, writtenValues(changes));
      changes.forEach((k, v) -> {
        combined.remove(k);
        combined.put(k, v);
      });
    }
    return dialect.stateFormat().change(field, combined);
  }

  private static Map<String, Object> writtenValues(Map<String, Object> changes) {
    Map<String, Object> values = new LinkedHashMap<>(changes);
    values.values().removeIf(StateDelta::isRemoved);
    return values;
  }

  // Explains why the conditional update touched no row: no session, or a failed condition. A row
  // that exists and passes the condition on this re-read was created after the update ran.
  private static AdkStoreException refusal(StoreStatements s, SessionKey key, AppendCondition condition) {
    SessionHead head = s.lockHead(key).orElseThrow(() -> new NotFoundException(key));
    condition.check(key, head.version(), head.updateTime());
    return new NotFoundException(key);
  }

  private void insertEvents(StoreStatements s, SessionKey key, List<EventRecord> events, String duplicate) {
    if (events.isEmpty()) {
      return;
    }
    try {
      s.insertEvents(events);
    } catch (RuntimeException e) {
      if (dialect.errors().isUniqueViolation(e)) {
        throw new AlreadyExistsException(duplicate);
      }
      if (dialect.errors().isForeignKeyViolation(e)) {
        throw new NotFoundException(key);
      }
      throw e;
    }
  }

  // App row before user row, in every transaction, so concurrent writers cannot deadlock.
  private void mergeShared(
      StoreStatements s, SessionKey key, ScopeChange app, ScopeChange user, Instant time) {
    if (!app.isEmpty()) {
      requireStorable("stateDelta.app", s.mergeAppState(key.appName(), app, time));
    }
    if (!user.isEmpty()) {
      requireStorable("stateDelta.user", s.mergeUserState(key.appName(), key.userId(), user, time));
    }
  }

  // Each delta may be small while the document it merges into grows past the limit; such a
  // document could never be read back (STORE-CONTRACT B4), so the merge is rolled back.
  private void requireStorable(String field, long mergedLength) {
    int limit = dialect.codec().limits().maxDocumentLength();
    if (mergedLength > limit) {
      throw new PayloadLimitException(field + ": the merged state would be " + mergedLength
          + " characters long, more than the limit of " + limit);
    }
  }

  private void insertSession(StoreStatements s, StoredSession row) {
    try {
      s.insertSession(row);
    } catch (RuntimeException e) {
      if (dialect.errors().isUniqueViolation(e)) {
        throw new AlreadyExistsException("session already exists: " + row.key());
      }
      throw ownerViolationOr(e);
    }
  }

  private boolean insertSessionIfAbsent(StoreStatements s, StoredSession row) {
    try {
      return s.insertSessionIfAbsent(row);
    } catch (RuntimeException e) {
      throw ownerViolationOr(e);
    }
  }

  private RuntimeException ownerViolationOr(RuntimeException failure) {
    if (dialect.ownerColumn() && dialect.errors().isConstraintViolation(failure)) {
      return new InvalidArgumentException(
          "ownerId", "violates a constraint of the owner column: " + dialect.errors().describe(failure),
          dialect.errors().withoutPayload(failure));
    }
    return failure;
  }

  private String ownerOf(String ownerId) {
    return dialect.ownerColumn() ? ownerId : null;
  }

  // ---- reads -----------------------------------------------------------------------------------

  private static List<EventRecord> findEvents(StoreStatements s, EventQuery query, Instant after) {
    if (query.limit() != null && query.limit() == 0) {
      return List.of();
    }
    return s.findEvents(query.session(), after, query.limit());
  }

  // The inclusive lower bound, exact at millisecond precision: 1000.5 ms excludes an event at
  // 1000 ms (STORE-CONTRACT E3).
  private static Instant afterBound(EventQuery query) {
    return query.after() == null
        ? null
        : Instant.ofEpochMilli(Timestamps.ceilingMillis("query.after", query.after()));
  }

  private Map<String, Object> state(String what, Optional<String> json) {
    return dialect.stateFormat().read(what, json.orElse(null));
  }

  private CompletableFuture<Long> retention(String operation, RetentionTarget target, RetentionScope scope) {
    Supplier<StoreWork<Long>> prepare = () -> {
      Identifiers.requireNonNull("scope", scope);
      // Stored times are whole milliseconds, so "before the cutoff" equals "before its ceiling".
      Instant cutoff = Instant.ofEpochMilli(Timestamps.ceilingMillis("scope.cutoff", scope.cutoff()));
      return s -> s.retention(target, cutoff, scope.appName(), !scope.dryRun());
    };
    return scope != null && scope.dryRun()
        ? read(operation, prepare, () -> 0L)
        : write(operation, prepare);
  }

  private static void requireSession(String field, SessionKey expected, SessionKey actual) {
    if (!expected.equals(actual)) {
      throw new InvalidArgumentException(field, "must be " + expected + ", was " + actual);
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }

  // ---- the one execution path ------------------------------------------------------------------

  // Preparation (validation, encoding) runs on the caller's thread, so bad input fails before it
  // is queued and writes nothing; a failure still completes the future, never throws.
  private <T> CompletableFuture<T> write(String operation, Supplier<StoreWork<T>> prepare) {
    return write(operation, null, prepare);
  }

  // A write of one session goes through the engine's per-session order (E2); others need none.
  private <T> CompletableFuture<T> write(String operation, SessionKey session, Supplier<StoreWork<T>> prepare) {
    StoreWork<T> work;
    try {
      SchemaVersions.requireNotNewer(versionAtOpen, dialect.schemaVersion());
      work = prepare.get();
    } catch (RuntimeException | StackOverflowError e) {
      return engine.failed(dialect.errors().translate(operation, e));
    }
    return session == null ? engine.write(operation, work) : engine.write(operation, session, work);
  }

  private static SessionKey keyOf(NewSession session) {
    return session == null ? null : session.key();
  }

  private <T> CompletableFuture<T> read(String operation, Supplier<StoreWork<T>> prepare, Supplier<T> beforeTables) {
    return prepared(operation, prepare, work -> engine.read(operation, work, beforeTables));
  }

  private <T> CompletableFuture<T> snapshot(String operation, Supplier<StoreWork<T>> prepare, Supplier<T> beforeTables) {
    return prepared(operation, prepare, work -> engine.snapshot(operation, work, beforeTables));
  }

  private <T> CompletableFuture<T> prepared(
      String operation, Supplier<StoreWork<T>> prepare, Function<StoreWork<T>, CompletableFuture<T>> run) {
    StoreWork<T> work;
    try {
      work = prepare.get();
    } catch (RuntimeException | StackOverflowError e) {
      return engine.failed(dialect.errors().translate(operation, e));
    }
    return run.apply(work);
  }
}
