package dev.adkstore.tck;

import static dev.adkstore.tck.internal.TckFutures.awaitOutcome;
import static dev.adkstore.tck.internal.TckFutures.awaitSuccess;
import static dev.adkstore.tck.internal.TckFutures.fails;
import static dev.adkstore.tck.internal.TckFutures.failsWith;
import static dev.adkstore.tck.internal.TckFutures.invoke;
import static dev.adkstore.tck.internal.TckFutures.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.AlreadyExistsException;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.MemoryEmbedding;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.MemoryNeighbours;
import dev.adkstore.api.MemorySearch;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.NotFoundException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionQuery.OrderBy;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StaleSessionException;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreClosedException;
import dev.adkstore.api.StoreOverloadedException;
import dev.adkstore.api.TableNames;
import dev.adkstore.api.StoreStats;
import dev.adkstore.tck.internal.TckSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The compliance suite for {@link AsyncAdkStore} backends: every rule of the store contract, as
 * stated in {@link StoreContractRules}, as at least one test whose method name carries the rule
 * id. Each rule's main test implements the rule's method of that interface ({@code @Override}, and
 * {@code final} so that no backend can replace it); a rule's further tests carry the same id. A
 * backend's test class extends this class and implements {@link #newStore}; optional rules are
 * enabled by declaring {@link TckCapability capabilities} and overriding the matching hooks. Tests
 * of undeclared capabilities are reported as skipped with the reason, never as passed.
 *
 * <p>Each test gets fresh, isolated stores; the TCK closes every store it opened after the test
 * and then calls {@link #releaseStorage}. Awaits fail the test after {@code
 * adkstore.tck.timeoutSeconds} (default 30); the concurrency rules use {@code adkstore.tck.threads}
 * callers (default 16).
 *
 * <p>Not thread-safe: JUnit creates one instance per test.
 */
public abstract class AsyncAdkStoreTck implements StoreContractRules {
  /** The app most tests use. */
  protected static final String APP = "tck_app";

  /** The user most tests use. */
  protected static final String USER = "alice";

  /** A fixed instant event timestamps are offset from. */
  protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  // The retention tests' cutoff: a day after T0, so that T0 and its minutes are idle.
  private static final Instant RETENTION_CUTOFF = T0.plus(Duration.ofDays(1));

  private final List<AsyncAdkStore> openedStores = new ArrayList<>();
  private final List<TckStorageFault> activeFaults = new ArrayList<>();

  /** The default store of the current test, tables created. */
  protected AsyncAdkStore store;

  // ---- hooks -----------------------------------------------------------------------------------

  /**
   * Opens a new store on fresh, empty storage that no other store uses, configured as the options
   * say. Does not create tables. Invalid table names must make this method throw (L6): convert
   * them with {@link TckTableNames#toTableNames()}.
   *
   * @param options what the test needs
   * @return the store; the TCK closes it
   * @throws Exception if the store cannot be opened
   */
  protected abstract AsyncAdkStore newStore(TckStoreOptions options) throws Exception;

  /**
   * The optional capabilities this backend has.
   *
   * @return the capabilities, empty by default
   */
  protected Set<TckCapability> capabilities() {
    return Set.of();
  }

  /**
   * Opens a new store on the storage of a closed one ({@link TckCapability#REOPEN}).
   *
   * @param closedStore a store this TCK obtained from {@link #newStore} and closed
   * @param options the options that store was opened with
   * @return a store on the same storage
   * @throws Exception if it cannot be reopened
   */
  protected AsyncAdkStore reopen(AsyncAdkStore closedStore, TckStoreOptions options)
      throws Exception {
    throw new IllegalStateException("declare REOPEN only when overriding reopen()");
  }

  /**
   * Direct SQL access to the database behind a store ({@link TckCapability#DATABASE_ACCESS}).
   *
   * @param openStore an open store this TCK obtained from {@link #newStore}
   * @return the access
   * @throws Exception if it cannot be had
   */
  protected TckDatabase database(AsyncAdkStore openStore) throws Exception {
    throw new IllegalStateException("declare DATABASE_ACCESS only when overriding database()");
  }

  /**
   * Makes the storage under an open store fail ({@link TckCapability#STORAGE_FAULTS}), for W1 and
   * W2. While the fault is in effect, every statement that reads or writes a session, an event,
   * app or user state, or the schema version must fail inside the storage, with an error that is
   * not "the tables do not exist" (which means empty results, L2); on SQL backends, renaming
   * away a column those statements use (sessions' and scoped states' {@code state}, events'
   * {@code content}, the metadata's {@code value}) does it. Other statements may keep working.
   * {@link TckStorageFault#repair()} makes the same store work again. The TCK calls this only
   * while none of the store's calls is running.
   *
   * @param openStore an open store this TCK obtained from {@link #newStore}, tables created
   * @return the fault, in effect until repaired
   * @throws Exception if the fault cannot be injected
   */
  protected TckStorageFault breakStorage(AsyncAdkStore openStore) throws Exception {
    throw new IllegalStateException("declare STORAGE_FAULTS only when overriding breakStorage()");
  }

