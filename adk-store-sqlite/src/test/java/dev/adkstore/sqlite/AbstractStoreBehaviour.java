package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static dev.adkstore.sqlite.Fixtures.event;
import static dev.adkstore.sqlite.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.AlreadyExistsException;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.NotFoundException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StaleSessionException;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreStats;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's behaviour, run against a file (FileStoreBehaviourTest) and an in-memory database
 * (InMemoryStoreBehaviourTest). The TCK covers the contract for every backend; these tests pin
 * down what is SQLite-specific and the rules the implementation is most likely to get wrong.
 */
abstract class AbstractStoreBehaviour {
  static final SessionKey KEY = SessionKey.of("app", "alice", "s1");

  SqliteAdkStore store;

  /** A builder pointing at this variant's database; each call for a new database. */
  abstract SqliteStoreConfig.Builder newDatabase();

  SqliteAdkStore open(SqliteStoreConfig.Builder builder) {
    SqliteAdkStore opened = SqliteAdkStore.open(builder.build());
    await(opened.createTables());
    return opened;
  }

  @BeforeEach
  void openStore() {
    store = open(newDatabase());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  SessionRecord create(SessionKey key, Map<String, Object> state) {
    return await(store.createSession(NewSession.of(key, state)));
  }

  List<Map<String, Object>> rows(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(store.config().jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  @Test
  void createTablesIsIdempotentAndRecordsTheVersion() {
    await(store.createTables());
    await(store.createTables());
    assertThat(await(store.schemaVersion())).isEqualTo(OptionalInt.of(1));
    assertThat(create(KEY, Map.of()).key()).isEqualTo(KEY);
  }

  @Test
  void readsBeforeCreateTablesAreEmptyAndWritesFailClearly() {
    try (SqliteAdkStore fresh = SqliteAdkStore.open(newDatabase().build())) {
      assertThat(await(fresh.schemaVersion())).isEmpty();
      assertThat(await(fresh.getSession(KEY))).isEmpty();
      assertThat(await(fresh.loadSession(EventQuery.all(KEY)))).isEmpty();
      assertThat(await(fresh.listSessions(SessionQuery.forApp("app")))).isEmpty();
      assertThat(await(fresh.getEvents(EventQuery.all(KEY)))).isEmpty();
      assertThat(await(fresh.getAppState("app"))).isEmpty();
      assertThat(await(fresh.getUserState("app", "alice"))).isEmpty();
      assertThat(await(fresh.listScopedStates(null))).isEmpty();
      assertThat(await(fresh.stats()).schemaVersion()).isZero();
      assertThat(failure(fresh.createSession(NewSession.of(KEY, Map.of()))))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("createTables()");
      await(fresh.createTables());
      assertThat(await(fresh.createSession(NewSession.of(KEY, Map.of()))).key()).isEqualTo(KEY);
    }
  }

  @Test
  void customTableNamesAreUsedAndTheDefaultsStayAbsent() throws SQLException {
    try (SqliteAdkStore custom = open(newDatabase().tableNames(TableNames.withPrefix("t1_")))) {
      await(custom.createSession(NewSession.of(KEY, Map.of("k", "v"))));
      await(custom.appendEvent(event(KEY, "e1", 1000), StateDelta.builder().putApp("a", 1).putUser("u", 2).build()));
      List<String> tables = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(custom.config().jdbcUrl());
          ResultSet rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("t1_sessions", "t1_events", "t1_app_states", "t1_user_states", "t1_metadata");
      assertThat(tables).noneMatch(t -> t.startsWith("adk_"));
      assertThat(await(custom.getEvents(EventQuery.all(KEY)))).hasSize(1);
    }
  }

  // ---- sessions --------------------------------------------------------------------------------

  @Test
  void nestedStateRoundTripsWithItsNumberTypes() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("turn", 1);
    state.put("nested", Map.of("a", List.of(1, 2)));
    state.put("s", "é ✓ 😀");
    state.put("n", null);
    state.put("b", true);
    state.put("d", 1.5);
    state.put("one", 1.0);
    state.put("long", 12_345_678_901L);
    state.put("big", new BigInteger("123456789012345678901234567890"));
    SessionRecord created = create(KEY, state);
    SessionRecord read = await(store.getSession(KEY)).orElseThrow();
    assertThat(created.state()).isEqualTo(state);
    assertThat(read.state()).isEqualTo(state);
    assertThat(read.state().get("one")).isInstanceOf(Double.class);
    assertThat(read.state().get("long")).isInstanceOf(Long.class);
    assertThat(read.state().get("big")).isInstanceOf(BigInteger.class);
    assertThat(read.createTime()).isEqualTo(read.updateTime()).isEqualTo(created.createTime());
    assertThat(read.version()).isEqualTo(1);
  }

  @Test
  void sessionsAreIdentifiedByAppUserAndId() {
    create(KEY, Map.of("who", "alice"));
    create(SessionKey.of("app", "bob", "s1"), Map.of("who", "bob"));
    create(SessionKey.of("other", "alice", "s1"), Map.of("who", "other-app"));
    assertThat(await(store.getSession(KEY)).orElseThrow().state()).containsEntry("who", "alice");
    assertThat(await(store.getSession(SessionKey.of("app", "carol", "s1")))).isEmpty();
    assertThat(await(store.deleteSession(SessionKey.of("app", "bob", "s1")))).isTrue();
    assertThat(await(store.getSession(KEY))).isPresent();
    assertThat(await(store.getSession(SessionKey.of("other", "alice", "s1")))).isPresent();
  }

  @Test
  void duplicateSessionFailsAndLeavesTheOriginalUnchanged() {
    create(KEY, Map.of("v", 1));
    await(store.appendEvent(event(KEY, "e1", 1000), StateDelta.EMPTY));
    assertThat(failure(store.createSession(NewSession.of(KEY, Map.of("v", 2)))))
        .isInstanceOf(AlreadyExistsException.class);
    SessionRecord read = await(store.getSession(KEY)).orElseThrow();
    assertThat(read.state()).isEqualTo(Map.of("v", 1));
    assertThat(await(store.getEvents(EventQuery.all(KEY)))).hasSize(1);
  }

  @Test
  void replaceStateReplacesWholesaleAndMissingSessionIsNotFound() {
    SessionRecord created = create(KEY, Map.of("a", 1, "b", 2));
    SessionRecord replaced = await(store.replaceSessionState(KEY, Map.of("c", 3)));
    assertThat(replaced.state()).isEqualTo(Map.of("c", 3));
    assertThat(replaced.version()).isEqualTo(created.version() + 1);
    assertThat(replaced.updateTime()).isAfterOrEqualTo(created.updateTime());
    assertThat(await(store.getSession(KEY)).orElseThrow().state()).isEqualTo(Map.of("c", 3));
    assertThat(failure(store.replaceSessionState(SessionKey.of("app", "alice", "nope"), Map.of())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listingIsTotallyOrderedFilteredThenPaged() {
    for (int i = 0; i < 7; i++) {
      SessionKey key = SessionKey.of("app", i % 2 == 0 ? "alice" : "bob", "s" + i);
      create(key, Map.of("i", i));
      // Equal update times for pairs of sessions, so the id tie-break decides.
      await(store.appendEvent(event(key, "e", 1000L * (i / 2)), StateDelta.EMPTY));
    }
    create(SessionKey.of("elsewhere", "alice", "x"), Map.of());
    List<SessionRecord> all = await(store.listSessions(SessionQuery.forApp("app")));
    assertThat(all).hasSize(7).extracting(r -> r.key().sessionId())
        .containsExactly("s6", "s5", "s4", "s3", "s2", "s1", "s0");
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 9; offset += 3) {
      await(store.listSessions(SessionQuery.forApp("app").page(3, offset)))
          .forEach(r -> paged.add(r.key().sessionId()));
    }
    assertThat(paged).containsExactly("s6", "s5", "s4", "s3", "s2", "s1", "s0");
    assertThat(await(store.listSessions(SessionQuery.forUser("app", "alice").orderedBy(SessionQuery.OrderBy.CREATE_TIME, false))))
        .extracting(r -> r.key().sessionId()).containsExactly("s0", "s2", "s4", "s6");
    assertThat(await(store.listSessions(SessionQuery.forUser("app", "bob").page(1, 1))))
        .extracting(r -> r.key().sessionId()).containsExactly("s3");
    assertThat(await(store.listSessions(SessionQuery.forApp("app").limit(0)))).isEmpty();
    assertThat(await(store.listSessions(SessionQuery.forApp("nobody")))).isEmpty();
    assertThat(await(store.listSessions(SessionQuery.everything()))).hasSize(8);
  }

  @Test
  void deleteCascadesToEvents() {
    create(KEY, Map.of());
    await(store.appendEvent(event(KEY, "e1", 1000), StateDelta.EMPTY));
    assertThat(await(store.deleteSession(KEY))).isTrue();
    assertThat(await(store.deleteSession(KEY))).isFalse();
    create(KEY, Map.of());
    assertThat(await(store.getEvents(EventQuery.all(KEY)))).isEmpty();
  }

  @Test
  void timestampsAreJulianDaysReadBackToTheExactMillisecond() throws SQLException {
    create(KEY, Map.of());
    long[] millis = {0L, 1L, 999L, 1_700_000_000_123L, 1_732_400_000_999L, 4_102_444_799_999L, -86_400_001L};
    for (int i = 0; i < millis.length; i++) {
      await(store.appendEvent(event(KEY, "e" + i, millis[i]), StateDelta.EMPTY));
    }
    assertThat(await(store.getEvents(EventQuery.all(KEY))))
        .extracting(e -> e.timestamp().toEpochMilli())
        .containsExactly(millis[0], millis[1], millis[2], millis[3], millis[4], millis[5], millis[6]);
    assertThat(await(store.getSession(KEY)).orElseThrow().updateTime()).isEqualTo(Instant.ofEpochMilli(millis[6]));
    double stored = (Double) rows("SELECT timestamp FROM adk_events WHERE id = 'e3'").get(0).get("timestamp");
    assertThat(stored).isCloseTo(2440587.5 + 1_700_000_000_123L / 86_400_000.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  // ---- events ----------------------------------------------------------------------------------

  @Test
  void everyEventFieldRoundTripsAndActionsAreStoredAsJsonBytes() throws SQLException {
    create(KEY, Map.of());
    EventRecord full = EventRecord.builder(KEY, "e-1", Instant.ofEpochMilli(1_700_000_000_123L))
        .invocationId("inv").author("agent").actions("{\"stateDelta\":{\"k\":1}}".getBytes(StandardCharsets.UTF_8))
        .longRunningToolIdsJson("[\"t1\"]").branch("root.sub").content("{\"parts\":[{\"text\":\"hi\"}]}")
        .groundingMetadata("{\"g\":true}").customMetadata("{\"c\":[1,2]}").partial(false)
        .turnComplete(true).interrupted(null).errorCode("E").errorMessage("bad ' \"; DROP TABLE x")
        .extra("{\"usageMetadata\":{\"tokens\":3}}").build();
    EventRecord sparse = EventRecord.builder(KEY, "e-2", Instant.ofEpochMilli(1_700_000_000_124L)).build();
    await(store.appendEvent(full, StateDelta.EMPTY));
    await(store.appendEvent(sparse, StateDelta.EMPTY));
    assertThat(await(store.getEvents(EventQuery.all(KEY)))).containsExactly(full, sparse);
    Object actions = rows("SELECT actions FROM adk_events WHERE id = 'e-1'").get(0).get("actions");
    assertThat(new String((byte[]) actions, StandardCharsets.UTF_8)).isEqualTo("{\"stateDelta\":{\"k\":1}}");
  }

  @Test
  void equalTimestampsKeepAppendOrderAndSessionsDoNotMix() {
    create(KEY, Map.of());
    SessionKey other = SessionKey.of("app", "bob", "s1");
    create(other, Map.of());
    for (String id : List.of("z", "a", "m", "b")) {
      await(store.appendEvent(event(KEY, id, 5000), StateDelta.EMPTY));
      await(store.appendEvent(event(other, id + "-other", 5000), StateDelta.EMPTY));
    }
    assertThat(await(store.getEvents(EventQuery.all(KEY)))).extracting(EventRecord::id).containsExactly("z", "a", "m", "b");
    assertThat(await(store.getEvents(EventQuery.all(other)))).extracting(EventRecord::id)
        .containsExactly("z-other", "a-other", "m-other", "b-other");
  }

  @Test
  void afterIsInclusiveAndExactThenTheLastNAreKept() {
    create(KEY, Map.of());
    for (long t = 100; t <= 500; t += 100) {
      await(store.appendEvent(event(KEY, "e" + t, t), StateDelta.EMPTY));
    }
    assertThat(ids(EventQuery.all(KEY).after(Instant.ofEpochMilli(200)).last(2))).containsExactly("e400", "e500");
    assertThat(ids(EventQuery.all(KEY).after(Instant.ofEpochMilli(300)).last(4))).containsExactly("e300", "e400", "e500");
    assertThat(ids(EventQuery.all(KEY).after(Instant.ofEpochMilli(300)))).containsExactly("e300", "e400", "e500");
    assertThat(ids(EventQuery.all(KEY).after(Instant.ofEpochMilli(300).plusNanos(500_000)))).containsExactly("e400", "e500");
    assertThat(ids(EventQuery.all(KEY).last(2))).containsExactly("e400", "e500");
    assertThat(ids(EventQuery.all(KEY).last(10))).hasSize(5);
    assertThat(ids(EventQuery.all(KEY).last(0))).isEmpty();
  }

  private List<String> ids(EventQuery query) {
    return await(store.getEvents(query)).stream().map(EventRecord::id).toList();
  }

  @Test
  void appendToAMissingSessionWritesNothing() throws SQLException {
    create(KEY, Map.of());
    SessionKey otherUser = SessionKey.of("app", "mallory", "s1");
    assertThat(failure(store.appendEvent(event(otherUser, "e1", 1000), StateDelta.builder().putApp("a", 1).build())))
        .isInstanceOf(NotFoundException.class);
    assertThat(rows("SELECT * FROM adk_events")).isEmpty();
    assertThat(await(store.getAppState("app"))).isEmpty();
  }

  @Test
  void duplicateEventIdFailsAndItsDeltaIsNotApplied() {
    create(KEY, Map.of("k", 0));
    await(store.appendEvent(event(KEY, "e1", 1000), StateDelta.ofSession(Map.of("k", 1))));
    assertThat(failure(store.appendEvent(event(KEY, "e1", 2000),
        StateDelta.builder().putSession("k", 2).putUser("u", 2).build())))
        .isInstanceOf(AlreadyExistsException.class);
    SessionRecord read = await(store.getSession(KEY)).orElseThrow();
    assertThat(read.state()).containsEntry("k", 1);
    assertThat(read.version()).isEqualTo(2);
    assertThat(await(store.getUserState("app", "alice"))).isEmpty();
    // The same event id in another session is fine.
    SessionKey other = SessionKey.of("app", "alice", "s2");
    create(other, Map.of());
    await(store.appendEvent(event(other, "e1", 1000), StateDelta.EMPTY));
  }

  @Test
  void batchAppendIsAllOrNothing() {
    create(KEY, Map.of());
    List<EventAppend> good = List.of(
        new EventAppend(event(KEY, "b1", 1000), StateDelta.ofSession(Map.of("a", 1))),
        new EventAppend(event(KEY, "b2", 2000), StateDelta.builder().putSession("b", 2).putApp("x", 1).build()));
    assertThat(await(store.appendEvents(KEY, good, AppendCondition.NONE))).isEqualTo(3);
    List<EventAppend> bad = List.of(
        new EventAppend(event(KEY, "b3", 3000), StateDelta.ofSession(Map.of("c", 3))),
        new EventAppend(event(KEY, "b1", 4000), StateDelta.EMPTY));
    assertThat(failure(store.appendEvents(KEY, bad, AppendCondition.NONE))).isInstanceOf(AlreadyExistsException.class);
    assertThat(ids(EventQuery.all(KEY))).containsExactly("b1", "b2");
    SessionRecord read = await(store.getSession(KEY)).orElseThrow();
    assertThat(read.state()).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(read.version()).isEqualTo(3);
    assertThat(read.updateTime()).isEqualTo(Instant.ofEpochMilli(2000));
    assertThat(failure(store.appendEvents(SessionKey.of("app", "alice", "s9"), good, AppendCondition.NONE)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  // ---- state -----------------------------------------------------------------------------------

  @Test
  void deltasMergeKeyByKeyPerScope() {
    create(KEY, Map.of("keep", 1, "nested", Map.of("a", 1, "b", 2), "gone", true));
    SessionKey bobs = SessionKey.of("app", "bob", "s1");
    create(bobs, Map.of());
    StateDelta delta = StateDelta.builder()
        .putSession("nested", Map.of("c", 3)).removeSession("gone").putSession("nul", null)
        .putApp("theme", "dark").putUser("lang", "fr").build();
    assertThat(await(store.appendEvent(event(KEY, "e1", 1000), delta))).isEqualTo(2);
    Map<String, Object> expected = new HashMap<>();
    expected.put("keep", 1);
    expected.put("nested", Map.of("c", 3));
    expected.put("nul", null);
    SessionSnapshot snapshot = await(store.loadSession(EventQuery.all(KEY))).orElseThrow();
    assertThat(snapshot.session().state()).isEqualTo(expected);
    assertThat(snapshot.appState()).isEqualTo(Map.of("theme", "dark"));
    assertThat(snapshot.userState()).isEqualTo(Map.of("lang", "fr"));
    assertThat(snapshot.events()).extracting(EventRecord::id).containsExactly("e1");
    SessionSnapshot bob = await(store.loadSession(EventQuery.all(bobs))).orElseThrow();
    assertThat(bob.appState()).isEqualTo(Map.of("theme", "dark"));
    assertThat(bob.userState()).isEmpty();
    assertThat(await(store.getAppState("other"))).isEmpty();
    await(store.appendEvent(event(bobs, "e1", 2000), StateDelta.builder().removeApp("theme").putApp("size", 2).build()));
    assertThat(await(store.getAppState("app"))).isEqualTo(Map.of("size", 2));
    assertThat(await(store.listScopedStates("app")))
        .extracting(ScopedState::userId).containsExactly(null, "alice");
  }

  @Test
  void updateTimeBecomesTheEventTimestampEvenWhenEarlier() {
    create(KEY, Map.of());
    await(store.appendEvent(event(KEY, "late", 5000), StateDelta.EMPTY));
    await(store.appendEvent(event(KEY, "early", 3000), StateDelta.EMPTY));
    assertThat(await(store.getSession(KEY)).orElseThrow().updateTime()).isEqualTo(Instant.ofEpochMilli(3000));
  }

  @Test
  void compareAndSetAppendsFailStaleAndWriteNothing() {
    SessionRecord created = create(KEY, Map.of());
    long v2 = await(store.appendEvent(event(KEY, "e1", 1000), StateDelta.EMPTY, AppendCondition.expectVersion(created.version())));
    assertThat(v2).isEqualTo(created.version() + 1);
    assertThat(failure(store.appendEvent(event(KEY, "e2", 2000), StateDelta.ofSession(Map.of("x", 1)),
        AppendCondition.expectVersion(created.version()))))
        .isInstanceOf(StaleSessionException.class);
    assertThat(failure(store.appendEvent(event(KEY, "e3", 3000), StateDelta.EMPTY,
        AppendCondition.notUpdatedAfter(Instant.ofEpochMilli(999)))))
        .isInstanceOf(StaleSessionException.class);
    await(store.appendEvent(event(KEY, "e4", 4000), StateDelta.EMPTY, AppendCondition.notUpdatedAfter(Instant.ofEpochMilli(1000))));
    assertThat(ids(EventQuery.all(KEY))).containsExactly("e1", "e4");
    assertThat(await(store.getSession(KEY)).orElseThrow().state()).isEmpty();
  }

  @Test
  void concurrentAppendsToDifferentKeysOfOneScopeKeepEveryChange() {
    int writers = 24;
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      SessionKey key = SessionKey.of("app", "alice", "s" + i);
      create(key, Map.of());
      futures.add(store.appendEvent(event(key, "e", 1000),
          StateDelta.builder().putApp("app" + i, i).putUser("user" + i, i).build()));
    }
    futures.forEach(Fixtures::await);
    assertThat(await(store.getAppState("app"))).hasSize(writers);
    assertThat(await(store.getUserState("app", "alice"))).hasSize(writers);
  }

  // ---- retention -------------------------------------------------------------------------------

  @Test
  void retentionDeletesExactlyWhatIsOlderAndCountsOnDryRun() {
    SessionKey old = SessionKey.of("app", "alice", "old");
    SessionKey fresh = SessionKey.of("app", "alice", "fresh");
    SessionKey otherApp = SessionKey.of("other", "alice", "old");
    for (SessionKey key : List.of(old, fresh, otherApp)) {
      create(key, Map.of());
    }
    await(store.appendEvent(event(old, "e1", 1000), StateDelta.builder().putUser("u", 1).putApp("a", 1).build()));
    await(store.appendEvent(event(otherApp, "e1", 1000), StateDelta.builder().putUser("u", 1).build()));
    await(store.appendEvent(event(fresh, "e1", 1000), StateDelta.EMPTY));
    await(store.appendEvent(event(fresh, "e2", 9000), StateDelta.EMPTY));
    Instant cutoff = Instant.ofEpochMilli(5000);
    assertThat(await(store.deleteOldEvents(RetentionScope.before(cutoff).inApp("app").countOnly()))).isEqualTo(2);
    assertThat(await(store.deleteIdleSessions(RetentionScope.before(cutoff).countOnly()))).isEqualTo(2);
    assertThat(await(store.deleteIdleSessions(RetentionScope.before(cutoff).inApp("app")))).isEqualTo(1);
    assertThat(await(store.getSession(old))).isEmpty();
    assertThat(await(store.deleteOldEvents(RetentionScope.before(Instant.ofEpochMilli(1000))))).isZero();
    assertThat(await(store.deleteOldEvents(RetentionScope.before(Instant.ofEpochMilli(1000).plusNanos(1))))).isEqualTo(2);
    assertThat(ids(EventQuery.all(fresh))).containsExactly("e2");
    assertThat(await(store.deleteIdleUserStates(RetentionScope.before(cutoff).inApp("app")))).isEqualTo(1);
    assertThat(await(store.getUserState("other", "alice"))).isEqualTo(Map.of("u", 1));
    assertThat(await(store.getAppState("app"))).isEqualTo(Map.of("a", 1));
  }

  // ---- restore ---------------------------------------------------------------------------------

  @Test
  void restoreKeepsEverythingAndIsIdempotent() {
    SessionRecord original = new SessionRecord(KEY, Map.of("k", List.of(1, 2)),
        Instant.ofEpochMilli(1000), Instant.ofEpochMilli(5000), 7, null);
    List<EventRecord> events = List.of(event(KEY, "a", 2000), event(KEY, "b", 1500));
    assertThat(await(store.restoreSession(original, events))).isTrue();
    assertThat(await(store.restoreSession(original, List.of(event(KEY, "c", 1))))).isFalse();
    assertThat(await(store.getSession(KEY))).contains(original);
    assertThat(await(store.getEvents(EventQuery.all(KEY)))).containsExactlyElementsOf(events);
    ScopedState user = new ScopedState("app", "alice", Map.of("u", 1), Instant.ofEpochMilli(42));
    ScopedState app = new ScopedState("app", null, Map.of("a", 1.0), Instant.ofEpochMilli(43));
    await(store.restoreScopedState(user));
    await(store.restoreScopedState(app));
    assertThat(await(store.listScopedStates(null))).containsExactly(app, user);
  }

  // ---- bad input -------------------------------------------------------------------------------

  @Test
  void badInputFailsWithoutAPartialWriteAndTheStoreKeepsWorking() throws SQLException {
    create(KEY, Map.of("k", 1));
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    List<CompletableFuture<?>> bad = List.of(
        store.appendEvent(event(KEY, "nan", 1000), StateDelta.ofSession(Map.of("x", Double.NaN))),
        store.appendEvent(event(KEY, "obj", 1000), StateDelta.builder().putApp("x", new Object()).build()),
        store.appendEvent(EventRecord.builder(KEY, "json", Instant.ofEpochMilli(1000)).content("{not json").build(), StateDelta.EMPTY),
        store.appendEvent(EventRecord.builder(KEY, "bytes", Instant.ofEpochMilli(1000)).actions(new byte[] {(byte) 0xAC, (byte) 0xED}).build(), StateDelta.EMPTY),
        store.appendEvent(null, StateDelta.EMPTY),
        store.appendEvent(event(KEY, "nulldelta", 1000), null),
        store.createSession(null),
        store.getSession(null),
        store.getAppState(" "),
        store.getUserState("app", "x".repeat(129)),
        store.replaceSessionState(KEY, Map.of("inf", Double.POSITIVE_INFINITY)),
        store.appendEvent(event(KEY, "far", 0), StateDelta.EMPTY)
            .thenCompose(v -> store.appendEvent(
                EventRecord.builder(KEY, "far-future", Instant.ofEpochSecond(Instant.MAX.getEpochSecond())).build(),
                StateDelta.EMPTY)),
        store.getEvents(EventQuery.all(KEY).after(Instant.MAX)),
        store.deleteIdleSessions(RetentionScope.before(Instant.MAX)),
        store.deleteOldEvents(RetentionScope.before(Instant.MIN).countOnly()),
        store.deleteIdleUserStates(null));
    for (CompletableFuture<?> future : bad) {
      assertThat(failure(future)).isInstanceOf(InvalidArgumentException.class);
    }
    assertThat(failure(store.appendEvent(event(KEY, "nan", 1000), StateDelta.ofSession(Map.of("x", Double.NaN)))))
        .hasMessageContaining("x");
    assertThat(((InvalidArgumentException) failure(store.createSession(null))).field()).isEqualTo("session");
    assertThat(rows("SELECT id FROM adk_events")).extracting(r -> r.get("id")).containsExactly("far");
    assertThat(rows("SELECT * FROM adk_app_states")).isEmpty();
    assertThat(await(store.getSession(KEY)).orElseThrow().version()).isEqualTo(2);
    await(store.appendEvent(event(KEY, "ok", 1000), StateDelta.ofSession(Map.of("k", 2))));
    assertThat(await(store.getSession(KEY)).orElseThrow().state()).isEqualTo(Map.of("k", 2));
  }

  @Test
  void payloadsBeyondTheLimitsFailWithoutAPartialWrite() {
    try (SqliteAdkStore small = open(newDatabase().jsonLimits(new JsonLimits(5, 200, 100)))) {
      small.createSession(NewSession.of(KEY, Map.of())).join();
      Object deep = List.of(List.of(List.of(List.of(List.of(List.of(1))))));
      assertThat(failure(small.appendEvent(event(KEY, "deep", 1000), StateDelta.ofSession(Map.of("d", deep)))))
          .isInstanceOf(PayloadLimitException.class);
      assertThat(failure(small.appendEvent(
          EventRecord.builder(KEY, "big", Instant.ofEpochMilli(1000)).content("\"" + "x".repeat(300) + "\"").build(),
          StateDelta.EMPTY)))
          .isInstanceOf(PayloadLimitException.class);
      // Each delta is small, but the merged state would break the document limit: rolled back alone.
      await(small.appendEvent(event(KEY, "e1", 1000), StateDelta.ofSession(Map.of("a", "y".repeat(90)))));
      assertThat(failure(small.appendEvent(event(KEY, "e2", 1000), StateDelta.ofSession(Map.of("b", "z".repeat(90), "c", "w".repeat(90))))))
          .isInstanceOf(PayloadLimitException.class);
      assertThat(await(small.getEvents(EventQuery.all(KEY)))).extracting(EventRecord::id).containsExactly("e1");
      assertThat(await(small.getSession(KEY)).orElseThrow().version()).isEqualTo(2);
    }
  }

  @Test
  void sqlFragmentsNulAndNonBmpCharactersAreStoredVerbatim() {
    SessionKey weird = SessionKey.of("app'; DROP TABLE adk_sessions; --", "u\"\u0000ser", "s😀\uD83D\uDE00");
    Map<String, Object> state = Map.of("k'\"; --", "v\u0000😀", "<sessions>", ":param");
    create(weird, state);
    await(store.appendEvent(EventRecord.builder(weird, "e'\u0000", Instant.ofEpochMilli(1)).content("{\"t\":\"\\u0000 😀\"}").build(),
        StateDelta.builder().putUser("<events>", "x").build()));
    assertThat(await(store.getSession(weird)).orElseThrow().state()).isEqualTo(state);
    assertThat(await(store.getEvents(EventQuery.all(weird)))).extracting(EventRecord::id).containsExactly("e'\u0000");
    assertThat(await(store.getUserState(weird.appName(), weird.userId()))).isEqualTo(Map.of("<events>", "x"));
    assertThat(await(store.listSessions(SessionQuery.forUser(weird.appName(), weird.userId())))).hasSize(1);
  }

  // ---- stats -----------------------------------------------------------------------------------

  @Test
  void statsCountRowsAndReportTheJournalMode() {
    create(KEY, Map.of());
    await(store.appendEvent(event(KEY, "e1", 1000), StateDelta.builder().putApp("a", 1).putUser("u", 1).build()));
    StoreStats stats = await(store.stats());
    assertThat(stats.schemaVersion()).isEqualTo(1);
    assertThat(stats.sessions()).isEqualTo(1);
    assertThat(stats.events()).isEqualTo(1);
    assertThat(stats.appStates()).isEqualTo(1);
    assertThat(stats.userStates()).isEqualTo(1);
    assertThat(stats.details()).containsKey("journal_mode");
  }
}