  /**
   * For SQL backends implementing {@link #breakStorage}: a column of each table that every
   * statement reading or writing that table uses (the state of sessions and scoped states, the
   * events' content, the metadata's value). Renaming these away makes those statements fail with
   * "no such column", never "no such table" (which means "no tables yet"); renaming them back
   * repairs the storage.
   *
   * @param names the store's table names
   * @return table name to column name
   */
  protected static Map<String, String> columnsEveryStatementUses(TableNames names) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put(names.sessions(), "state");
    columns.put(names.appStates(), "state");
    columns.put(names.userStates(), "state");
    columns.put(names.events(), "content");
    columns.put(names.metadata(), "value");
    return columns;
  }

  /**
   * Records a schema version in a store's metadata directly, as another (newer) release of the
   * store would have ({@link TckCapability#NEWER_SCHEMA}), for L7.
   *
   * @param openStore an open store this TCK obtained from {@link #newStore}, tables created
   * @param version the version to record; the TCK passes one above the store's own
   * @throws Exception if it cannot be recorded
   */
  protected void recordSchemaVersion(AsyncAdkStore openStore, int version) throws Exception {
    throw new IllegalStateException("declare NEWER_SCHEMA only when overriding recordSchemaVersion()");
  }

  /**
   * Reports the durability a store's connections really run with ({@link
   * TckCapability#DURABILITY_REPORT}), for L8: read from the live storage (such as {@code PRAGMA
   * synchronous} on the store's own connections), never from the configuration.
   *
   * @param openStore an open store this TCK obtained from {@link #newStore}
   * @return the durability in effect
   * @throws Exception if it cannot be read
   */
  protected TckDurability durability(AsyncAdkStore openStore) throws Exception {
    throw new IllegalStateException("declare DURABILITY_REPORT only when overriding durability()");
  }

  /**
   * Removes the storage under an open store for good, as an operator's mistake would ({@link
   * TckCapability#STORAGE_REMOVAL}), for W3: deletes the database file (with its journal files), or
   * drops the schema. The TCK calls this only while none of the store's calls is running.
   *
   * @param openStore an open store this TCK obtained from {@link #newStore}, tables created
   * @throws Exception if the storage cannot be removed
   */
  protected void removeStorage(AsyncAdkStore openStore) throws Exception {
    throw new IllegalStateException("declare STORAGE_REMOVAL only when overriding removeStorage()");
  }

  /**
   * Releases the storage of a closed store, such as its temporary file. Called once per store after
   * the test, after every store of the test was closed. Does nothing by default.
   *
   * @param closedStore the store
   * @throws Exception if the storage cannot be released
   */
  protected void releaseStorage(AsyncAdkStore closedStore) throws Exception {}

  // ---- per-test lifecycle ----------------------------------------------------------------------

  @BeforeEach
  void openDefaultStore() {
    store = openStore(TckStoreOptions.defaults());
    succeeds("createTables()", store::createTables);
  }

  @AfterEach
  void closeStores() throws Exception {
    repairStorage();
    List<AsyncAdkStore> stores = new ArrayList<>(openedStores);
    openedStores.clear();
    Collections.reverse(stores);
    for (AsyncAdkStore opened : stores) {
      closeWithinTimeout(opened);
    }
    for (AsyncAdkStore opened : stores) {
      releaseStorage(opened);
    }
  }

  /**
   * Opens a store through {@link #newStore} and registers it for closing after the test.
   *
   * @param options the options
   * @return the store, tables not created
   */
  protected final AsyncAdkStore openStore(TckStoreOptions options) {
    AsyncAdkStore opened;
    try {
      opened = newStore(options);
    } catch (Exception e) {
      throw new AssertionError("newStore(" + options + ") failed", e);
    }
    assertThat(opened).as("newStore() returned null").isNotNull();
    openedStores.add(opened);
    return opened;
  }

  /**
   * Opens a store and creates its tables.
   *
   * @param options the options
   * @return the store
   */
  protected final AsyncAdkStore openReadyStore(TckStoreOptions options) {
    AsyncAdkStore opened = openStore(options);
    succeeds("createTables()", opened::createTables);
    return opened;
  }

  /**
   * Skips the current test, with the reason, unless the backend declares a capability.
   *
   * @param capability the capability the test needs
   */
  protected final void requireCapability(TckCapability capability) {
    Assumptions.assumeTrue(
        capabilities().contains(capability),
        () -> "backend does not declare capability " + capability);
  }

  private void repairStorage() throws Exception {
    List<TckStorageFault> faults = new ArrayList<>(activeFaults);
    activeFaults.clear();
    Collections.reverse(faults);
    for (TckStorageFault fault : faults) {
      fault.repair();
    }
  }

  private static void closeWithinTimeout(AsyncAdkStore target) {
    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(
            target::close,
            task -> {
              Thread thread = new Thread(task, "tck-close");
              thread.setDaemon(true);
              thread.start();
            });
    awaitSuccess("close()", closing);
  }

  // ---- fixtures --------------------------------------------------------------------------------

  /**
   * A key in {@link #APP} for {@link #USER}.
   *
   * @param sessionId the session id
   * @return the key
   */
  protected static SessionKey key(String sessionId) {
    return SessionKey.of(APP, USER, sessionId);
  }

  /**
   * T0 plus some milliseconds.
   *
   * @param millis the offset
   * @return the instant
   */
  protected static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  /**
   * A small event: author, content and invocation set, the rest null.
   *
   * @param session the session
   * @param id the event id
   * @param timestamp the timestamp
   * @return the event
   */
  protected static EventRecord event(SessionKey session, String id, Instant timestamp) {
    return EventRecord.builder(session, id, timestamp)
        .author("user")
        .invocationId("inv-" + id)
        .content("{\"parts\":[{\"text\":\"" + id + "\"}]}")
        .build();
  }

  private static EventRecord event(SessionKey session, String id, long millis) {
    return event(session, id, at(millis));
  }

  private SessionRecord create(AsyncAdkStore target, SessionKey key, Map<String, Object> state) {
    return succeeds("createSession(" + key + ")",
        () -> target.createSession(NewSession.of(key, state)));
  }

  private SessionRecord create(SessionKey key) {
    return create(store, key, Map.of());
  }

  private SessionRecord create(SessionKey key, Map<String, Object> state) {
    return create(store, key, state);
  }

  private long append(AsyncAdkStore target, EventRecord event, StateDelta delta) {
    return succeeds("appendEvent(" + event.id() + ")", () -> target.appendEvent(event, delta));
  }

  private long append(EventRecord event, StateDelta delta) {
    return append(store, event, delta);
  }

  private long append(EventRecord event) {
    return append(event, StateDelta.EMPTY);
  }

  private Optional<SessionRecord> get(AsyncAdkStore target, SessionKey key) {
    return succeeds("getSession(" + key + ")", () -> target.getSession(key));
  }

  private Optional<SessionRecord> get(SessionKey key) {
    return get(store, key);
  }

  private SessionRecord existing(SessionKey key) {
    return get(key).orElseThrow(() -> new AssertionError("session " + key + " should exist"));
  }

  private List<EventRecord> events(AsyncAdkStore target, EventQuery query) {
    return succeeds("getEvents(" + query + ")", () -> target.getEvents(query));
  }

  private List<EventRecord> events(EventQuery query) {
    return events(store, query);
  }

  private List<EventRecord> events(SessionKey key) {
    return events(EventQuery.all(key));
  }

  private SessionSnapshot load(EventQuery query) {
    return succeeds("loadSession(" + query + ")", () -> store.loadSession(query))
        .orElseThrow(() -> new AssertionError("loadSession should find " + query.session()));
  }

  private List<SessionRecord> list(AsyncAdkStore target, SessionQuery query) {
    return succeeds("listSessions(" + query + ")", () -> target.listSessions(query));
  }

  private List<SessionRecord> list(SessionQuery query) {
    return list(store, query);
  }

  private Map<String, Object> appState(String app) {
    return succeeds("getAppState(" + app + ")", () -> store.getAppState(app));
  }

  private Map<String, Object> userState(String app, String user) {
    return succeeds("getUserState(" + app + ", " + user + ")", () -> store.getUserState(app, user));
  }

  private static List<String> ids(List<EventRecord> events) {
    return events.stream().map(EventRecord::id).collect(Collectors.toList());
  }

  private static List<SessionKey> keys(List<SessionRecord> sessions) {
    return sessions.stream().map(SessionRecord::key).collect(Collectors.toList());
  }

  /** Asserts the default store still serves writes and reads correctly (B6, after failures). */
  private void assertStoreStillWorks(AsyncAdkStore target) {
    SessionKey probe = SessionKey.of(APP, USER, "probe-" + System.nanoTime());
    create(target, probe, Map.of("ok", true));
    append(target, event(probe, "probe-event", 1), StateDelta.ofSession(Map.of("after", 1)));
    assertThat(get(target, probe)).map(SessionRecord::state)
        .contains(Map.of("ok", true, "after", 1));
    assertThat(ids(events(target, EventQuery.all(probe)))).containsExactly("probe-event");
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      result.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return result;
  }

  /** Runs tasks on {@code threads} threads released together, and waits for them all. */
  private static void runConcurrently(int threads, IntTaskBody body) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        done.add(CompletableFuture.runAsync(() -> {
          try {
            if (!start.await(TckSettings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
              throw new AssertionError("start signal not received");
            }
            body.run(index);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }, pool));
      }
      start.countDown();
      awaitSuccess("concurrent callers",
          CompletableFuture.allOf(done.toArray(CompletableFuture<?>[]::new)));
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface IntTaskBody {
    void run(int index) throws InterruptedException;
  }

  // ---- lifecycle and schema: L1 to L8 -----------------------------------------------------------

  @Override
  @RequiredRule
  public final void required_L1_createTablesIsIdempotent() {
    succeeds("createTables() again", store::createTables);
    succeeds("createTables() a third time", store::createTables);
    assertStoreStillWorks(store);
  }

  @Override
  @RequiredRule
  public final void required_L2_readsBeforeCreateTablesAreEmpty() {
    AsyncAdkStore bare = openStore(TckStoreOptions.defaults());
    SessionKey key = key("s1");
    assertThat(get(bare, key)).isEmpty();
    assertThat(events(bare, EventQuery.all(key))).isEmpty();
    assertThat(list(bare, SessionQuery.forApp(APP))).isEmpty();
    assertThat(succeeds("getAppState", () -> bare.getAppState(APP))).isEmpty();
    assertThat(succeeds("getUserState", () -> bare.getUserState(APP, USER))).isEmpty();
    assertThat(succeeds("loadSession", () -> bare.loadSession(EventQuery.all(key)))).isEmpty();
    assertThat(succeeds("listScopedStates", () -> bare.listScopedStates(null))).isEmpty();
    StoreStats stats = succeeds("stats", bare::stats);
    assertThat(List.of((long) stats.schemaVersion(), stats.sessions(), stats.events(), stats.appStates(),
        stats.userStates())).as("stats before createTables").containsOnly(0L);
  }

  /**
   * {@link StoreContractRules#required_L2_readsBeforeCreateTablesAreEmpty L2}, also: writes before
   * {@code createTables()}.
   */
  @RequiredRule
  void required_L2_writesBeforeCreateTablesFail() {
    AsyncAdkStore bare = openStore(TckStoreOptions.defaults());
    Throwable failure = fails("createSession before createTables",
        () -> bare.createSession(NewSession.of(key("s1"), Map.of())));
    assertThat(failure).isInstanceOf(AdkStoreException.class);
    assertThat(failure.getMessage()).as("a clear error message: says what to call")
        .contains("createTables");
    succeeds("createTables() after the failed write", bare::createTables);
    assertStoreStillWorks(bare);
  }

  @Override
  @RequiredRule
  public final void required_L3_schemaVersionIsRecordedAndReadable() {
    AsyncAdkStore bare = openStore(TckStoreOptions.defaults());
    assertThat(succeeds("schemaVersion() before createTables", bare::schemaVersion)).isEmpty();
    succeeds("createTables()", bare::createTables);
    OptionalInt version = succeeds("schemaVersion()", bare::schemaVersion);
    assertThat(version).isPresent();
    assertThat(version.getAsInt()).isPositive();
    assertThat(succeeds("stats()", bare::stats).schemaVersion()).isEqualTo(version.getAsInt());
  }

  @Override
  @RequiredRule
  public final void required_L9_schemaStatusListsWhatCreateTablesWouldApply() {
    AsyncAdkStore bare = openStore(TckStoreOptions.defaults());
    SchemaStatus before = succeeds("schemaStatus() before createTables", bare::schemaStatus);
    assertThat(before.recordedVersion()).isEmpty();
    assertThat(before.pending()).isNotEmpty();
    assertThat(before.pending().get(before.pending().size() - 1).version())
        .isEqualTo(Integer.toString(before.currentVersion()));
    assertThat(succeeds("schemaVersion() after schemaStatus()", bare::schemaVersion)).isEmpty();
    assertThat(succeeds("listScopedStates() after schemaStatus()", () -> bare.listScopedStates(null))).isEmpty();
    succeeds("createTables()", bare::createTables);
    SchemaStatus after = succeeds("schemaStatus() after createTables", bare::schemaStatus);
    assertThat(after.pending()).isEmpty();
    assertThat(after.currentVersion()).isEqualTo(before.currentVersion());
    assertThat(after.recordedVersion()).hasValue(after.currentVersion());
    assertThat(succeeds("schemaVersion()", bare::schemaVersion)).isEqualTo(after.recordedVersion());
  }

  // Appends without waiting, so that close() finds them accepted but not yet done.
  private List<CompletableFuture<Long>> queueAppends(SessionKey key, int count) {
    List<CompletableFuture<Long>> accepted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      EventRecord e = event(key, "e" + i, i);
      accepted.add(invoke("appendEvent", () -> store.appendEvent(e, StateDelta.EMPTY)));
    }
    return accepted;
  }

  @Override
  @RequiredRule
  public final void required_L4_closeCompletesAcceptedWritesThenRejectsCalls() {
    SessionKey key = key("s1");
    create(key);
    List<CompletableFuture<Long>> accepted = queueAppends(key, 30);
    closeWithinTimeout(store);
    List<Integer> pendingAfterClose = IntStream.range(0, accepted.size())
        .filter(i -> !accepted.get(i).isDone()).boxed().collect(Collectors.toList());
    for (int i = 0; i < accepted.size(); i++) {
      awaitSuccess("write " + i + " accepted before close()", accepted.get(i));
    }
    assertThat(pendingAfterClose)
        .as("writes accepted before close() whose futures were still pending when close() "
            + "returned (close() must complete them before returning)")
        .isEmpty();
    failsWith(StoreClosedException.class, "getSession after close", () -> store.getSession(key));
    failsWith(StoreClosedException.class, "appendEvent after close",
        () -> store.appendEvent(event(key, "late", 99), StateDelta.EMPTY));
    failsWith(StoreClosedException.class, "createSession after close",
        () -> store.createSession(NewSession.of(key("s2"), Map.of())));
    assertThatCode(() -> closeWithinTimeout(store)).as("close() twice").doesNotThrowAnyException();
  }

  /**
   * {@link StoreContractRules#required_L4_closeCompletesAcceptedWritesThenRejectsCalls L4}, also:
   * {@code close()} on a thread whose interrupt flag is set.
   */
  @RequiredRule
  void required_L4_closeOnAnInterruptedThreadStillCompletesWritesAndKeepsTheFlag() {
    SessionKey key = key("s1");
    create(key);
    List<CompletableFuture<Long>> accepted = queueAppends(key, 30);
    CompletableFuture<Boolean> flagAfterClose = new CompletableFuture<>();
    Thread closer = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        store.close();
        flagAfterClose.complete(Thread.currentThread().isInterrupted());
      } catch (RuntimeException | Error e) {
        flagAfterClose.completeExceptionally(e);
      }
    }, "tck-interrupted-close");
    closer.setDaemon(true);
    closer.start();
    assertThat(awaitSuccess("close() on an interrupted thread", flagAfterClose))
        .as("the interrupt flag after close()").isTrue();
    for (int i = 0; i < accepted.size(); i++) {
      awaitSuccess("write " + i + " accepted before an interrupted close()", accepted.get(i));
    }
  }

  @Override
  @OptionalRule
  public final void optional_L5_reopenShowsEverythingCommittedBeforeClose() throws Exception {
    requireCapability(TckCapability.REOPEN);
    TckStoreOptions options = TckStoreOptions.defaults();
    AsyncAdkStore first = openReadyStore(options);
    SessionKey key = key("durable");
    create(first, key, Map.of("k", "v"));
    EventRecord e1 = event(key, "e1", 1);
    append(first, e1, StateDelta.builder().putApp("a", 1).putUser("u", 2).build());
    SessionRecord before = get(first, key).orElseThrow();
    OptionalInt version = succeeds("schemaVersion()", first::schemaVersion);
    closeWithinTimeout(first);

    AsyncAdkStore second = reopen(first, options);
    assertThat(second).isNotNull();
    openedStores.add(second);
    assertThat(get(second, key)).contains(before);
    assertThat(events(second, EventQuery.all(key))).containsExactly(e1);
    assertThat(succeeds("getAppState", () -> second.getAppState(APP))).isEqualTo(Map.of("a", 1));
    assertThat(succeeds("getUserState", () -> second.getUserState(APP, USER)))
        .isEqualTo(Map.of("u", 2));
    assertThat(succeeds("schemaVersion()", second::schemaVersion)).isEqualTo(version);
  }

  @Override
  @RequiredRule
  public final void required_L6_customTableNamesAreUsed() {
    AsyncAdkStore custom =
        openReadyStore(TckStoreOptions.defaults().withTableNames(TckTableNames.withPrefix("tck_custom_")));
    assertStoreStillWorks(custom);
    assertThat(succeeds("schemaVersion()", custom::schemaVersion)).isPresent();
  }

  /**
   * {@link StoreContractRules#required_L6_customTableNamesAreUsed L6}, also: the tables in the
   * database, seen through {@link #database}.
   */
  @OptionalRule
  void optional_L6_customTableNamesReplaceTheDefaultsInTheDatabase() throws Exception {
    requireCapability(TckCapability.DATABASE_ACCESS);
    TckTableNames names = TckTableNames.withPrefix("tck_custom_");
    AsyncAdkStore custom = openReadyStore(TckStoreOptions.defaults().withTableNames(names));
    assertStoreStillWorks(custom);
    Set<String> tables = database(custom).tableNames();
    assertThat(tables).contains(
        names.sessions(), names.events(), names.appStates(), names.userStates(), names.metadata());
    TckTableNames defaults = TckTableNames.DEFAULTS;
    assertThat(tables).doesNotContain(defaults.sessions(), defaults.events(),
        defaults.appStates(), defaults.userStates(), defaults.metadata());
  }

  /**
   * {@link StoreContractRules#required_L6_customTableNamesAreUsed L6}, also: invalid table names.
   */
  @RequiredRule
  void required_L6_invalidTableNamesAreRejectedWhenTheStoreIsBuilt() {
    List<String> invalid = List.of("", " ", "x".repeat(64), "adk\"sessions", "adk'sessions",
        "adk sessions", "adk;sessions", "x; DROP TABLE y", "select", "Adk_Sessions", "1abc");
    for (String name : invalid) {
      TckTableNames names = new TckTableNames(
          name, "tck_events", "tck_app_states", "tck_user_states", "tck_metadata");
      AtomicReference<AsyncAdkStore> built = new AtomicReference<>();
      Throwable thrown = null;
      try {
        built.set(newStore(TckStoreOptions.defaults().withTableNames(names)));
      } catch (Exception | AssertionError e) {
        thrown = e;
      }
      if (built.get() != null) {
        openedStores.add(built.get());
      }
      assertThat(thrown)
          .as("building a store with sessions table name '%s' must be rejected", name)
          .isNotNull();
      assertThat(causes(thrown))
          .as("the rejection of '%s' is an InvalidArgumentException", name)
          .anyMatch(InvalidArgumentException.class::isInstance);
    }
  }

  /**
   * {@link StoreContractRules#required_L6_customTableNamesAreUsed L6}, also: names the database
   * reserves, or derives from a table name.
   */
  @RequiredRule
  void required_L6_aConfigurationTheStoreAcceptsAlsoWorks() {
    TckTableNames defaults = TckTableNames.DEFAULTS;
    String sessions = defaults.sessions();
    List<TckTableNames> suspicious = new ArrayList<>();
    suspicious.add(new TckTableNames("sqlite_sessions", "tck_e", "tck_a", "tck_u", "tck_m"));
    suspicious.add(new TckTableNames("pg_sessions", "tck_e", "tck_a", "tck_u", "tck_m"));
    for (String suffix : List.of("_update", "_user_update", "_app_update", "_create",
        "_update_idx", "_user_update_idx", "_app_update_idx", "_pkey", "_key")) {
      suspicious.add(new TckTableNames(sessions, sessions + suffix, "tck_a", "tck_u", "tck_m"));
    }
    suspicious.add(new TckTableNames("t", "e", "a", "t_user", "m"));
    for (TckTableNames names : suspicious) {
      AsyncAdkStore built;
      try {
        built = newStore(TckStoreOptions.defaults().withTableNames(names));
      } catch (Exception | AssertionError refused) {
        assertThat(causes(refused)).as("the refusal of %s is an InvalidArgumentException", names)
            .anyMatch(InvalidArgumentException.class::isInstance);
        continue;
      }
      openedStores.add(built);
      succeeds("createTables() with the accepted names " + names, built::createTables);
      assertStoreStillWorks(built);
    }
  }

  @Override
  @OptionalRule
  public final void optional_L7_newerSchemaVersionIsRefusedAndLeftAlone() throws Exception {
    requireCapability(TckCapability.NEWER_SCHEMA);
    int own = succeeds("schemaVersion()", store::schemaVersion).orElseThrow();
    recordSchemaVersion(store, own + 1);
    assertThat(succeeds("schemaVersion() of a newer database", store::schemaVersion))
        .hasValue(own + 1);
    Throwable refused = failsWith(StorageException.class,
        "createTables() on a database of a newer schema version", store::createTables);
    assertThat(refused.getMessage()).as("a clear error message").isNotBlank();
    assertThat(succeeds("schemaVersion() after the refusal", store::schemaVersion))
        .as("the newer version is left alone").hasValue(own + 1);
  }

  /**
   * {@link StoreContractRules#optional_L7_newerSchemaVersionIsRefusedAndLeftAlone L7}, also: a
   * store opened on a database of a newer schema version.
   */
  @OptionalRule
  void optional_L7_aStoreOpenedOnANewerSchemaRefusesWrites() throws Exception {
    requireCapability(TckCapability.NEWER_SCHEMA);
    requireCapability(TckCapability.REOPEN);
    TckStoreOptions options = TckStoreOptions.defaults();
    AsyncAdkStore older = openReadyStore(options);
    SessionKey key = key("s1");
    create(older, key, Map.of("v", 1));
    int own = succeeds("schemaVersion()", older::schemaVersion).orElseThrow();
    recordSchemaVersion(older, own + 1);
    closeWithinTimeout(older);

    AsyncAdkStore reopened = reopen(older, options);
    openedStores.add(reopened);
    failsWith(StorageException.class, "append on a newer schema",
        () -> reopened.appendEvent(event(key, "e1", 1), StateDelta.builder().putApp("a", 1).build()));
    failsWith(StorageException.class, "createSession on a newer schema",
        () -> reopened.createSession(NewSession.of(key("s2"), Map.of())));
    failsWith(StorageException.class, "replaceSessionState on a newer schema",
        () -> reopened.replaceSessionState(key, Map.of("v", 2)));
    failsWith(StorageException.class, "deleteSession on a newer schema",
        () -> reopened.deleteSession(key));
    failsWith(StorageException.class, "deleteIdleSessions on a newer schema",
        () -> reopened.deleteIdleSessions(RetentionScope.before(T0.plusSeconds(3600))));
    assertThat(succeeds("schemaVersion()", reopened::schemaVersion)).hasValue(own + 1);
    recordSchemaVersion(reopened, own);
    AsyncAdkStore current = reopenAfterClose(reopened, options);
    assertThat(get(current, key).map(SessionRecord::state)).contains(Map.of("v", 1));
    assertThat(events(current, EventQuery.all(key))).isEmpty();
    assertThat(get(current, key("s2"))).isEmpty();
    assertThat(succeeds("getAppState", () -> current.getAppState(APP))).isEmpty();
  }

  private AsyncAdkStore reopenAfterClose(AsyncAdkStore open, TckStoreOptions options)
      throws Exception {
    closeWithinTimeout(open);
    AsyncAdkStore reopened = reopen(open, options);
    openedStores.add(reopened);
    return reopened;
  }

  @Override
  @OptionalRule
  public final void optional_L8_configuredDurabilityIsInEffect() throws Exception {
    requireCapability(TckCapability.DURABILITY_REPORT);
    AsyncAdkStore full = openReadyStore(TckStoreOptions.defaults().withDurability(TckDurability.FULL));
    AsyncAdkStore normal =
        openReadyStore(TckStoreOptions.defaults().withDurability(TckDurability.NORMAL));
    assertThat(durability(full)).as("durability of a store configured for FULL")
        .isEqualTo(TckDurability.FULL);
    assertThat(durability(normal)).as("durability of a store configured for NORMAL")
        .isEqualTo(TckDurability.NORMAL);
    assertThat(durability(store)).as("durability of a store with the default setting")
        .isIn(TckDurability.NORMAL, TckDurability.FULL);
    assertStoreStillWorks(full);
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  // ---- sessions: S1 to S13 ----------------------------------------------------------------------

  @Override
  @RequiredRule
  public final void required_S1_createReturnsTheRecordWithEqualTimes() {
    Map<String, Object> state = Map.of("turn", 1);
    SessionRecord created = create(key("s1"), state);
    assertThat(created.key()).isEqualTo(key("s1"));
    assertThat(created.state()).isEqualTo(state);
    assertThat(created.updateTime()).isEqualTo(created.createTime());
    assertThat(created.ownerId()).isNull();
    assertThat(get(key("s1"))).contains(created);
  }

  /**
   * {@link StoreContractRules#required_S1_createReturnsTheRecordWithEqualTimes S1}, also: the
   * shared state of a create.
   */
  @RequiredRule
  void required_S1_createAppliesSharedStateKeyByKeyInItsTransaction() {
    SessionKey first = key("s1");
    create(first);
    append(event(first, "e1", 1), StateDelta.builder()
        .putApp("kept", "app").putApp("gone", 1).putUser("kept", "user").build());
    SessionKey second = key("s2");
    succeeds("createSession with shared state", () -> store.createSession(
        NewSession.of(second, Map.of("own", 1)).withSharedState(StateDelta.builder()
            .putApp("added", map("x", 1)).removeApp("gone").putUser("color", "blue").build())));
    assertThat(appState(APP)).isEqualTo(map("kept", "app", "added", map("x", 1)));
    assertThat(userState(APP, USER)).isEqualTo(map("kept", "user", "color", "blue"));
    assertThat(existing(second).state()).isEqualTo(Map.of("own", 1));
    assertThat(userState(APP, "someone_else")).as("another user's state").isEmpty();
  }

  /**
   * {@link StoreContractRules#required_S1_createReturnsTheRecordWithEqualTimes S1}, also: a create
   * that returns its snapshot returns what a load right after it reads.
   */
  @RequiredRule
  void required_S1_createAndLoadReturnsTheSessionWithTheSharedStateItLeft() {
    SessionKey first = key("s1");
    create(first);
    append(event(first, "e1", 1), StateDelta.builder().putApp("kept", 1).putUser("gone", 1).build());
    SessionKey second = key("s2");
    SessionSnapshot snapshot = succeeds("createAndLoadSession", () -> store.createAndLoadSession(
        NewSession.of(second, Map.of("own", 1)).withSharedState(
            StateDelta.builder().putApp("added", 2).removeUser("gone").putUser("u", "x").build())));
    assertThat(snapshot.session().key()).isEqualTo(second);
    assertThat(snapshot.session().state()).isEqualTo(Map.of("own", 1));
    assertThat(snapshot.session().updateTime()).isEqualTo(snapshot.session().createTime());
    assertThat(snapshot.events()).isEmpty();
    assertThat(snapshot.appState()).isEqualTo(map("kept", 1, "added", 2));
    assertThat(snapshot.userState()).isEqualTo(map("u", "x"));
    assertThat(get(second)).contains(snapshot.session());
    failsWith(AlreadyExistsException.class, "createAndLoadSession of an existing id",
        () -> store.createAndLoadSession(NewSession.of(second, Map.of())));
  }

  /**
   * {@link StoreContractRules#required_S5_createOfExistingIdFailsAndChangesNothing S5}, also: the
   * shared state of a refused create.
   */
  @RequiredRule
  void required_S5_aRefusedCreateAppliesNoneOfItsSharedState() {
    SessionKey key = key("s1");
    create(key);
    failsWith(AlreadyExistsException.class, "createSession of an existing id",
        () -> store.createSession(NewSession.of(key, Map.of())
            .withSharedState(StateDelta.builder().putApp("a", 1).putUser("u", 1).build())));
    assertThat(appState(APP)).isEmpty();
    assertThat(userState(APP, USER)).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_S2_nestedStateRoundTripsWithNumberTypes() {
    Map<String, Object> state = map(
        "turn", 1,
        "nested", map("a", List.of(1, 2), "deeper", map("x", List.of(map("y", "z")))),
        "s", "é ✓ 😀",
        "n", null,
        "b", true,
        "d", 1.5,
        "one", 1.0,
        "long", 10_000_000_000L,
        "big", new BigInteger("1180591620717411303424"),
        "neg", -7,
        "empty", map(),
        "list", List.of());
    SessionRecord created = create(key("s1"), state);
    assertThat(created.state()).isEqualTo(state);
    Map<String, Object> read = existing(key("s1")).state();
    assertThat(read).isEqualTo(state);
    assertThat(read.get("one")).isInstanceOf(Double.class).isEqualTo(1.0);
    assertThat(read.get("turn")).isInstanceOf(Integer.class);
    assertThat(read.get("long")).isInstanceOf(Long.class);
    assertThat(read.get("big")).isInstanceOf(BigInteger.class);
    assertThat(read).containsKey("n");
    assertThat(new ArrayList<>(read.keySet())).containsExactlyInAnyOrderElementsOf(state.keySet());
  }

  @Override
  @RequiredRule
  public final void required_S3_getOfUnknownOrForeignKeyIsEmpty() {
    create(key("s1"));
    assertThat(get(key("missing"))).isEmpty();
    assertThat(get(SessionKey.of(APP, "bob", "s1"))).as("another user").isEmpty();
    assertThat(get(SessionKey.of("other_app", USER, "s1"))).as("another app").isEmpty();
    SessionKey foreign = SessionKey.of(APP, "bob", "s1");
    assertThat(succeeds("loadSession of another user's id",
        () -> store.loadSession(EventQuery.all(foreign)))).isEmpty();
    assertThat(list(SessionQuery.forUser(APP, "bob"))).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_S4_sameIdUnderTwoUsersOrAppsIsIndependent() {
    SessionKey alice = key("same");
    SessionKey bob = SessionKey.of(APP, "bob", "same");
    SessionKey otherApp = SessionKey.of("other_app", USER, "same");
    create(alice, Map.of("who", "alice"));
    create(bob, Map.of("who", "bob"));
    create(otherApp, Map.of("who", "other"));
    append(event(alice, "e1", 1), StateDelta.ofSession(Map.of("x", 1)));
    assertThat(existing(alice).state()).isEqualTo(Map.of("who", "alice", "x", 1));
    assertThat(existing(bob).state()).isEqualTo(Map.of("who", "bob"));
    assertThat(existing(otherApp).state()).isEqualTo(Map.of("who", "other"));
    assertThat(events(bob)).isEmpty();
    assertThat(events(otherApp)).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_S5_createOfExistingIdFailsAndChangesNothing() {
    SessionKey key = key("s1");
    create(key, Map.of("v", 1));
    EventRecord e1 = event(key, "e1", 1);
    append(e1);
    SessionRecord before = existing(key);
    failsWith(AlreadyExistsException.class, "second createSession",
        () -> store.createSession(NewSession.of(key, Map.of("v", 2))));
    assertThat(existing(key)).isEqualTo(before);
    assertThat(events(key)).containsExactly(e1);
  }

  @Override
  @RequiredRule
  public final void required_S6_replaceStateReplacesWholesaleAndAdvancesUpdateTime() {
    SessionKey key = key("s1");
    create(key, Map.of("a", 1, "b", map("c", 2)));
    append(event(key, "e1", 0));
    SessionRecord before = existing(key);
    assertThat(before.updateTime()).isEqualTo(T0);
    SessionRecord replaced = succeeds("replaceSessionState",
        () -> store.replaceSessionState(key, Map.of("z", "new")));
    assertThat(replaced.state()).isEqualTo(Map.of("z", "new"));
    assertThat(replaced.updateTime()).isAfter(before.updateTime());
    assertThat(existing(key)).isEqualTo(replaced);
    failsWith(NotFoundException.class, "replaceSessionState of a missing session",
        () -> store.replaceSessionState(key("missing"), Map.of("z", 1)));
    assertThat(get(key("missing"))).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_S7_listFiltersByAppAndUser() {
    create(SessionKey.of(APP, USER, "a1"));
    create(SessionKey.of(APP, USER, "a2"));
    create(SessionKey.of(APP, "bob", "b1"));
    create(SessionKey.of("other_app", USER, "o1"));
    assertThat(keys(list(SessionQuery.forApp(APP)))).containsExactlyInAnyOrder(
        SessionKey.of(APP, USER, "a1"), SessionKey.of(APP, USER, "a2"),
        SessionKey.of(APP, "bob", "b1"));
    assertThat(keys(list(SessionQuery.forUser(APP, USER)))).containsExactlyInAnyOrder(
        SessionKey.of(APP, USER, "a1"), SessionKey.of(APP, USER, "a2"));
    assertThat(list(SessionQuery.forApp("unknown_app"))).isEmpty();
    assertThat(list(SessionQuery.forUser(APP, "nobody"))).isEmpty();
  }

  private void createListingFixture() {
    long[] updateOffsets = {3, 1, 3, 2, 1, 5};
    for (int i = 0; i < updateOffsets.length; i++) {
      SessionKey key = key("s" + (i + 1));
      create(key);
      append(event(key, "e", updateOffsets[i]));
    }
    SessionKey bobs = SessionKey.of(APP, "bob", "s3");
    create(bobs);
    append(event(bobs, "e", 3));
    SessionKey other = SessionKey.of("other_app", USER, "s9");
    create(other);
    append(event(other, "e", 4));
  }

  private Comparator<SessionRecord> totalOrder(OrderBy by, boolean descending) {
    Comparator<SessionRecord> order = Comparator.comparing(
            (SessionRecord s) -> by == OrderBy.UPDATE_TIME ? s.updateTime() : s.createTime())
        .thenComparing(s -> s.key().sessionId())
        .thenComparing(s -> s.key().userId())
        .thenComparing(s -> s.key().appName());
    return descending ? order.reversed() : order;
  }

  @Override
  @RequiredRule
  public final void required_S8_orderIsTotalAndStableInEveryDirection() {
    createListingFixture();
    List<SessionRecord> all = new ArrayList<>(list(SessionQuery.forApp(APP)));
    assertThat(all).hasSize(7);
    for (OrderBy by : OrderBy.values()) {
      for (boolean descending : new boolean[] {true, false}) {
        for (SessionQuery base : List.of(SessionQuery.forApp(APP), SessionQuery.forUser(APP, USER))) {
          SessionQuery query = base.orderedBy(by, descending);
          List<SessionRecord> expected = all.stream()
              .filter(s -> base.userId() == null || s.key().userId().equals(base.userId()))
              .sorted(totalOrder(by, descending))
              .collect(Collectors.toList());
          assertThat(keys(list(query))).as("order of %s", query).isEqualTo(keys(expected));
          assertThat(keys(list(query))).as("stable order of %s", query).isEqualTo(keys(expected));
        }
      }
    }
    assertThat(keys(list(SessionQuery.forUser(APP, USER))))
        .as("default order: update time descending, then id descending")
        .containsExactly(key("s6"), key("s3"), key("s1"), key("s4"), key("s5"), key("s2"));
  }

  /**
   * {@link StoreContractRules#required_S8_orderIsTotalAndStableInEveryDirection S8}, also: paging.
   */
  @RequiredRule
  void required_S8_pagingHasNoOverlapAndNoGap() {
    createListingFixture();
    for (OrderBy by : OrderBy.values()) {
      for (boolean descending : new boolean[] {true, false}) {
        for (SessionQuery base : List.of(SessionQuery.forApp(APP), SessionQuery.forUser(APP, USER))) {
          SessionQuery query = base.orderedBy(by, descending);
          List<SessionKey> full = keys(list(query));
          List<SessionKey> paged = new ArrayList<>();
          for (int offset = 0; offset < full.size() + 2; offset += 2) {
            paged.addAll(keys(list(query.page(2, offset))));
          }
          assertThat(paged).as("pages of 2 of %s", query).isEqualTo(full);
          assertThat(keys(list(query.limit(3)))).isEqualTo(full.subList(0, 3));
          assertThat(list(query.page(0, 0))).as("limit 0").isEmpty();
          assertThat(list(query.page(5, full.size()))).as("past the end").isEmpty();
        }
      }
    }
    assertThat(keys(list(SessionQuery.forUser(APP, USER).page(10, 0))))
        .as("filtering happens before paging").hasSize(6)
        .allMatch(k -> k.userId().equals(USER) && k.appName().equals(APP));
  }

  /**
   * {@link StoreContractRules#required_S8_orderIsTotalAndStableInEveryDirection S8}, also: invalid
   * paging.
   */
  @RequiredRule
  void required_S8_invalidPagingFailsBeforeTouchingStorage() {
    assertThatThrownBy(() -> new SessionQuery(APP, null, OrderBy.UPDATE_TIME, true, -1, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> new SessionQuery(APP, null, OrderBy.UPDATE_TIME, true, 5, -1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("offset");
    assertThatThrownBy(() -> new SessionQuery(APP, null, OrderBy.UPDATE_TIME, true, null, 3))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("offset");
    failsWith(InvalidArgumentException.class, "listSessions(null)", () -> store.listSessions(null));
  }

  @Override
  @RequiredRule
  public final void required_S9_listedSessionsCarryStateAndTimestamps() {
    SessionKey key = key("s1");
    create(key, Map.of("a", map("b", 1)));
    append(event(key, "e1", 7), StateDelta.ofSession(Map.of("c", 2)));
    List<SessionRecord> listed = list(SessionQuery.forUser(APP, USER));
    assertThat(listed).containsExactly(existing(key));
    assertThat(listed.get(0).state()).isEqualTo(Map.of("a", map("b", 1), "c", 2));
    assertThat(listed.get(0).updateTime()).isEqualTo(at(7));
  }

  @Override
  @RequiredRule
  public final void required_S10_deleteCascadesToEventsAndOnlyTouchesItsOwnSession() {
    SessionKey key = key("s1");
    SessionKey bobs = SessionKey.of(APP, "bob", "s1");
    create(key);
    create(bobs);
    append(event(key, "e1", 1));
    append(event(key, "e2", 2));
    EventRecord bobEvent = event(bobs, "e1", 1);
    append(bobEvent);
    assertThat(events(key)).hasSize(2);

    assertThat(succeeds("deleteSession", () -> store.deleteSession(key))).isTrue();
    assertThat(get(key)).isEmpty();
    assertThat(events(key)).isEmpty();
    assertThat(list(SessionQuery.forUser(APP, USER))).isEmpty();
    create(key);
    assertThat(events(key)).as("events of the re-created session").isEmpty();
    assertThat(load(EventQuery.all(key)).events()).isEmpty();

    assertThat(succeeds("deleteSession of a missing session",
        () -> store.deleteSession(key("missing")))).isFalse();
    assertThat(succeeds("deleteSession of another user's id",
        () -> store.deleteSession(SessionKey.of(APP, "carol", "s1")))).isFalse();
    assertThat(get(bobs)).isPresent();
    assertThat(events(bobs)).containsExactly(bobEvent);
  }

  @Override
  @OptionalRule
  public final void optional_S11_ownerIdIsStoredAndItsForeignKeyEnforcedWithCascade()
      throws Exception {
    requireOwnerColumn();
    AsyncAdkStore owned = openOwnedStore("owner_id INTEGER REFERENCES tck_owners(id) ON DELETE CASCADE");
    database(owned).execute("INSERT INTO tck_owners (id) VALUES (1)");
    SessionKey key = key("owned");
    SessionRecord created = succeeds("createSession with owner",
        () -> owned.createSession(new NewSession(key, Map.of(), "1")));
    assertThat(created.ownerId()).isEqualTo("1");
    assertThat(get(owned, key).map(SessionRecord::ownerId)).contains("1");
    SessionRecord restored = new SessionRecord(key("restored"), Map.of(), T0, T0, 2, "1");
    assertThat(succeeds("restoreSession with owner",
        () -> owned.restoreSession(restored, List.of()))).isTrue();
    assertThat(get(owned, key("restored"))).as("a restore keeps the owner (S13)").contains(restored);
    InvalidArgumentException unknown = failsWith(InvalidArgumentException.class,
        "createSession with an unknown owner",
        () -> owned.createSession(new NewSession(key("orphan"), Map.of(), "2")));
    assertThat(unknown.field()).contains("ownerId");
    assertThat(failsWith(InvalidArgumentException.class, "restoreSession with an unknown owner",
        () -> owned.restoreSession(new SessionRecord(key("orphan"), Map.of(), T0, T0, 1, "2"),
            List.of())).field()).contains("ownerId");
    assertThat(get(owned, key("orphan"))).isEmpty();
    database(owned).execute("DELETE FROM tck_owners WHERE id = 1");
    assertThat(get(owned, key)).as("deleting the owner cascades").isEmpty();
  }

  /**
   * {@link StoreContractRules#optional_S11_ownerIdIsStoredAndItsForeignKeyEnforcedWithCascade S11},
   * also: a nullable owner column.
   */
  @OptionalRule
  void optional_S11_nullableOwnerColumnAcceptsNone() throws Exception {
    requireOwnerColumn();
    AsyncAdkStore owned = openOwnedStore("owner_id INTEGER REFERENCES tck_owners(id)");
    SessionRecord created = create(owned, key("free"), Map.of());
    assertThat(created.ownerId()).isNull();
    assertThat(get(owned, key("free")).map(SessionRecord::ownerId)).isEmpty();
  }

  /**
   * {@link StoreContractRules#optional_S11_ownerIdIsStoredAndItsForeignKeyEnforcedWithCascade S11},
   * also: a NOT NULL owner column.
   */
  @OptionalRule
  void optional_S11_notNullOwnerColumnRequiresAValue() throws Exception {
    requireOwnerColumn();
    AsyncAdkStore owned = openOwnedStore("owner_id INTEGER NOT NULL REFERENCES tck_owners(id)");
    database(owned).execute("INSERT INTO tck_owners (id) VALUES (7)");
    assertThat(failsWith(InvalidArgumentException.class, "createSession without the required owner",
        () -> owned.createSession(NewSession.of(key("none"), Map.of()))).field())
        .contains("ownerId");
    assertThat(get(owned, key("none"))).isEmpty();
    SessionRecord created = succeeds("createSession with owner",
        () -> owned.createSession(new NewSession(key("some"), Map.of(), "7")));
    assertThat(created.ownerId()).isEqualTo("7");
  }

  private void requireOwnerColumn() {
    requireCapability(TckCapability.OWNER_COLUMN);
    requireCapability(TckCapability.DATABASE_ACCESS);
  }

  private AsyncAdkStore openOwnedStore(String ddl) throws Exception {
    AsyncAdkStore owned = openStore(TckStoreOptions.defaults().withOwnerColumn(ddl));
    database(owned).execute("CREATE TABLE tck_owners (id INTEGER PRIMARY KEY)");
    succeeds("createTables()", owned::createTables);
    return owned;
  }

  @Override
  @RequiredRule
  public final void required_S13_restoreStoresASessionExactlyOnceAndAtomically() {
    SessionKey key = key("restored");
    SessionRecord session = new SessionRecord(key, map("k", map("n", 1)),
        Instant.parse("2021-05-06T07:08:09.123Z"), Instant.parse("2022-01-02T03:04:05.678Z"),
        7, null);
    EventRecord e1 = event(key, "r1", Instant.parse("2021-05-06T07:08:10Z"));
    EventRecord e2 = EventRecord.builder(key, "r0", Instant.parse("2021-05-06T07:08:09.500Z"))
        .author("model").errorCode("E1").build();
    assertThat(succeeds("restoreSession", () -> store.restoreSession(session, List.of(e1, e2))))
        .isTrue();
    assertThat(existing(key)).isEqualTo(session);
    assertThat(events(key)).as("events in the given order").containsExactly(e1, e2);

    SessionRecord other = new SessionRecord(key, Map.of("other", true), T0, T0, 1, null);
    assertThat(succeeds("restoreSession of an existing key",
        () -> store.restoreSession(other, List.of(event(key, "r2", 1))))).isFalse();
    assertThat(existing(key)).isEqualTo(session);
    assertThat(ids(events(key))).containsExactly("r1", "r0");

    long next = append(event(key, "after-restore", 2), StateDelta.ofSession(Map.of("x", 1)));
    assertThat(next).as("the version continues from the restored one").isGreaterThan(7);

    SessionKey bobs = SessionKey.of(APP, "bob", "b1");
    SessionRecord bobSession = new SessionRecord(bobs, Map.of(), T0, T0, 1, null);
    failsWith(InvalidArgumentException.class, "restoreSession with an event of another session",
        () -> store.restoreSession(bobSession, List.of(event(bobs, "b1", 1), event(key, "x", 2))));
    failsWith(AlreadyExistsException.class, "restoreSession with a duplicate event id",
        () -> store.restoreSession(bobSession, List.of(event(bobs, "d", 1), event(bobs, "d", 2))));
    assertThat(get(bobs)).as("a refused restore writes nothing").isEmpty();
    assertThat(events(bobs)).isEmpty();
    assertThat(ids(events(key))).containsExactly("r1", "r0", "after-restore");
  }

  @Override
  @RequiredRule
  public final void required_S12_timestampsRoundTripAtExactlyMillisecondPrecision() {
    SessionKey key = key("s1");
    SessionRecord created = create(key);
    assertThat(created.createTime().getNano() % 1_000_000).as("whole milliseconds").isZero();
    assertThat(existing(key).createTime()).isEqualTo(created.createTime());
    List<Instant> instants = List.of(
        Instant.parse("2024-02-29T12:34:56.789Z"),
        Instant.parse("1970-01-01T00:00:00.001Z"),
        Instant.parse("2100-12-31T23:59:59.999Z"),
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        T0.plusMillis(1));
    List<EventRecord> appended = new ArrayList<>();
    for (int i = 0; i < instants.size(); i++) {
      EventRecord e = event(key, "e" + i, instants.get(i));
      append(e);
      appended.add(e);
      assertThat(existing(key).updateTime()).isEqualTo(instants.get(i));
    }
    assertThat(events(key).stream().map(EventRecord::timestamp).collect(Collectors.toList()))
        .isEqualTo(instants);
    assertThat(events(key)).isEqualTo(appended);
  }

  // ---- events: E1 to E10 ------------------------------------------------------------------------

  // The event and state tests start from one empty session of USER, created before anything else.
  private SessionKey createdSession() {
    SessionKey key = key("s1");
    create(key);
    return key;
  }

  private List<EventRecord> appendAt(SessionKey key, long... millis) {
    List<EventRecord> appended = new ArrayList<>();
    for (long m : millis) {
      EventRecord e = event(key, "e" + m, m);
      append(e);
      appended.add(e);
    }
    return appended;
  }

  @Override
  @RequiredRule
  public final void required_E1_everyFieldRoundTrips() {
    SessionKey key = createdSession();
    EventRecord full = EventRecord.builder(key, "full", at(123))
        .invocationId("inv-1")
        .author("agent_é")
        .actions("{\"stateDelta\":{\"k\":\"ü 😀\"},\"skip\":true}".getBytes(StandardCharsets.UTF_8))
        .longRunningToolIdsJson("[\"tool-1\",\"tool-2\"]")
        .branch("root.child")
        .content("{\"role\":\"model\",\"parts\":[{\"text\":\"hi \\\"there\\\"\"}]}")
        .groundingMetadata("{\"chunks\":[1,2]}")
        .customMetadata("{\"trace\":\"abc\"}")
        .partial(false)
        .turnComplete(true)
        .interrupted(false)
        .errorCode("E42")
        .errorMessage("it's broken; really")
        .extra("{\"usageMetadata\":{\"tokens\":12},\"newField\":[null,1.5]}")
        .build();
    EventRecord bare = EventRecord.builder(key, "bare", at(124)).build();
    EventRecord flagged = EventRecord.builder(key, "flagged", at(125))
        .partial(true).interrupted(true).turnComplete(false)
        .actions("{}".getBytes(StandardCharsets.UTF_8)).build();
    append(full);
    append(bare);
    append(flagged);
    List<EventRecord> read = events(key);
    assertThat(read).containsExactly(full, bare, flagged);
    assertThat(read.get(0).actions()).isEqualTo(full.actions());
    assertThat(read.get(1).actions()).isNull();
    assertThat(read.get(1).partial()).isNull();
    assertThat(read.get(2).actions()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(load(EventQuery.all(key)).events()).containsExactly(full, bare, flagged);
  }

  @Override
  @RequiredRule
  public final void required_E2_eventsComeBackInAppendOrderEvenWithEqualTimestamps() {
    SessionKey key = createdSession();
    List<String> expected = new ArrayList<>();
    for (String id : List.of("z", "a", "m", "b", "y")) {
      append(event(key, id, 10));
      expected.add(id);
    }
    append(event(key, "later", 20));
    expected.add("later");
    succeeds("appendEvents", () -> store.appendEvents(key, List.of(
        new EventAppend(event(key, "q", 30), StateDelta.EMPTY),
        new EventAppend(event(key, "c", 30), StateDelta.EMPTY)), AppendCondition.NONE));
    expected.addAll(List.of("q", "c"));
    assertThat(ids(events(key))).isEqualTo(expected);
    assertThat(ids(events(EventQuery.all(key).last(4)))).isEqualTo(expected.subList(4, 8));
  }

  /**
   * {@link StoreContractRules#required_E2_eventsComeBackInAppendOrderEvenWithEqualTimestamps E2},
   * also: appends one caller makes without awaiting each commit in the order they were called, as
   * a caller streaming an agent's events expects.
   */
  @RequiredRule
  void required_E2_pipelinedAppendsOfOneCallerCommitInCallOrder() {
    SessionKey key = createdSession();
    List<String> expected = new ArrayList<>();
    List<CompletableFuture<Long>> versions = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String id = "p" + i;
      expected.add(id);
      versions.add(store.appendEvent(event(key, id, 10),
          StateDelta.builder().putSession("last", id).build(), AppendCondition.NONE));
    }
    List<Long> committed = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      int index = i;
      committed.add(succeeds("pipelined append " + i, () -> versions.get(index)));
    }
    assertThat(committed).as("versions, in call order").isSorted().doesNotHaveDuplicates();
    assertThat(ids(events(key))).isEqualTo(expected);
    assertThat(existing(key).state()).isEqualTo(Map.of("last", "p63"));
  }

  @Override
  @RequiredRule
  public final void required_E3_afterIsInclusiveAndComparedExactly() {
    SessionKey key = createdSession();
    appendAt(key, 999, 1000, 1001);
    assertThat(ids(events(EventQuery.all(key).after(at(1000)))))
        .as("after = 1000 ms includes the event at 1000 ms").containsExactly("e1000", "e1001");
    assertThat(ids(events(EventQuery.all(key).after(at(1000).plusNanos(500_000)))))
        .as("after = 1000.5 ms excludes the event at 1000 ms").containsExactly("e1001");
    assertThat(ids(events(EventQuery.all(key).after(at(1000).minusNanos(1)))))
        .containsExactly("e1000", "e1001");
    assertThat(events(EventQuery.all(key).after(at(1002)))).isEmpty();
    assertThat(ids(load(EventQuery.all(key).after(at(1000))).events()))
        .containsExactly("e1000", "e1001");
  }

  @Override
  @RequiredRule
  public final void required_E4_limitReturnsTheMostRecentOldestFirst() {
    SessionKey key = createdSession();
    appendAt(key, 100, 200, 300, 400, 500);
    assertThat(ids(events(EventQuery.all(key).last(2)))).containsExactly("e400", "e500");
    assertThat(ids(events(EventQuery.all(key).last(5)))).hasSize(5);
    assertThat(ids(events(EventQuery.all(key).last(9))))
        .containsExactly("e100", "e200", "e300", "e400", "e500");
    assertThat(events(EventQuery.all(key).last(0))).isEmpty();
    assertThat(ids(events(EventQuery.all(key).after(at(200)).last(2))))
        .containsExactly("e400", "e500");
    assertThat(ids(events(EventQuery.all(key).after(at(300)).last(4))))
        .containsExactly("e300", "e400", "e500");
    assertThat(ids(load(EventQuery.all(key).last(2)).events())).containsExactly("e400", "e500");
  }

  @Override
  @RequiredRule
  public final void required_E5_appendToMissingSessionFailsAndWritesNothing() {
    SessionKey key = createdSession();
    SessionKey never = key("never");
    failsWith(NotFoundException.class, "append to a never-created session",
        () -> store.appendEvent(event(never, "e1", 1), StateDelta.builder().putApp("x", 1).build()));
    SessionKey deleted = key("deleted");
    create(deleted);
    succeeds("deleteSession", () -> store.deleteSession(deleted));
    failsWith(NotFoundException.class, "append to a deleted session",
        () -> store.appendEvent(event(deleted, "e1", 1), StateDelta.EMPTY));
    SessionKey foreign = SessionKey.of(APP, "mallory", "s1");
    failsWith(NotFoundException.class, "append to another user's session id",
        () -> store.appendEvent(event(foreign, "e1", 1), StateDelta.ofSession(Map.of("x", 1))));
    assertThat(events(never)).isEmpty();
    assertThat(events(deleted)).isEmpty();
    assertThat(events(key)).as("the real s1 of alice").isEmpty();
    assertThat(existing(key).state()).isEmpty();
    assertThat(appState(APP)).isEmpty();
    assertThat(get(never)).isEmpty();
    assertThat(get(foreign)).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_E6_duplicateEventIdFailsWithoutApplyingItsDelta() {
    SessionKey key = createdSession();
    EventRecord first = event(key, "dup", 1);
    append(first, StateDelta.ofSession(Map.of("v", 1)));
    SessionRecord before = existing(key);
    failsWith(AlreadyExistsException.class, "append with a duplicate event id",
        () -> store.appendEvent(event(key, "dup", 2),
            StateDelta.builder().putSession("v", 2).putApp("a", 1).putUser("u", 1).build()));
    assertThat(existing(key)).isEqualTo(before);
    assertThat(events(key)).containsExactly(first);
    assertThat(appState(APP)).isEmpty();
    assertThat(userState(APP, USER)).isEmpty();
    SessionKey other = key("s2");
    create(other);
    append(event(other, "dup", 3));
    assertThat(ids(events(other))).as("the same id in another session is fine")
        .containsExactly("dup");
  }

  @Override
  @RequiredRule
  public final void required_E7_eventsNeverLeakIntoAnotherSession() {
    SessionKey key = createdSession();
    SessionKey second = key("s2");
    SessionKey bobs = SessionKey.of(APP, "bob", "s1");
    create(second);
    create(bobs);
    append(event(key, "mine", 1));
    append(event(second, "theirs", 2));
    append(event(bobs, "bobs", 3));
    assertThat(ids(events(key))).containsExactly("mine");
    assertThat(ids(events(second))).containsExactly("theirs");
    assertThat(ids(events(bobs))).containsExactly("bobs");
    assertThat(ids(load(EventQuery.all(key)).events())).containsExactly("mine");
  }

  @Override
  @RequiredRule
  public final void required_E8_batchAppendIsAllOrNothing() {
    SessionKey key = createdSession();
    List<EventAppend> bad = List.of(
        new EventAppend(event(key, "b1", 1), StateDelta.builder().putSession("s", 1).putApp("a", 1).build()),
        new EventAppend(event(key, "b2", 2), StateDelta.builder().putUser("u", 1).build()),
        new EventAppend(event(key, "b1", 3), StateDelta.ofSession(Map.of("t", 1))));
    failsWith(AlreadyExistsException.class, "batch with a duplicate id",
        () -> store.appendEvents(key, bad, AppendCondition.NONE));
    assertThat(events(key)).isEmpty();
    assertThat(existing(key).state()).isEmpty();
    assertThat(appState(APP)).isEmpty();
    assertThat(userState(APP, USER)).isEmpty();

    List<EventAppend> good = List.of(
        new EventAppend(event(key, "g1", 1), StateDelta.ofSession(Map.of("s", 1))),
        new EventAppend(event(key, "g2", 2), StateDelta.builder().putApp("a", 2).build()));
    succeeds("good batch", () -> store.appendEvents(key, good, AppendCondition.NONE));
    assertThat(ids(events(key))).containsExactly("g1", "g2");
    assertThat(existing(key).state()).isEqualTo(Map.of("s", 1));
    assertThat(existing(key).updateTime()).isEqualTo(at(2));
    assertThat(appState(APP)).isEqualTo(Map.of("a", 2));
  }

  @Override
  @RequiredRule
  public final void required_E9_batchEventsOfAnotherSessionAreRefusedAndWriteNothing() {
    SessionKey key = createdSession();
    SessionKey bobs = SessionKey.of(APP, "bob", key.sessionId());
    SessionKey otherApp = SessionKey.of("other_app", USER, key.sessionId());
    SessionKey sibling = key("s2");
    for (SessionKey foreign : List.of(bobs, otherApp, sibling)) {
      create(foreign, Map.of("owner", foreign.userId()));
    }
    for (SessionKey foreign : List.of(bobs, otherApp, sibling)) {
      List<EventAppend> mixed = List.of(
          new EventAppend(event(key, "mine", 1), StateDelta.ofSession(Map.of("mine", 1))),
          new EventAppend(event(foreign, "intruder", 2),
              StateDelta.builder().putSession("hijacked", true).putUser("hijacked", true).build()));
      failsWith(InvalidArgumentException.class, "a batch for " + key + " with an event of " + foreign,
          () -> store.appendEvents(key, mixed, AppendCondition.NONE));
      List<EventAppend> onlyForeign =
          List.of(new EventAppend(event(foreign, "intruder", 3), StateDelta.EMPTY));
      failsWith(InvalidArgumentException.class, "a batch for " + key + " of " + foreign + " only",
          () -> store.appendEvents(key, onlyForeign, AppendCondition.NONE));
      assertThat(events(foreign)).as("events of %s", foreign).isEmpty();
      assertThat(existing(foreign).state()).isEqualTo(Map.of("owner", foreign.userId()));
      assertThat(userState(foreign.appName(), foreign.userId())).isEmpty();
    }
    assertThat(events(key)).isEmpty();
    assertThat(existing(key).state()).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_E10_appendsReturnTheSessionsNewVersion() {
    SessionKey key = createdSession();
    long created = existing(key).version();
    long afterOne = append(event(key, "e1", 1));
    assertThat(afterOne).isGreaterThan(created);
    assertThat(existing(key).version()).isEqualTo(afterOne);
    long afterBatch = succeeds("appendEvents", () -> store.appendEvents(key, List.of(
        new EventAppend(event(key, "e2", 2), StateDelta.EMPTY),
        new EventAppend(event(key, "e3", 3), StateDelta.ofSession(Map.of("v", 3)))),
        AppendCondition.NONE));
    assertThat(afterBatch).isGreaterThan(afterOne);
    assertThat(existing(key).version()).isEqualTo(afterBatch);
    fails("a duplicate event id", () -> store.appendEvent(event(key, "e3", 4), StateDelta.EMPTY));
    assertThat(existing(key).version()).as("a failed append keeps the version").isEqualTo(afterBatch);
    assertThat(succeeds("an empty batch",
        () -> store.appendEvents(key, List.of(), AppendCondition.NONE))).isEqualTo(afterBatch);
    assertThat(existing(key).version()).isEqualTo(afterBatch);
    long afterLast = append(event(key, "e4", 5));
    assertThat(afterLast).isGreaterThan(afterBatch);
    assertThat(load(EventQuery.all(key)).session().version()).isEqualTo(afterLast);
  }

  // ---- scoped state: T1 to T8 -------------------------------------------------------------------

  @Override
  @RequiredRule
  public final void required_T1_deltaIsAppliedAtomicallyWithTheEvent() {
    SessionKey key = createdSession();
    append(event(key, "e1", 1),
        StateDelta.builder().putSession("s", 1).putApp("a", 1).putUser("u", 1).build());
    assertThat(existing(key).state()).isEqualTo(Map.of("s", 1));
    assertThat(appState(APP)).isEqualTo(Map.of("a", 1));
    assertThat(userState(APP, USER)).isEqualTo(Map.of("u", 1));

    StateDelta unstorable =
        StateDelta.builder().putSession("s", 2).putApp("bad", Double.NaN).build();
    assertThat(fails("append whose delta cannot be stored",
        () -> store.appendEvent(event(key, "e2", 2), unstorable)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(ids(events(key))).as("the event is not written either").containsExactly("e1");
    assertThat(existing(key).state()).isEqualTo(Map.of("s", 1));
    assertThat(appState(APP)).isEqualTo(Map.of("a", 1));
  }

  @Override
  @RequiredRule
  public final void required_T2_eachScopeIsSeenExactlyByItsReaders() {
    SessionKey key = createdSession();
    SessionKey bobs = SessionKey.of(APP, "bob", "b1");
    SessionKey otherApp = SessionKey.of("other_app", USER, "o1");
    create(bobs);
    create(otherApp);
    append(event(key, "e1", 1),
        StateDelta.builder().putSession("k", 1).putApp("ak", "A").putUser("uk", "alice").build());
    SessionKey laterAlice = key("s2");
    create(laterAlice);

    assertThat(existing(key).state()).isEqualTo(Map.of("k", 1));
    assertThat(existing(laterAlice).state()).isEmpty();
    assertThat(existing(bobs).state()).isEmpty();

    assertThat(appState(APP)).isEqualTo(Map.of("ak", "A"));
    assertThat(appState("other_app")).isEmpty();
    assertThat(load(EventQuery.all(bobs)).appState()).isEqualTo(Map.of("ak", "A"));
    assertThat(load(EventQuery.all(otherApp)).appState()).isEmpty();

    assertThat(userState(APP, USER)).isEqualTo(Map.of("uk", "alice"));
    assertThat(userState(APP, "bob")).isEmpty();
    assertThat(userState("other_app", USER)).isEmpty();
    assertThat(load(EventQuery.all(laterAlice)).userState()).isEqualTo(Map.of("uk", "alice"));
    assertThat(load(EventQuery.all(bobs)).userState()).isEmpty();
    assertThat(load(EventQuery.all(otherApp)).userState()).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_T3_removedKeyDisappearsForEveryReader() {
    SessionKey key = createdSession();
    SessionKey second = key("s2");
    create(second);
    append(event(key, "e1", 1), StateDelta.builder()
        .putSession("gone", 1).putSession("kept", 2)
        .putApp("gone", 1).putApp("kept", 2).putUser("gone", 1).putUser("kept", 2).build());
    append(event(second, "e2", 2), StateDelta.builder()
        .removeApp("gone").removeUser("gone").build());
    append(event(key, "e3", 3), StateDelta.builder().removeSession("gone").build());
    assertThat(existing(key).state()).isEqualTo(Map.of("kept", 2));
    assertThat(appState(APP)).isEqualTo(Map.of("kept", 2));
    assertThat(userState(APP, USER)).isEqualTo(Map.of("kept", 2));
    for (SessionKey reader : List.of(key, second)) {
      SessionSnapshot snapshot = load(EventQuery.all(reader));
      assertThat(snapshot.appState()).isEqualTo(Map.of("kept", 2));
      assertThat(snapshot.userState()).isEqualTo(Map.of("kept", 2));
    }
    append(event(key, "e4", 4), StateDelta.builder().removeSession("never-there").build());
    assertThat(existing(key).state()).isEqualTo(Map.of("kept", 2));
  }

  @Override
  @RequiredRule
  public final void required_T4_deltaReplacesNamedTopLevelKeysWithoutMerging() {
    SessionKey key = createdSession();
    Map<String, Object> original = map("cfg", map("a", 1, "b", map("c", 2)), "other", "x");
    succeeds("replaceSessionState", () -> store.replaceSessionState(key, original));
    append(event(key, "e0", 0), StateDelta.builder()
        .putApp("cfg", map("a", 1, "b", map("c", 2))).putApp("other", "x")
        .putUser("cfg", map("a", 1, "b", map("c", 2))).putUser("other", "x").build());
    Map<String, Object> replacement = map("b", map("d", 3));
    append(event(key, "e1", 1), StateDelta.builder()
        .putSession("cfg", replacement).putApp("cfg", replacement).putUser("cfg", replacement)
        .build());
    Map<String, Object> expected = map("cfg", map("b", map("d", 3)), "other", "x");
    assertThat(existing(key).state()).isEqualTo(expected);
    assertThat(appState(APP)).isEqualTo(expected);
    assertThat(userState(APP, USER)).isEqualTo(expected);
    append(event(key, "e2", 2), StateDelta.ofSession(map("other", null)));
    assertThat(existing(key).state()).as("null is a value, not a removal")
        .isEqualTo(map("cfg", map("b", map("d", 3)), "other", null));
  }

  @Override
  @RequiredRule
  public final void required_T5_concurrentAppendsToDifferentKeysKeepEveryChange() {
    SessionKey key = createdSession();
    int writers = TckSettings.threads();
    List<SessionKey> sessions = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      SessionKey own = key("w" + i);
      create(own);
      sessions.add(own);
    }
    runConcurrently(writers, i -> {
      append(event(sessions.get(i), "e", i), StateDelta.builder()
          .putApp("app_k" + i, i).putUser("user_k" + i, i).build());
      append(event(key, "shared-" + i, i), StateDelta.ofSession(Map.of("session_k" + i, i)));
    });
    Map<String, Object> expectedApp = new HashMap<>();
    Map<String, Object> expectedUser = new HashMap<>();
    Map<String, Object> expectedSession = new HashMap<>();
    for (int i = 0; i < writers; i++) {
      expectedApp.put("app_k" + i, i);
      expectedUser.put("user_k" + i, i);
      expectedSession.put("session_k" + i, i);
    }
    assertThat(appState(APP)).isEqualTo(expectedApp);
    assertThat(userState(APP, USER)).isEqualTo(expectedUser);
    assertThat(existing(key).state()).isEqualTo(expectedSession);
  }

  @Override
  @RequiredRule
  public final void required_T6_updateTimeBecomesTheEventTimestampEvenIfEarlier() {
    SessionKey key = createdSession();
    append(event(key, "late", 10_000));
    assertThat(existing(key).updateTime()).isEqualTo(at(10_000));
    append(event(key, "early", 5));
    assertThat(existing(key).updateTime()).isEqualTo(at(5));
    assertThat(ids(events(key))).as("events stay in append order (E2)")
        .containsExactly("late", "early");
  }

  @Override
  @OptionalRule
  public final void optional_T7_staleExpectedVersionFailsAndWritesNothing() {
    SessionKey key = createdSession();
    requireCapability(TckCapability.COMPARE_AND_SET);
    long seen = existing(key).version();
    long next = succeeds("append expecting the current version", () -> store.appendEvent(
        event(key, "e1", 1), StateDelta.ofSession(Map.of("v", 1)), AppendCondition.expectVersion(seen)));
    assertThat(next).isGreaterThan(seen);
    assertThat(existing(key).version()).isEqualTo(next);
    SessionRecord before = existing(key);
    failsWith(StaleSessionException.class, "append expecting an old version",
        () -> store.appendEvent(event(key, "e2", 2),
            StateDelta.builder().putSession("v", 2).putApp("a", 1).build(),
            AppendCondition.expectVersion(seen)));
    failsWith(StaleSessionException.class, "batch expecting an old version",
        () -> store.appendEvents(key,
            List.of(new EventAppend(event(key, "e3", 3), StateDelta.ofSession(Map.of("v", 3)))),
            AppendCondition.expectVersion(seen)));
    assertThat(existing(key)).isEqualTo(before);
    assertThat(ids(events(key))).containsExactly("e1");
    assertThat(appState(APP)).isEmpty();
  }

  /**
   * {@link StoreContractRules#optional_T7_staleExpectedVersionFailsAndWritesNothing T7}, also: the
   * condition on the update time.
   */
  @OptionalRule
  void optional_T7_appendNotUpdatedAfterFailsWhenAnotherAppendHappened() {
    SessionKey key = createdSession();
    requireCapability(TckCapability.COMPARE_AND_SET);
    append(event(key, "e1", 1000));
    Instant seen = existing(key).updateTime();
    succeeds("append with a fresh copy", () -> store.appendEvent(
        event(key, "e2", 2000), StateDelta.EMPTY, AppendCondition.notUpdatedAfter(seen)));
    SessionRecord before = existing(key);
    failsWith(StaleSessionException.class, "append with a stale copy",
        () -> store.appendEvent(event(key, "e3", 3000), StateDelta.ofSession(Map.of("x", 1)),
            AppendCondition.notUpdatedAfter(seen)));
    assertThat(existing(key)).isEqualTo(before);
    assertThat(ids(events(key))).containsExactly("e1", "e2");
  }

  @Override
  @RequiredRule
  public final void required_T8_scopedStatesAreRestoredAndListedExactly() {
    SessionKey key = createdSession();
    ScopedState app = new ScopedState(APP, null, map("a", 1, "nested", map("b", List.of(1))), at(1));
    ScopedState alice = new ScopedState(APP, USER, Map.of("u", "alice"), at(2));
    ScopedState bob = new ScopedState(APP, "bob", Map.of("u", "bob"), at(3));
    ScopedState otherApp = new ScopedState("other_app", null, Map.of("o", true), at(4));
    ScopedState otherUser = new ScopedState("other_app", "carol", Map.of("c", 1.5), at(5));
    for (ScopedState state : List.of(alice, app, otherUser, bob, otherApp)) {
      succeeds("restoreScopedState", () -> store.restoreScopedState(state));
    }
    List<ScopedState> inApp = succeeds("listScopedStates(app)", () -> store.listScopedStates(APP));
    assertThat(inApp).containsExactlyInAnyOrder(app, alice, bob);
    assertThat(inApp.get(0)).as("app states first").isEqualTo(app);
    List<ScopedState> all = succeeds("listScopedStates(null)", () -> store.listScopedStates(null));
    assertThat(all).containsExactlyInAnyOrder(app, alice, bob, otherApp, otherUser);
    assertThat(all.subList(0, 2)).as("app states first").containsExactlyInAnyOrder(app, otherApp);
    assertThat(succeeds("listScopedStates of an unknown app",
        () -> store.listScopedStates("unknown_app"))).isEmpty();

    ScopedState replacement = new ScopedState(APP, null, Map.of("z", 26), at(9));
    succeeds("restoreScopedState over an existing one", () -> store.restoreScopedState(replacement));
    assertThat(appState(APP)).as("replaced, not merged").isEqualTo(Map.of("z", 26));
    assertThat(userState(APP, "bob")).isEqualTo(Map.of("u", "bob"));
    assertThat(succeeds("listScopedStates(app)", () -> store.listScopedStates(APP)))
        .containsExactlyInAnyOrder(replacement, alice, bob);
    failsWith(InvalidArgumentException.class, "listScopedStates of a blank app",
        () -> store.listScopedStates(" "));
  }

  // ---- retention: R1 to R4 ----------------------------------------------------------------------

  private SessionKey idleSince(String app, String user, String id, Instant lastUpdate) {
    SessionKey key = SessionKey.of(app, user, id);
    create(key);
    append(event(key, id + "-e", lastUpdate));
    return key;
  }

  @Override
  @RequiredRule
  public final void required_R1_idleSessionsAndTheirEventsAreDeleted() {
    SessionKey old1 = idleSince(APP, USER, "old1", T0);
    SessionKey old2 = idleSince(APP, "bob", "old2", T0.plusSeconds(60));
    SessionKey old3 = idleSince("other_app", USER, "old3", T0);
    SessionKey fresh = idleSince(APP, USER, "fresh", RETENTION_CUTOFF.plusMillis(1));
    SessionKey exact = idleSince(APP, USER, "exact", RETENTION_CUTOFF);

    RetentionScope inApp = RetentionScope.before(RETENTION_CUTOFF).inApp(APP);
    assertThat(succeeds("dry run", () -> store.deleteIdleSessions(inApp.countOnly()))).isEqualTo(2L);
    assertThat(get(old1)).as("a dry run deletes nothing").isPresent();
    assertThat(succeeds("deleteIdleSessions in one app", () -> store.deleteIdleSessions(inApp)))
        .isEqualTo(2L);
    assertThat(get(old1)).isEmpty();
    assertThat(get(old2)).isEmpty();
    assertThat(events(old1)).isEmpty();
    assertThat(get(old3)).as("another app is untouched").isPresent();
    assertThat(get(fresh)).isPresent();
    assertThat(get(exact)).as("the cutoff itself is not idle").isPresent();
    create(old1);
    assertThat(events(old1)).as("events were deleted with their session").isEmpty();

    assertThat(succeeds("deleteIdleSessions everywhere",
        () -> store.deleteIdleSessions(RetentionScope.before(RETENTION_CUTOFF)))).isEqualTo(1L);
    assertThat(get(old3)).isEmpty();
    assertThat(events(old3)).isEmpty();
    assertThat(ids(events(fresh))).containsExactly("fresh-e");
  }

  @Override
  @RequiredRule
  public final void required_R2_oldEventsAreDeleted() {
    SessionKey key = key("s1");
    SessionKey other = SessionKey.of("other_app", USER, "s1");
    create(key);
    create(other);
    append(event(key, "old-a", T0));
    append(event(key, "old-b", T0.plusSeconds(3600)));
    append(event(key, "at-cutoff", RETENTION_CUTOFF));
    append(event(key, "new", RETENTION_CUTOFF.plusSeconds(1)));
    append(event(other, "other-old", T0));
    RetentionScope inApp = RetentionScope.before(RETENTION_CUTOFF).inApp(APP);
    assertThat(succeeds("dry run", () -> store.deleteOldEvents(inApp.countOnly()))).isEqualTo(2L);
    assertThat(events(key)).hasSize(4);
    assertThat(succeeds("deleteOldEvents", () -> store.deleteOldEvents(inApp))).isEqualTo(2L);
    assertThat(ids(events(key))).containsExactly("at-cutoff", "new");
    assertThat(ids(events(other))).containsExactly("other-old");
    assertThat(get(key)).as("sessions stay").isPresent();
    assertThat(succeeds("deleteOldEvents everywhere",
        () -> store.deleteOldEvents(RetentionScope.before(RETENTION_CUTOFF)))).isEqualTo(1L);
    assertThat(events(other)).isEmpty();
  }

  /** {@link StoreContractRules#required_R2_oldEventsAreDeleted R2}, also: idle user states. */
  @RequiredRule
  void required_R2_idleUserStatesAreDeleted() {
    restore(new ScopedState(APP, USER, Map.of("x", 1), T0));
    restore(new ScopedState(APP, "bob", Map.of("y", 2), RETENTION_CUTOFF.plusSeconds(1)));
    restore(new ScopedState("other_app", "carol", Map.of("z", 3), T0));
    RetentionScope inApp = RetentionScope.before(RETENTION_CUTOFF).inApp(APP);
    assertThat(succeeds("dry run", () -> store.deleteIdleUserStates(inApp.countOnly())))
        .isEqualTo(1L);
    assertThat(userState(APP, USER)).isEqualTo(Map.of("x", 1));
    assertThat(succeeds("deleteIdleUserStates", () -> store.deleteIdleUserStates(inApp)))
        .isEqualTo(1L);
    assertThat(userState(APP, USER)).isEmpty();
    assertThat(userState(APP, "bob")).isEqualTo(Map.of("y", 2));
    assertThat(userState("other_app", "carol")).isEqualTo(Map.of("z", 3));
    assertThat(succeeds("deleteIdleUserStates everywhere",
        () -> store.deleteIdleUserStates(RetentionScope.before(RETENTION_CUTOFF)))).isEqualTo(1L);
    assertThat(userState("other_app", "carol")).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_R3_appStateIsNeverRemovedByRetention() {
    restore(new ScopedState(APP, null, Map.of("global", true), T0));
    SessionKey key = idleSince(APP, USER, "s1", T0);
    RetentionScope everything = RetentionScope.before(Instant.parse("2999-01-01T00:00:00Z"));
    assertThat(succeeds("deleteIdleUserStates", () -> store.deleteIdleUserStates(everything)))
        .isZero();
    succeeds("deleteOldEvents", () -> store.deleteOldEvents(everything));
    succeeds("deleteIdleSessions", () -> store.deleteIdleSessions(everything));
    assertThat(get(key)).isEmpty();
    assertThat(appState(APP)).isEqualTo(Map.of("global", true));
  }

  @Override
  @RequiredRule
  public final void required_R4_dryRunsCountWhatTheRunWouldDeleteAndDeleteNothing() {
    SessionKey old1 = idleSince(APP, USER, "old1", T0);
    SessionKey old2 = idleSince("other_app", USER, "old2", T0.plusSeconds(1));
    SessionKey fresh = key("fresh");
    create(fresh);
    append(event(fresh, "fresh-old-event", T0.plusSeconds(2)));
    append(event(fresh, "fresh-e", RETENTION_CUTOFF.plusSeconds(1)));
    restore(new ScopedState(APP, USER, Map.of("x", 1), T0));
    restore(new ScopedState("other_app", "carol", Map.of("y", 1), T0));
    restore(new ScopedState(APP, "bob", Map.of("z", 1), RETENTION_CUTOFF));
    RetentionScope everywhere = RetentionScope.before(RETENTION_CUTOFF);
    RetentionScope inApp = everywhere.inApp(APP);

    assertThat(succeeds("unscoped dry run of deleteIdleSessions",
        () -> store.deleteIdleSessions(everywhere.countOnly()))).isEqualTo(2L);
    assertThat(succeeds("unscoped dry run of deleteOldEvents",
        () -> store.deleteOldEvents(everywhere.countOnly()))).isEqualTo(3L);
    assertThat(succeeds("unscoped dry run of deleteIdleUserStates",
        () -> store.deleteIdleUserStates(everywhere.countOnly()))).isEqualTo(2L);
    assertThat(succeeds("dry run of deleteIdleSessions in one app",
        () -> store.deleteIdleSessions(inApp.countOnly()))).isEqualTo(1L);
    assertThat(succeeds("dry run of deleteIdleUserStates in one app",
        () -> store.deleteIdleUserStates(inApp.countOnly()))).isEqualTo(1L);
    assertThat(get(old1)).as("dry runs delete nothing").isPresent();
    assertThat(get(old2)).isPresent();
    assertThat(ids(events(fresh))).containsExactly("fresh-old-event", "fresh-e");
    assertThat(userState("other_app", "carol")).isEqualTo(Map.of("y", 1));

    assertThat(succeeds("deleteOldEvents everywhere", () -> store.deleteOldEvents(everywhere)))
        .isEqualTo(3L);
    assertThat(succeeds("deleteIdleUserStates everywhere",
        () -> store.deleteIdleUserStates(everywhere))).isEqualTo(2L);
    assertThat(succeeds("deleteIdleSessions everywhere", () -> store.deleteIdleSessions(everywhere)))
        .isEqualTo(2L);
    assertThat(succeeds("dry run after the runs",
        () -> store.deleteIdleSessions(everywhere.countOnly()))).isZero();
    assertThat(get(fresh)).isPresent();
    assertThat(userState(APP, "bob")).isEqualTo(Map.of("z", 1));
  }

  private void restore(ScopedState state) {
    succeeds("restoreScopedState", () -> store.restoreScopedState(state));
  }

  // ---- bad input and limits: B1 to B10 ----------------------------------------------------------

  @Override
  @RequiredRule
  public final void required_B1_nullOrBlankIdsFailWithInvalidArgumentNamingTheField() {
    for (String bad : new String[] {null, "", "   ", "\t"}) {
      InvalidArgumentException app = failsWith(InvalidArgumentException.class,
          "getAppState(" + bad + ")", () -> store.getAppState(bad));
      assertThat(app.field()).contains("appName");
      InvalidArgumentException user = failsWith(InvalidArgumentException.class,
          "getUserState(app, " + bad + ")", () -> store.getUserState(APP, bad));
      assertThat(user.field()).contains("userId");
      assertThat(user.getMessage()).contains("userId");
      assertThatThrownBy(() -> SessionKey.of(APP, USER, bad))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sessionId");
      assertThatThrownBy(() -> SessionKey.of(bad, USER, "s"))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("appName");
    }
    failsWith(InvalidArgumentException.class, "createSession(null)", () -> store.createSession(null));
    failsWith(InvalidArgumentException.class, "getSession(null)", () -> store.getSession(null));
    failsWith(InvalidArgumentException.class, "getEvents(null)", () -> store.getEvents(null));
    failsWith(InvalidArgumentException.class, "appendEvent(null, delta)",
        () -> store.appendEvent(null, StateDelta.EMPTY));
    failsWith(InvalidArgumentException.class, "deleteSession(null)", () -> store.deleteSession(null));
    assertStoreStillWorks(store);
  }

  @Override
  @RequiredRule
  public final void required_B2_overLongIdsFailWithInvalidArgument() {
    String tooLong = "x".repeat(129);
    String longest = "y".repeat(128);
    failsWith(InvalidArgumentException.class, "getAppState(129 chars)",
        () -> store.getAppState(tooLong));
    failsWith(InvalidArgumentException.class, "getUserState(app, 129 chars)",
        () -> store.getUserState(APP, tooLong));
    assertThatThrownBy(() -> SessionKey.of(APP, USER, tooLong))
        .isInstanceOf(InvalidArgumentException.class);
    SessionKey longKey = SessionKey.of(longest, longest, longest);
    create(longKey);
    append(event(longKey, longest, 1));
    assertThat(ids(events(longKey))).containsExactly(longest);
  }

  @Override
  @RequiredRule
  public final void required_B3_valuesJsonCannotHoldFailNamingTheKey() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    assertThatThrownBy(() -> NewSession.of(key("c"), Map.of("loop", cyclic)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("loop");
    List<Object> unstorable = List.of(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Float.NaN, new Object(), Thread.currentThread());
    int n = 0;
    for (Object value : unstorable) {
      SessionKey key = key("bad" + n++);
      InvalidArgumentException created = failsWith(InvalidArgumentException.class,
          "createSession with " + value, () -> store.createSession(
              NewSession.of(key, map("fine", 1, "badKey", map("inner", value)))));
      assertThat(created.getMessage()).contains("badKey");
      assertThat(get(key)).isEmpty();
    }
    SessionKey key = key("s1");
    create(key, Map.of("v", 1));
    InvalidArgumentException replaced = failsWith(InvalidArgumentException.class,
        "replaceSessionState with NaN",
        () -> store.replaceSessionState(key, Map.of("nanKey", Double.NaN)));
    assertThat(replaced.getMessage()).contains("nanKey");
    InvalidArgumentException appended = failsWith(InvalidArgumentException.class,
        "append with an arbitrary object in user scope",
        () -> store.appendEvent(event(key, "e1", 1),
            StateDelta.builder().putUser("objKey", new Object()).build()));
    assertThat(appended.getMessage()).contains("objKey");
    assertThat(existing(key).state()).isEqualTo(Map.of("v", 1));
    assertThat(events(key)).isEmpty();
    assertThat(userState(APP, USER)).isEmpty();
  }

  @Override
  @RequiredRule
  public final void required_B4_tooDeepOrTooLargePayloadsFailAndWriteNothing() {
    AsyncAdkStore limited = openReadyStore(TckStoreOptions.defaults().withJsonLimits(10, 10_000));
    Map<String, Object> deep = Map.of("leaf", 1);
    for (int i = 0; i < 20; i++) {
      deep = Map.of("d", deep);
    }
    Map<String, Object> tooDeep = deep;
    SessionKey key = key("s1");
    failsWith(PayloadLimitException.class, "createSession with too deep state",
        () -> limited.createSession(NewSession.of(key, tooDeep)));
    failsWith(PayloadLimitException.class, "createSession with too large state",
        () -> limited.createSession(NewSession.of(key, Map.of("big", "x".repeat(20_000)))));
    assertThat(get(limited, key)).isEmpty();
    create(limited, key, Map.of("v", 1));
    failsWith(PayloadLimitException.class, "append with too deep delta",
        () -> limited.appendEvent(event(key, "e1", 1), StateDelta.builder().putApp("a", tooDeep).build()));
    failsWith(PayloadLimitException.class, "append with too large content",
        () -> limited.appendEvent(EventRecord.builder(key, "e2", at(2))
            .content("{\"text\":\"" + "y".repeat(20_000) + "\"}").build(), StateDelta.EMPTY));
    failsWith(PayloadLimitException.class, "append with too deep content",
        () -> limited.appendEvent(EventRecord.builder(key, "e3", at(3))
            .content("[".repeat(50) + "]".repeat(50)).build(), StateDelta.EMPTY));
    byte[] bigActions = ("{\"a\":\"" + "w".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    failsWith(PayloadLimitException.class, "append with too large actions",
        () -> limited.appendEvent(EventRecord.builder(key, "e4", at(4)).actions(bigActions).build(),
            StateDelta.EMPTY));
    failsWith(PayloadLimitException.class, "replaceSessionState too large",
        () -> limited.replaceSessionState(key, Map.of("big", "z".repeat(20_000))));
    assertThat(events(limited, EventQuery.all(key))).isEmpty();
    assertThat(get(limited, key).map(SessionRecord::state)).contains(Map.of("v", 1));
    assertThat(succeeds("getAppState", () -> limited.getAppState(APP))).isEmpty();
    assertStoreStillWorks(limited);
  }

  /**
   * {@link StoreContractRules#required_B4_tooDeepOrTooLargePayloadsFailAndWriteNothing B4}, also:
   * small deltas whose merge would make a stored state larger than the document limit, which
   * could then never be read back.
   */
  @RequiredRule
  void required_B4_aMergeThatWouldOutgrowTheDocumentLimitFailsAndWritesNothing() {
    AsyncAdkStore limited = openReadyStore(TckStoreOptions.defaults().withJsonLimits(10, 1_000));
    SessionKey key = key("s1");
    create(limited, key, Map.of());
    String part = "p".repeat(400);
    succeeds("a first append", () -> limited.appendEvent(event(key, "e1", 1), StateDelta.builder()
        .putSession("a", part).putApp("a", part).putUser("a", part).build()));
    for (String scope : List.of("session", "app", "user")) {
      StateDelta.Builder grow = StateDelta.builder();
      switch (scope) {
        case "session" -> grow.putSession("b", part).putSession("c", part);
        case "app" -> grow.putApp("b", part).putApp("c", part);
        default -> grow.putUser("b", part).putUser("c", part);
      }
      StateDelta delta = grow.build();
      failsWith(PayloadLimitException.class, "an append whose " + scope + " state would outgrow the limit",
          () -> limited.appendEvent(event(key, "grow-" + scope, 2), delta));
    }
    assertThat(events(limited, EventQuery.all(key))).extracting(EventRecord::id).containsExactly("e1");
    assertThat(get(limited, key).map(SessionRecord::state)).contains(Map.of("a", part));
    assertThat(succeeds("getAppState", () -> limited.getAppState(APP))).isEqualTo(Map.of("a", part));
    assertThat(succeeds("getUserState", () -> limited.getUserState(APP, USER))).isEqualTo(Map.of("a", part));
    assertStoreStillWorks(limited);
  }

  /**
   * {@link StoreContractRules#required_B4_tooDeepOrTooLargePayloadsFailAndWriteNothing B4}, also:
   * batches and restores.
   */
  @RequiredRule
  void required_B4_batchesAndRestoresAreCheckedLikeSingleAppends() {
    AsyncAdkStore limited = openReadyStore(TckStoreOptions.defaults().withJsonLimits(10, 10_000));
    SessionKey key = key("s1");
    create(limited, key, Map.of("v", 1));
    EventAppend fine = new EventAppend(event(key, "fine", 1), StateDelta.ofSession(Map.of("v", 2)));
    Map<String, Object> tooDeep = Map.of("leaf", 1);
    for (int i = 0; i < 20; i++) {
      tooDeep = Map.of("d", tooDeep);
    }
    List<EventAppend> breakers = List.of(
        new EventAppend(EventRecord.builder(key, "large-content", at(2))
            .content("{\"text\":\"" + "y".repeat(20_000) + "\"}").build(), StateDelta.EMPTY),
        new EventAppend(EventRecord.builder(key, "deep-content", at(2))
            .content("[".repeat(50) + "]".repeat(50)).build(), StateDelta.EMPTY),
        new EventAppend(EventRecord.builder(key, "large-actions", at(2))
            .actions(("{\"a\":\"" + "w".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8))
            .build(), StateDelta.EMPTY),
        new EventAppend(EventRecord.builder(key, "large-extra", at(2))
            .extra("{\"x\":\"" + "z".repeat(20_000) + "\"}").build(), StateDelta.EMPTY),
        new EventAppend(event(key, "deep-delta", 2), StateDelta.builder().putApp("a", tooDeep).build()));
    for (EventAppend breaker : breakers) {
      PayloadLimitException refused = failsWith(PayloadLimitException.class,
          "a batch holding " + breaker.event().id(),
          () -> limited.appendEvents(key, List.of(fine, breaker), AppendCondition.NONE));
      if (breaker.delta().isEmpty()) {
        assertThat(refused.getMessage()).as("names the event that broke the batch")
            .contains("appends[1]");
      }
    }
    EventAppend large = breakers.get(0);
    assertThat(failsWith(PayloadLimitException.class, "a batch of one that breaks a limit",
        () -> limited.appendEvents(key, List.of(large), AppendCondition.NONE)).getMessage())
        .contains("appends[0]");
    assertThat(failsWith(PayloadLimitException.class, "a single append that breaks a limit",
        () -> limited.appendEvent(large.event(), large.delta())).getMessage())
        .as("a single append names its event, not a batch element").startsWith("event.")
        .doesNotContain("[");
    for (StateDelta.Builder overridden : List.of(
        StateDelta.builder().putSession("overridden", Double.NaN),
        StateDelta.builder().putApp("overridden", Double.NaN),
        StateDelta.builder().putUser("overridden", Double.NaN))) {
      StateDelta later = StateDelta.builder().putSession("overridden", 1).putApp("overridden", 1)
          .putUser("overridden", 1).build();
      InvalidArgumentException refused = failsWith(InvalidArgumentException.class,
          "a batch whose NaN a later delta overrides", () -> limited.appendEvents(key, List.of(
              new EventAppend(event(key, "nan-first", 3), overridden.build()),
              new EventAppend(event(key, "override", 4), later)), AppendCondition.NONE));
      assertThat(refused.getMessage()).contains("overridden");
    }
    SessionKey restoredKey = key("restored");
    failsWith(PayloadLimitException.class, "restoreSession with an event that breaks a limit",
        () -> limited.restoreSession(new SessionRecord(restoredKey, Map.of(), T0, T0, 1, null),
            List.of(EventRecord.builder(restoredKey, "r1", at(1))
                .content("{\"text\":\"" + "y".repeat(20_000) + "\"}").build())));
    assertThat(get(limited, restoredKey)).as("a refused restore writes nothing").isEmpty();
    InvalidArgumentException unstorable = failsWith(InvalidArgumentException.class,
        "a batch with NaN in a delta", () -> limited.appendEvents(key, List.of(fine,
            new EventAppend(event(key, "nan", 2), StateDelta.builder().putUser("nanKey", Double.NaN)
                .build())), AppendCondition.NONE));
    assertThat(unstorable.getMessage()).contains("nanKey");
    assertThat(events(limited, EventQuery.all(key))).as("no event of a refused batch").isEmpty();
    assertThat(get(limited, key).map(SessionRecord::state)).contains(Map.of("v", 1));
    assertThat(succeeds("getAppState", () -> limited.getAppState(APP))).isEmpty();
    assertThat(succeeds("getUserState", () -> limited.getUserState(APP, USER))).isEmpty();
    assertStoreStillWorks(limited);
  }

  @Override
  @RequiredRule
  public final void required_B5_hostileCharactersAreStoredVerbatim() {
    List<String> hostile = List.of("quote'\"", "semi;colon", "x'); DROP TABLE adk_sessions; --",
        "nul\u0000char", "emoji😀𝄞", "back\\slash%_*", "tab\tnew\nline", "' OR '1'='1");
    int n = 0;
    for (String value : hostile) {
      SessionKey key = SessionKey.of(APP + value, USER + value, value);
      Map<String, Object> state = map(value, value, "v", List.of(value));
      assertThat(create(key, state).state()).isEqualTo(state);
      EventRecord e = EventRecord.builder(key, value, at(n++)).author(value).branch(value)
          .invocationId(value).errorMessage(value).errorCode(value)
          .content("{\"text\":" + jsonString(value) + "}").build();
      append(e, StateDelta.builder().putApp(value, value).putUser(value, value).build());
      assertThat(existing(key).state()).isEqualTo(state);
      assertThat(events(key)).containsExactly(e);
      assertThat(appState(key.appName())).isEqualTo(Map.of(value, value));
      assertThat(userState(key.appName(), key.userId())).isEqualTo(Map.of(value, value));
      assertThat(keys(list(SessionQuery.forUser(key.appName(), key.userId()))))
          .containsExactly(key);
    }
    assertThat(list(SessionQuery.forApp(APP))).as("no wildcard matching").isEmpty();
  }

  private String jsonString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @Override
  @RequiredRule
  public final void required_B6_storeKeepsServingAfterFailures() {
    SessionKey key = key("s1");
    create(key);
    fails("duplicate create", () -> store.createSession(NewSession.of(key, Map.of())));
    fails("append to missing", () -> store.appendEvent(event(key("nope"), "e", 1), StateDelta.EMPTY));
    fails("NaN state", () -> store.replaceSessionState(key, Map.of("n", Double.NaN)));
    fails("null key", () -> store.getSession(null));
    append(event(key, "e1", 1));
    fails("duplicate event", () -> store.appendEvent(event(key, "e1", 2), StateDelta.EMPTY));
    assertStoreStillWorks(store);
    assertThat(ids(events(key))).containsExactly("e1");
  }

  @Override
  @RequiredRule
  public final void required_B7_anUnpairedSurrogateInAnIdIsRefusedSoNoTwoIdsAlias() {
    SessionKey victim = SessionKey.of(APP, "alice?", "s?");
    create(victim, Map.of("owner", "alice?"));
    append(event(victim, "e1", 1), StateDelta.builder().putUser("color", "blue").build());
    for (String lone : List.of("alice\uD800", "alice\uDBFF", "alice\uDC00")) {
      assertThatThrownBy(() -> SessionKey.of(APP, lone, "s?"))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("userId");
      assertThatThrownBy(() -> SessionKey.of(APP, "alice?", "s" + lone.substring(5)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sessionId");
      InvalidArgumentException read = failsWith(InvalidArgumentException.class,
          "getUserState(app, user with an unpaired surrogate)",
          () -> store.getUserState(APP, lone));
      assertThat(read.field()).contains("userId");
      failsWith(InvalidArgumentException.class, "getAppState(app with an unpaired surrogate)",
          () -> store.getAppState(APP + lone.substring(5)));
      assertThatThrownBy(() -> EventRecord.builder(victim, "e" + lone, at(2)).build())
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("eventId");
    }
    assertThat(existing(victim).state()).isEqualTo(Map.of("owner", "alice?"));
    assertThat(ids(events(victim))).containsExactly("e1");
    assertThat(userState(APP, "alice?")).isEqualTo(Map.of("color", "blue"));
  }

  /**
   * {@link StoreContractRules#required_B7_anUnpairedSurrogateInAnIdIsRefusedSoNoTwoIdsAlias B7},
   * also: plain text event fields.
   */
  @RequiredRule
  void required_B7_anUnpairedSurrogateInAPlainTextFieldIsRefusedNamingTheField() {
    SessionKey key = key("s1");
    Map<String, Supplier<EventRecord>> fields = new LinkedHashMap<>();
    fields.put("author", () -> EventRecord.builder(key, "e", at(1)).author("bot\uD83D").build());
    fields.put("branch", () -> EventRecord.builder(key, "e", at(1)).branch("\uDE00b").build());
    fields.put("invocationId", () -> EventRecord.builder(key, "e", at(1)).invocationId("i\uD800").build());
    fields.put("errorCode", () -> EventRecord.builder(key, "e", at(1)).errorCode("\uDBFF").build());
    fields.put("errorMessage", () -> EventRecord.builder(key, "e", at(1)).errorMessage("see \uD83D").build());
    fields.forEach((field, build) -> assertThatThrownBy(build::get)
        .as(field).isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith(field + ":"));
    create(key);
    EventRecord paired = EventRecord.builder(key, "e1", at(1)).author("bot \uD83D\uDE00")
        .errorMessage("\uD834\uDD1E").build();
    append(paired);
    assertThat(events(key)).containsExactly(paired);
  }

  /**
   * {@link StoreContractRules#required_B7_anUnpairedSurrogateInAnIdIsRefusedSoNoTwoIdsAlias B7},
   * also: JSON payloads.
   */
  @RequiredRule
  void required_B7_anUnpairedSurrogateInsideJsonIsKeptAsItsEscapeOrRefusedNeverAltered() {
    SessionKey key = key("s1");
    create(key);
    String content = "{\"parts\":[{\"text\":\"see you \uD83D\"}]}";
    String extra = "{\"k\uDBFF\":[\"\uDE00\",\"\uD83D\uDE00\"]}";
    EventRecord streamed = EventRecord.builder(key, "e1", at(1)).content(content).extra(extra).build();
    Throwable outcome = awaitOutcome("append with unpaired surrogates in JSON",
        invoke("appendEvent", () -> store.appendEvent(streamed, StateDelta.EMPTY)));
    if (outcome != null) {
      assertThat(outcome).as("a refusal").isInstanceOf(InvalidArgumentException.class);
      assertThat(events(key)).isEmpty();
    } else {
      EventRecord read = events(key).get(0);
      assertThat(read.content()).as("content read back")
          .isIn(content, escapeUnpaired(content, "%04X"), escapeUnpaired(content, "%04x"));
      assertThat(read.extra()).as("extra read back")
          .isIn(extra, escapeUnpaired(extra, "%04X"), escapeUnpaired(extra, "%04x"));
    }
    // State strings: stored exactly, or refused naming the key; never altered.
    Throwable state = awaitOutcome("replaceSessionState with an unpaired surrogate",
        invoke("replaceSessionState",
            () -> store.replaceSessionState(key, Map.of("partial", "see you \uD83D"))));
    if (state != null) {
      assertThat(state).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("partial");
      assertThat(existing(key).state()).isEmpty();
    } else {
      assertThat(existing(key).state()).isEqualTo(Map.of("partial", "see you \uD83D"));
    }
  }

  // The text with every unpaired surrogate written as a JSON escape in the given hex format.
  private String escapeUnpaired(String text, String hexFormat) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append("\\u").append(String.format(hexFormat, (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  @RequiredRule
  public final void required_B8_timesOutsideYearsOneTo9999AreRefusedAndTheRangeRoundTripsExactly() {
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
    for (Instant outside : List.of(first.minusMillis(1), last.plusMillis(1),
        Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE),
        Instant.parse("-100000-01-01T00:00:00Z"))) {
      assertThatThrownBy(() -> EventRecord.builder(key("s"), "e", outside).build())
          .as("event at " + outside).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("timestamp");
      failsWith(InvalidArgumentException.class, "getEvents after " + outside,
          () -> store.getEvents(EventQuery.all(key("s")).after(outside)));
      failsWith(InvalidArgumentException.class, "deleteOldEvents before " + outside,
          () -> store.deleteOldEvents(RetentionScope.before(outside).countOnly()));
      failsWith(InvalidArgumentException.class, "restoreSession created at " + outside,
          () -> store.restoreSession(
              new SessionRecord(key("restored"), Map.of(), outside, T0, 1, null), List.of()));
    }
    assertThat(get(key("restored"))).isEmpty();
    SessionKey key = key("s1");
    create(key);
    List<Instant> times = List.of(first, Instant.parse("1969-12-31T23:59:59.999Z"),
        Instant.parse("1582-10-04T23:59:59.999Z"), last);
    for (int i = 0; i < times.size(); i++) {
      append(event(key, "e" + i, times.get(i)));
    }
    assertThat(events(key)).extracting(EventRecord::timestamp).containsExactlyElementsOf(times);
    assertThat(existing(key).updateTime()).isEqualTo(last);
    assertThat(ids(events(EventQuery.all(key).after(last)))).containsExactly("e3");
    assertThat(ids(events(EventQuery.all(key).after(first)))).hasSize(4);
    assertThat(ids(events(EventQuery.all(key).after(first.plusNanos(1))))).containsExactly("e1", "e2", "e3");
  }

  @Override
  @RequiredRule
  public final void required_B9_plainTextEventFieldsHaveASizeLimit() {
    AsyncAdkStore limited = openReadyStore(TckStoreOptions.defaults().withJsonLimits(10, 1_000));
    SessionKey key = key("s1");
    create(limited, key, Map.of());
    String longest = "a".repeat(1_000);
    String tooLong = longest + "b";
    EventRecord fits = EventRecord.builder(key, "fits", at(1)).author(longest).branch(longest)
        .invocationId(longest).errorCode(longest).errorMessage(longest).build();
    append(limited, fits, StateDelta.EMPTY);
    Map<String, EventRecord> over = new LinkedHashMap<>();
    over.put("author", EventRecord.builder(key, "x1", at(2)).author(tooLong).build());
    over.put("branch", EventRecord.builder(key, "x2", at(2)).branch(tooLong).build());
    over.put("invocationId", EventRecord.builder(key, "x3", at(2)).invocationId(tooLong).build());
    over.put("errorCode", EventRecord.builder(key, "x4", at(2)).errorCode(tooLong).build());
    over.put("errorMessage", EventRecord.builder(key, "x5", at(2)).errorMessage(tooLong).build());
    over.forEach((field, event) -> {
      PayloadLimitException error = failsWith(PayloadLimitException.class,
          "append with a " + tooLong.length() + "-character " + field,
          () -> limited.appendEvent(event, StateDelta.builder().putUser("u", 1).build()));
      assertThat(error.getMessage()).contains(field);
    });
    assertThat(events(limited, EventQuery.all(key))).containsExactly(fits);
    assertThat(succeeds("getUserState", () -> limited.getUserState(APP, USER))).isEmpty();
    assertStoreStillWorks(limited);
  }

  @Override
  @OptionalRule
  public final void optional_B10_corruptStoredStateIsAStorageErrorThatFailsOnlyWhatReadsIt()
      throws Exception {
    requireCapability(TckCapability.DATABASE_ACCESS);
    SessionKey s1 = key("s1");
    SessionKey s2 = key("s2");
    SessionKey other = SessionKey.of(APP, "bob", "s1");
    create(s1, Map.of("k", 1));
    create(s2, Map.of("k", 2));
    create(other, Map.of("k", 3));
    append(event(s1, "e1", 1), StateDelta.builder().putUser("u", 1).putApp("a", 1).build());
    append(event(other, "e1", 1), StateDelta.builder().putUser("u", 2).build());
    TckTableNames tables = TckStoreOptions.defaults().tableNames();
    TckDatabase db = database(store);
    db.execute("UPDATE " + tables.userStates() + " SET state = '[1]' WHERE user_id = '" + USER + "'");
    db.execute("UPDATE " + tables.sessions() + " SET state = '[2]' WHERE id = 's2' AND user_id = '" + USER + "'");

    AdkStoreException userRead = failsWith(AdkStoreException.class, "getUserState of a corrupt row",
        () -> store.getUserState(APP, USER));
    assertThat(userRead).isNotInstanceOf(InvalidArgumentException.class)
        .isInstanceOf(StorageException.class);
    failsWith(StorageException.class, "loadSession of a user whose user state is corrupt",
        () -> store.loadSession(EventQuery.all(s1)));
    failsWith(StorageException.class, "getSession of a corrupt session",
        () -> store.getSession(s2));
    // What does not read the corrupt rows keeps working.
    assertThat(existing(s1).state()).isEqualTo(Map.of("k", 1));
    assertThat(ids(events(s1))).containsExactly("e1");
    assertThat(appState(APP)).isEqualTo(Map.of("a", 1));
    assertThat(load(EventQuery.all(other)).userState()).isEqualTo(Map.of("u", 2));
    assertThat(keys(list(SessionQuery.forUser(APP, "bob")))).containsExactly(other);
    append(event(s1, "e2", 2), StateDelta.builder().putSession("k", 5).build());
    assertThat(existing(s1).state()).isEqualTo(Map.of("k", 5));
  }

  // ---- when the storage fails: W1 to W3 ---------------------------------------------------------

  // The storage failure tests start from a session with state, an event and app and user state, so
  // that a failed read answered as empty is told apart from the truth.
  private EventRecord storeSomething(SessionKey key) {
    create(key, Map.of("v", 1));
    EventRecord stored = event(key, "e1", 1);
    append(stored, StateDelta.builder().putApp("a", 1).putUser("u", 1).build());
    return stored;
  }

  @Override
  @OptionalRule
  public final void optional_W3_writesToRemovedStorageFailAndAreNeverAcknowledged()
      throws Exception {
    SessionKey key = key("s1");
    storeSomething(key);
    requireCapability(TckCapability.STORAGE_REMOVAL);
    removeStorage(store);
    for (int i = 0; i < 5; i++) {
      int n = i;
      failsWith(StorageException.class, "append " + n + " after the storage was removed",
          () -> store.appendEvent(event(key, "lost" + n, 10 + n), StateDelta.EMPTY));
    }
    failsWith(StorageException.class, "createSession after the storage was removed",
        () -> store.createSession(NewSession.of(key("other"), Map.of())));
    failsWith(StorageException.class, "replaceSessionState after the storage was removed",
        () -> store.replaceSessionState(key, Map.of("v", 2)));
  }

  private TckStorageFault breakTheStorage() throws Exception {
    requireCapability(TckCapability.STORAGE_FAULTS);
    TckStorageFault fault = breakStorage(store);
    assertThat(fault).as("breakStorage() returned null").isNotNull();
    activeFaults.add(fault);
    return fault;
  }

  private void repair(TckStorageFault fault) throws Exception {
    activeFaults.remove(fault);
    fault.repair();
  }

  @Override
  @OptionalRule
  public final void optional_W1_failedReadsAreReportedNeverAnsweredEmpty() throws Exception {
    SessionKey key = key("s1");
    EventRecord stored = storeSomething(key);
    TckStorageFault fault = breakTheStorage();
    Map<String, Supplier<CompletableFuture<?>>> reads = new LinkedHashMap<>();
    reads.put("getSession", () -> store.getSession(key));
    reads.put("loadSession", () -> store.loadSession(EventQuery.all(key)));
    reads.put("getEvents", () -> store.getEvents(EventQuery.all(key)));
    reads.put("listSessions(app)", () -> store.listSessions(SessionQuery.forApp(APP)));
    reads.put("listSessions(user)", () -> store.listSessions(SessionQuery.forUser(APP, USER)));
    reads.put("getAppState", () -> store.getAppState(APP));
    reads.put("getUserState", () -> store.getUserState(APP, USER));
    reads.put("listScopedStates", () -> store.listScopedStates(APP));
    reads.put("schemaVersion", store::schemaVersion);
    reads.forEach((what, read) -> assertThat(fails(what + " on failing storage", read))
        .as("%s on failing storage", what).isInstanceOf(StorageException.class));
    repair(fault);
    assertThat(events(key)).containsExactly(stored);
    assertThat(existing(key).state()).isEqualTo(Map.of("v", 1));
    assertThat(appState(APP)).isEqualTo(Map.of("a", 1));
    assertThat(succeeds("schemaVersion()", store::schemaVersion)).isPresent();
    EventRecord later = event(key, "later", 2);
    append(later, StateDelta.ofSession(Map.of("v", 2)));
    // Often enough to reach every pooled connection: none may be left in the failed read.
    for (int i = 0; i < 3 * TckSettings.threads(); i++) {
      SessionSnapshot snapshot = load(EventQuery.all(key));
      assertThat(snapshot.events()).as("events read after the repair").containsExactly(stored, later);
      assertThat(snapshot.session().state()).isEqualTo(Map.of("v", 2));
    }
  }

  @Override
  @OptionalRule
  public final void optional_W2_failedWritesAreReportedAndWriteNothing() throws Exception {
    SessionKey key = key("s1");
    EventRecord stored = storeSomething(key);
    SessionKey fresh = key("fresh");
    TckStorageFault fault = breakTheStorage();
    Map<String, Supplier<CompletableFuture<?>>> writes = new LinkedHashMap<>();
    writes.put("createSession", () -> store.createSession(NewSession.of(fresh, Map.of("f", 1))
        .withSharedState(StateDelta.builder().putApp("shared", 1).build())));
    writes.put("appendEvent", () -> store.appendEvent(event(key, "e2", 2),
        StateDelta.builder().putSession("v", 2).putApp("a", 2).putUser("u", 2).build()));
    writes.put("appendEvents", () -> store.appendEvents(key, List.of(
        new EventAppend(event(key, "e3", 3), StateDelta.ofSession(Map.of("v", 3))),
        new EventAppend(event(key, "e4", 4), StateDelta.builder().putApp("a", 4).build())),
        AppendCondition.NONE));
    writes.put("replaceSessionState", () -> store.replaceSessionState(key, Map.of("v", 5)));
    writes.put("restoreSession", () -> store.restoreSession(
        new SessionRecord(fresh, Map.of(), T0, T0, 3, null), List.of(event(fresh, "r1", 1))));
    writes.put("restoreScopedState",
        () -> store.restoreScopedState(new ScopedState(APP, null, Map.of("a", 6), T0)));
    writes.forEach((what, write) -> assertThat(fails(what + " on failing storage", write))
        .as("%s on failing storage", what).isInstanceOf(StorageException.class)
        .cause().as("the storage's own error, as the cause").isNotNull());
    assertThat(fails("appendEvent on failing storage",
        () -> store.appendEvent(event(key, "e5", 5), StateDelta.EMPTY)).getMessage())
        .as("a failing storage is not reported as missing tables")
        .doesNotContain("createTables");
    repair(fault);
    assertThat(get(fresh)).as("a failed create or restore writes nothing").isEmpty();
    assertThat(events(fresh)).isEmpty();
    assertThat(events(key)).as("failed appends write nothing").containsExactly(stored);
    assertThat(existing(key).state()).isEqualTo(Map.of("v", 1));
    assertThat(appState(APP)).isEqualTo(Map.of("a", 1));
    assertThat(userState(APP, USER)).isEqualTo(Map.of("u", 1));
    assertStoreStillWorks(store);
  }

  // ---- concurrency and load: C1 to C4 -----------------------------------------------------------

  @Override
  @RequiredRule
  public final void required_C1_concurrentAppendsToManySessionsAllPersistOnce() {
    int threads = TckSettings.threads();
    int perThread = Math.min(20, TckSettings.operationsPerThread());
    List<SessionKey> sessions = IntStream.range(0, threads)
        .mapToObj(i -> key("c" + i)).collect(Collectors.toList());
    sessions.forEach(this::create);
    runConcurrently(threads, i -> {
      for (int j = 0; j < perThread; j++) {
        append(event(sessions.get(i), String.format("e%03d", j), j));
      }
    });
    for (SessionKey key : sessions) {
      List<String> expected = IntStream.range(0, perThread)
          .mapToObj(j -> String.format("e%03d", j)).collect(Collectors.toList());
      assertThat(ids(events(key))).as("events of %s", key).isEqualTo(expected);
    }
    assertThat(succeeds("stats()", store::stats).events()).isEqualTo((long) threads * perThread);
  }

  @Override
  @RequiredRule
  public final void required_C2_concurrentWritersAndReadersSeeNoBusyErrorsAndLoseNothing() {
    int threads = TckSettings.threads();
    int writers = Math.max(1, threads / 2);
    int perWriter = TckSettings.operationsPerThread();
    List<SessionKey> shared = List.of(key("hot1"), key("hot2"), key("hot3"));
    shared.forEach(this::create);
    ConcurrentLinkedQueue<EventRecord> acknowledged = new ConcurrentLinkedQueue<>();
    CountDownLatch writersDone = new CountDownLatch(writers);
    runConcurrently(threads, i -> {
      if (i < writers) {
        try {
          for (int j = 0; j < perWriter; j++) {
            EventRecord e = event(shared.get(j % shared.size()), "w" + i + "-" + j, j);
            append(e, StateDelta.builder().putApp("w" + i, j).putUser("w" + i, j)
                .putSession("w" + i, j).build());
            acknowledged.add(e);
          }
        } finally {
          writersDone.countDown();
        }
      } else {
        // Readers keep reading until every writer is done, and at least a few times.
        for (int reads = 0; writersDone.getCount() > 0 || reads < 3; reads++) {
          SessionKey target = shared.get(reads % shared.size());
          events(EventQuery.all(target).last(5));
          load(EventQuery.all(target));
          list(SessionQuery.forApp(APP).limit(10));
        }
      }
    });
    Set<String> stored = new HashSet<>();
    for (SessionKey key : shared) {
      stored.addAll(ids(events(key)));
    }
    assertThat(stored).containsAll(acknowledged.stream().map(EventRecord::id).collect(Collectors.toSet()));
    assertThat(stored).hasSize(writers * perWriter);
    Map<String, Object> app = appState(APP);
    for (int i = 0; i < writers; i++) {
      assertThat(app).containsEntry("w" + i, perWriter - 1);
    }
  }

  @Override
  @OptionalRule
  public final void optional_C3_fullQueueFailsFastWithOverload() {
    requireCapability(TckCapability.BOUNDED_WRITE_QUEUE);
    AsyncAdkStore small = openReadyStore(TckStoreOptions.defaults().withWriteQueueCapacity(1));
    SessionKey key = key("flood");
    create(small, key, Map.of());
    int attempts = 5_000;
    List<CompletableFuture<Long>> futures = new ArrayList<>(attempts);
    for (int i = 0; i < attempts; i++) {
      EventRecord e = event(key, "f" + i, i);
      futures.add(invoke("appendEvent under flood", () -> small.appendEvent(e, StateDelta.EMPTY)));
    }
    long overloaded = 0;
    long succeeded = 0;
    for (CompletableFuture<Long> future : futures) {
      Throwable outcome = awaitOutcome("flooded append", future);
      if (outcome == null) {
        succeeded++;
      } else {
        assertThat(outcome).as("the only acceptable failure under flood")
            .isInstanceOf(StoreOverloadedException.class);
        overloaded++;
      }
    }
    assertThat(overloaded).as("appends refused with StoreOverloadedException").isPositive();
    assertThat(events(small, EventQuery.all(key))).as("every acknowledged append persisted")
        .hasSize((int) succeeded);
    assertReadsFailFastUnderFlood(small, key);
    assertStoreStillWorks(small);
  }

  // Reads queue too: a flood of them is refused the same way, and every answered read is right.
  private void assertReadsFailFastUnderFlood(AsyncAdkStore small, SessionKey key) {
    int attempts = 5_000;
    List<CompletableFuture<Optional<SessionRecord>>> reads = new ArrayList<>(attempts);
    for (int i = 0; i < attempts; i++) {
      reads.add(invoke("getSession under flood", () -> small.getSession(key)));
    }
    long overloaded = 0;
    for (CompletableFuture<Optional<SessionRecord>> read : reads) {
      Throwable outcome = awaitOutcome("flooded read", read);
      if (outcome == null) {
        assertThat(read.join()).as("an answered read under flood").isPresent();
      } else {
        assertThat(outcome).as("the only acceptable failure of a read under flood")
            .isInstanceOf(StoreOverloadedException.class);
        overloaded++;
      }
    }
    assertThat(overloaded).as("reads refused with StoreOverloadedException").isPositive();
  }

  @Override
  @RequiredRule
  public final void required_C4_futuresCompleteOffTheCallersThread() {
    SessionKey key = key("s1");
    create(key);
    Thread caller = Thread.currentThread();
    int pendingAtReturn = 0;
    List<CompletableFuture<Thread>> completers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      EventRecord e = event(key, "e" + i, i);
      CompletableFuture<Long> future = invoke("appendEvent", () -> store.appendEvent(e, StateDelta.EMPTY));
      if (future.isDone()) {
        awaitSuccess("appendEvent", future);
        continue;
      }
      pendingAtReturn++;
      AtomicBoolean registering = new AtomicBoolean(true);
      CompletableFuture<Thread> completer = new CompletableFuture<>();
      future.whenComplete((v, err) -> completer.complete(
          registering.get() ? null : Thread.currentThread()));
      registering.set(false);
      completers.add(completer);
    }
    assertThat(pendingAtReturn)
        .as("futures of writes are pending when returned: the work is not done on the caller's thread")
        .isPositive();
    for (CompletableFuture<Thread> completer : completers) {
      Thread thread = awaitSuccess("completion of a pending append", completer);
      if (thread != null) {
        assertThat(thread).as("thread completing a pending future").isNotSameAs(caller);
      }
    }
    assertThat(events(key)).hasSize(20);
  }

  /**
   * {@link StoreContractRules#required_C4_futuresCompleteOffTheCallersThread C4}, also: a
   * completion callback that blocks on the store.
   */
  @RequiredRule
  void required_C4_blockingInsideACompletionCallbackDoesNotDeadlock() {
    SessionKey key = key("s1");
    create(key);
    List<CompletableFuture<String>> callbacks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      EventRecord e = event(key, "outer" + i, i);
      EventRecord nested = event(key, "nested" + i, 100 + i);
      CompletableFuture<Long> outer = invoke("appendEvent", () -> store.appendEvent(e, StateDelta.EMPTY));
      callbacks.add(outer.thenApply(version -> {
        // Blocks the completing thread on more work of the same store.
        long next = awaitSuccess("append inside a callback",
            store.appendEvent(nested, StateDelta.EMPTY));
        Optional<SessionRecord> read = awaitSuccess("read inside a callback", store.getSession(key));
        return next + ":" + read.isPresent();
      }));
    }
    for (CompletableFuture<String> callback : callbacks) {
      assertThat(awaitSuccess("callback that blocks on the store", callback)).endsWith(":true");
    }
    assertThat(events(key)).hasSize(10);
  }

  // ---- long-term memory -------------------------------------------------------------------------

  private static final String EMBEDDER = "tck-embedder/3";

  private MemoryEntry memory(SessionKey session, String eventKey, long millis, List<String> words) {
    return memory(session, eventKey, millis, words, null);
  }

  private MemoryEntry memory(
      SessionKey session, String eventKey, long millis, List<String> words, MemoryEmbedding embedding) {
    return new MemoryEntry(session, eventKey, "user", at(millis),
        "{\"role\":\"user\",\"parts\":[{\"text\":" + jsonString(String.join(" ", words)) + "}]}",
        words, embedding);
  }

  private static MemoryEmbedding vector(float... values) {
    return new MemoryEmbedding(EMBEDDER, values);
  }

  private int addMemories(MemoryEntry... entries) {
    return succeeds("addMemories", () -> store.addMemories(List.of(entries)));
  }

  private Set<String> known(SessionKey session, String... keys) {
    return succeeds("knownMemoryKeys", () -> store.knownMemoryKeys(session, List.of(keys)));
  }

  private List<MemoryEntry> searchEntries(String user, int limit, String... words) {
    return succeeds("searchMemories",
        () -> store.searchMemories(new MemorySearch(APP, user, List.of(words), limit)));
  }

  private List<String> searchKeys(String user, int limit, String... words) {
    return memoryKeys(searchEntries(user, limit, words));
  }

  private List<String> nearestKeys(MemoryEmbedding query, int limit, double minSimilarity) {
    return memoryKeys(succeeds("nearestMemories",
        () -> store.nearestMemories(new MemoryNeighbours(APP, USER, query, limit, minSimilarity))));
  }

  private static List<String> memoryKeys(List<MemoryEntry> entries) {
    return entries.stream().map(e -> e.session().sessionId() + "/" + e.eventKey()).toList();
  }

  @Override
  @OptionalRule
  public final void optional_M1_addStoresNewEntriesOnceAndAtomically() {
    requireCapability(TckCapability.MEMORY);
    SessionKey session = key("m1");
    MemoryEntry first = memory(session, "e1", 1, List.of("apple"));
    assertThat(addMemories(first, memory(session, "e2", 2, List.of("apple", "pear")))).isEqualTo(2);
    MemoryEntry changed = new MemoryEntry(session, "e1", "model", at(9), "{\"changed\":true}",
        List.of("changed"), vector(1, 0, 0));
    assertThat(addMemories(changed, memory(session, "e3", 3, List.of("apple"))))
        .as("a known key is skipped").isEqualTo(1);
    assertThat(searchKeys(USER, 10, "changed")).isEmpty();
    assertThat(searchEntries(USER, 10, "apple")).filteredOn(e -> e.eventKey().equals("e1"))
        .as("the stored entry stays as it was").containsExactly(first);

    assertThat(addMemories(memory(session, "e4", 4, List.of("kiwi")), memory(session, "e4", 5, List.of("plum"))))
        .as("a key twice in one batch").isEqualTo(1);
    assertThat(searchKeys(USER, 10, "kiwi")).containsExactly("m1/e4");
    assertThat(searchKeys(USER, 10, "plum")).isEmpty();

    MemoryEntry good = memory(session, "e5", 6, List.of("fig"));
    MemoryEntry notAnObject = new MemoryEntry(session, "e6", null, at(7), "[1, 2]", List.of("fig"), null);
    failsWith(InvalidArgumentException.class, "a batch whose last content is not a JSON object",
        () -> store.addMemories(List.of(good, notAnObject)));
    assertThat(known(session, "e5", "e6")).as("a failed batch stores nothing").isEmpty();
  }

  @Override
  @OptionalRule
  public final void optional_M2_knownKeysAreTheStoredOnesOfThatSession() {
    requireCapability(TckCapability.MEMORY);
    SessionKey session = key("m2");
    SessionKey sibling = key("m2-other");
    addMemories(memory(session, "a", 1, List.of("x")), memory(session, "b", 2, List.of("x")),
        memory(sibling, "c", 3, List.of("x")));
    assertThat(known(session, "a", "b", "c", "missing")).containsExactlyInAnyOrder("a", "b");
    assertThat(known(sibling, "a")).isEmpty();
    assertThat(known(SessionKey.of(APP, "bob", "m2"), "a", "b")).isEmpty();
    assertThat(known(SessionKey.of("other_app", USER, "m2"), "a", "b")).isEmpty();
    assertThat(known(session)).isEmpty();
  }

  @Override
  @OptionalRule
  public final void optional_M3_searchFindsOneUsersEntriesHoldingAWordBestFirst() {
    requireCapability(TckCapability.MEMORY);
    SessionKey first = key("m3a");
    SessionKey second = key("m3b");
    addMemories(
        memory(first, "e1", 1, List.of("red", "car", "sky")),
        memory(first, "e2", 2, List.of("red", "bike", "sea")),
        memory(second, "e3", 3, List.of("blue", "car", "sun")),
        memory(second, "e4", 2, List.of("red", "boat", "fog")),
        memory(second, "e5", 4, List.of("OR", "NOT", "NEAR")),
        memory(SessionKey.of(APP, "bob", "m3a"), "e1", 9, List.of("red", "car", "sky")),
        memory(SessionKey.of("other_app", USER, "m3a"), "e1", 9, List.of("red", "car", "sky")));

    assertThat(searchKeys(USER, 10, "red")).as("equal relevance: newer, then session, then key")
        .containsExactly("m3a/e2", "m3b/e4", "m3a/e1");
    List<String> both = searchKeys(USER, 10, "red", "car");
    assertThat(both).as("the entry holding both words first").startsWith("m3a/e1");
    assertThat(both).containsExactlyInAnyOrder("m3a/e1", "m3a/e2", "m3b/e4", "m3b/e3");
    assertThat(searchEntries(USER, 10, "red", "car")).allSatisfy(e -> {
      assertThat(e.session().appName()).isEqualTo(APP);
      assertThat(e.session().userId()).isEqualTo(USER);
    });
    assertThat(searchKeys(USER, 1, "red", "car")).containsExactly("m3a/e1");
    assertThat(searchKeys(USER, 0, "red")).isEmpty();
    assertThat(searchKeys(USER, 10)).as("no words").isEmpty();
    assertThat(searchKeys(USER, 10, "cart", "re")).as("whole words only").isEmpty();
    assertThatThrownBy(() -> new MemorySearch(APP, USER, List.of("red"), -1))
        .isInstanceOf(InvalidArgumentException.class);

    assertThat(searchKeys(USER, 10, "\"", "*", "-", ":", "^", "(", ")", "sky\"", "a:b", "\"\"", "x*"))
        .as("query syntax as words").doesNotContain("m3b/e5", "m3a/e2", "m3b/e3", "m3b/e4");
    assertThat(searchKeys(USER, 10, "OR")).as("an operator is a word").containsExactly("m3b/e5");
    assertThat(searchKeys(USER, 10, "NOT", "NEAR")).containsExactly("m3b/e5");
  }

  @Override
  @OptionalRule
  public final void optional_M4_nearestFindsOneUsersEntriesOfOneEmbedderBySimilarity() {
    requireCapability(TckCapability.MEMORY);
    SessionKey session = key("m4");
    addMemories(
        memory(session, "same", 1, List.of("a"), vector(1, 0, 0)),
        memory(session, "close", 2, List.of("a"), vector(0.8f, 0.6f, 0)),
        memory(session, "orthogonal", 3, List.of("a"), vector(0, 1, 0)),
        memory(session, "opposite", 4, List.of("a"), vector(-1, 0, 0)),
        memory(session, "otherModel", 5, List.of("a"), new MemoryEmbedding("other-model/3", new float[] {1, 0, 0})),
        memory(session, "noVector", 6, List.of("a")),
        memory(SessionKey.of(APP, "bob", "m4"), "bob", 7, List.of("a"), vector(1, 0, 0)));
    MemoryEmbedding query = vector(2, 0, 0);
    assertThat(nearestKeys(query, 10, 0.5)).containsExactly("m4/same", "m4/close");
    assertThat(nearestKeys(query, 10, -1))
        .containsExactly("m4/same", "m4/close", "m4/orthogonal", "m4/opposite");
    assertThat(nearestKeys(query, 1, -1)).containsExactly("m4/same");
    assertThat(nearestKeys(query, 0, -1)).isEmpty();
  }

  @Override
  @OptionalRule
  public final void optional_M5_deleteRemovesOneUsersOrOneSessionsEntriesOnly() {
    requireCapability(TckCapability.MEMORY);
    SessionKey one = key("m5a");
    SessionKey two = key("m5b");
    SessionKey bobs = SessionKey.of(APP, "bob", "m5a");
    SessionKey otherApp = SessionKey.of("other_app", USER, "m5a");
    MemoryEntry e1 = memory(one, "e1", 1, List.of("tea"));
    addMemories(e1, memory(one, "e2", 2, List.of("tea")), memory(two, "e3", 3, List.of("tea")),
        memory(bobs, "e4", 4, List.of("tea")), memory(otherApp, "e5", 5, List.of("tea")));
    assertThat(succeeds("deleteMemories of a session", () -> store.deleteMemories(APP, USER, "m5a")))
        .isEqualTo(2L);
    assertThat(known(one, "e1", "e2")).isEmpty();
    assertThat(searchKeys(USER, 10, "tea")).as("the index lost them too").containsExactly("m5b/e3");
    assertThat(succeeds("deleteMemories of a user", () -> store.deleteMemories(APP, USER, null))).isEqualTo(1L);
    assertThat(succeeds("deleteMemories of nothing", () -> store.deleteMemories(APP, USER, null))).isZero();
    assertThat(known(bobs, "e4")).containsExactly("e4");
    assertThat(known(otherApp, "e5")).containsExactly("e5");
    assertThat(addMemories(e1)).as("an erased entry is added again").isEqualTo(1);
    assertThat(searchKeys(USER, 10, "tea")).containsExactly("m5a/e1");
  }

  @Override
  @OptionalRule
  public final void optional_M6_entriesOfOldEventsAreDeletedByRetention() {
    requireCapability(TckCapability.MEMORY);
    SessionKey session = key("m6");
    SessionKey otherApp = SessionKey.of("other_app", USER, "m6");
    addMemories(
        new MemoryEntry(session, "old", null, T0, "{}", List.of("w"), null),
        new MemoryEntry(session, "exact", null, RETENTION_CUTOFF, "{}", List.of("w"), null),
        new MemoryEntry(session, "fresh", null, RETENTION_CUTOFF.plusMillis(1), "{}", List.of("w"), null),
        new MemoryEntry(otherApp, "old", null, T0, "{}", List.of("w"), null));
    RetentionScope inApp = RetentionScope.before(RETENTION_CUTOFF).inApp(APP);
    assertThat(succeeds("dry run", () -> store.deleteOldMemories(inApp.countOnly()))).isEqualTo(1L);
    assertThat(known(session, "old")).as("a dry run deletes nothing").containsExactly("old");
    assertThat(succeeds("deleteOldMemories in one app", () -> store.deleteOldMemories(inApp))).isEqualTo(1L);
    assertThat(known(session, "old", "exact", "fresh")).containsExactlyInAnyOrder("exact", "fresh");
    assertThat(known(otherApp, "old")).containsExactly("old");
    assertThat(succeeds("deleteOldMemories in all apps",
        () -> store.deleteOldMemories(RetentionScope.before(RETENTION_CUTOFF)))).isEqualTo(1L);
    assertThat(known(otherApp, "old")).isEmpty();
  }

  @Override
  @OptionalRule
  public final void optional_M7_entriesDoNotDependOnSessions() {
    requireCapability(TckCapability.MEMORY);
    SessionKey missing = key("m7-missing");
    assertThat(addMemories(memory(missing, "e1", 1, List.of("w")))).isEqualTo(1);
    SessionKey deleted = key("m7-deleted");
    create(deleted);
    addMemories(memory(deleted, "e1", 1, List.of("w")));
    assertThat(succeeds("deleteSession", () -> store.deleteSession(deleted))).isTrue();
    SessionKey idle = idleSince(APP, USER, "m7-idle", T0);
    addMemories(memory(idle, "e1", 1, List.of("w")));
    assertThat(succeeds("deleteIdleSessions",
        () -> store.deleteIdleSessions(RetentionScope.before(RETENTION_CUTOFF)))).isPositive();
    assertThat(get(idle)).isEmpty();
    assertThat(known(missing, "e1")).containsExactly("e1");
    assertThat(known(deleted, "e1")).containsExactly("e1");
    assertThat(known(idle, "e1")).containsExactly("e1");
  }

  @Override
  @OptionalRule
  public final void optional_M8_anEntryReadsBackAsAdded() {
    requireCapability(TckCapability.MEMORY);
    MemoryEmbedding embedding = new MemoryEmbedding(EMBEDDER,
        new float[] {0.1f, -2.5f, Float.MAX_VALUE, Float.MIN_VALUE});
    MemoryEntry full = new MemoryEntry(key("m8"), "e-\uD83D\uDE00", "model \uD83D\uDE00", at(123_456),
        "{\"role\": \"model\",  \"parts\":[{\"text\":\"na\u00efve caf\u00e9 \uD83D\uDE00\"}]}",
        List.of("na\u00efve", "caf\u00e9", "\uD83D\uDE00"), embedding);
    MemoryEntry bare = new MemoryEntry(key("m8"), "e2", null, at(7), "{}", List.of("bare"), null);
    assertThat(addMemories(full, bare)).isEqualTo(2);
    assertThat(searchEntries(USER, 10, "caf\u00e9")).containsExactly(full);
    assertThat(succeeds("nearestMemories", () -> store.nearestMemories(
        new MemoryNeighbours(APP, USER, embedding, 5, 0.99)))).containsExactly(full);
    assertThat(searchEntries(USER, 10, "bare")).containsExactly(bare);
  }

  @Override
  @OptionalRule
  public final void optional_M9_entriesFollowTheGeneralRules() {
    requireCapability(TckCapability.MEMORY);
    AsyncAdkStore bare = openStore(TckStoreOptions.defaults());
    SessionKey session = key("m9");
    assertThat(succeeds("search before createTables",
        () -> bare.searchMemories(new MemorySearch(APP, USER, List.of("w"), 5)))).isEmpty();
    assertThat(succeeds("known keys before createTables",
        () -> bare.knownMemoryKeys(session, List.of("e1")))).isEmpty();
    assertThat(succeeds("nearest before createTables", () -> bare.nearestMemories(
        new MemoryNeighbours(APP, USER, vector(1, 0, 0), 5, 0)))).isEmpty();
    failsWith(StorageException.class, "add before createTables",
        () -> bare.addMemories(List.of(memory(session, "e1", 1, List.of("w")))));

    Throwable blank = failsWith(InvalidArgumentException.class, "deleteMemories with a blank app",
        () -> store.deleteMemories(" ", USER, null));
    assertThat(((InvalidArgumentException) blank).field()).isEqualTo("appName");
    Throwable tooLong = failsWith(InvalidArgumentException.class, "deleteMemories with an over-long user",
        () -> store.deleteMemories(APP, "u".repeat(129), null));
    assertThat(((InvalidArgumentException) tooLong).field()).isEqualTo("userId");
    failsWith(InvalidArgumentException.class, "knownMemoryKeys with a blank key",
        () -> store.knownMemoryKeys(session, List.of(" ")));

    SessionKey hostile = SessionKey.of(APP, USER, "'; DROP TABLE x; --\u0000\uD83D\uDE00");
    MemoryEntry odd = new MemoryEntry(hostile, "k\u0000'\";", "O'Brien\u0000",
        at(5), "{\"text\":\"\\u0000 ' \\\" ; --\"}", List.of("it's;", "\uD83D\uDE00\uD83D\uDE00", "drop"), null);
    assertThat(addMemories(odd)).isEqualTo(1);
    assertThat(searchEntries(USER, 10, "\uD83D\uDE00\uD83D\uDE00")).containsExactly(odd);
    assertThat(known(hostile, "k\u0000'\";")).containsExactly("k\u0000'\";");

    AsyncAdkStore small = openReadyStore(TckStoreOptions.defaults().withJsonLimits(20, 1_000));
    MemoryEntry oversized = new MemoryEntry(session, "big", null, at(1),
        "{\"text\":\"" + "x".repeat(2_000) + "\"}", List.of("big"), null);
    failsWith(PayloadLimitException.class, "content over the limit", () -> small.addMemories(List.of(oversized)));
    assertThat(succeeds("known keys after the refusal", () -> small.knownMemoryKeys(session, List.of("big"))))
        .isEmpty();
    assertThat(succeeds("an add after the failures",
        () -> small.addMemories(List.of(memory(session, "ok", 1, List.of("fine")))))).isEqualTo(1);

    List<MemoryEntry> shared = IntStream.range(0, 20)
        .mapToObj(i -> memory(key("m9-shared"), "k" + i, i, List.of("shared", "w" + i))).toList();
    ConcurrentLinkedQueue<Integer> added = new ConcurrentLinkedQueue<>();
    runConcurrently(12, thread -> {
      if (thread < 8) {
        added.add(awaitSuccess("concurrent addMemories", store.addMemories(shared)));
      } else {
        awaitSuccess("concurrent searchMemories",
            store.searchMemories(new MemorySearch(APP, USER, List.of("shared"), 50)));
      }
    });
    assertThat(added.stream().mapToInt(Integer::intValue).sum()).as("each entry added once").isEqualTo(20);
    assertThat(searchKeys(USER, 50, "shared")).hasSize(20);
  }

  /**
   * Wraps a call that must not throw; exposed for backend-specific tests that extend the TCK.
   *
   * @param what a description
   * @param call the call
   * @param <T> the result type
   * @return the result
   */
  protected static <T> T await(String what, Supplier<CompletableFuture<T>> call) {
    return succeeds(what, call);
  }
}
