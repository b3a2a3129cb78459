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
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreStats;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
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
 * (InMemoryStoreBehaviourTest). The TCK checks the contract on both (SqliteFileTckTest,
 * SqliteInMemoryTckTest); a test belongs here only if it checks what the TCK cannot or does not:
 * how SQLite stores the data (seen through SQL), values the contract leaves to the backend (schema
 * and session version numbers, exception types), and inputs no TCK rule tries.
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

  // L1 and L3 require a positive version; the SQLite schema is version 1.
  @Test
  void createTablesIsIdempotentAndRecordsTheVersion() {
    await(store.createTables());
    await(store.createTables());
    assertThat(await(store.schemaVersion())).isEqualTo(OptionalInt.of(SqliteAdkStore.SCHEMA_VERSION));
    assertThat(create(KEY, Map.of()).key()).isEqualTo(KEY);
  }

  // L2 accepts any AdkStoreException for a write before createTables(); SQLite's is a
  // StorageException.
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

  // L6 looks for the five default names; this finds any table left under the default prefix.
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

  // S6 does not look at the version; a replace must advance it, or compare-and-set would miss it.
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

  // S7 and S8 list one app; SessionQuery.everything() lists across apps.
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

  private List<String> ids(EventQuery query) {
    return await(store.getEvents(query)).stream().map(EventRecord::id).toList();
  }

  // E5 reads through the port; the events table itself must stay empty.
  @Test
  void appendToAMissingSessionWritesNothing() throws SQLException {
    create(KEY, Map.of());
    SessionKey otherUser = SessionKey.of("app", "mallory", "s1");
    assertThat(failure(store.appendEvent(event(otherUser, "e1", 1000), StateDelta.builder().putApp("a", 1).build())))
        .isInstanceOf(NotFoundException.class);
    assertThat(rows("SELECT * FROM adk_events")).isEmpty();
    assertThat(await(store.getAppState("app"))).isEmpty();
  }

  // E8 and E10 require only a greater version; SQLite's batch adds one per event.
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

  // ---- retention -------------------------------------------------------------------------------

  // R1 to R4 use whole-millisecond cutoffs; a cutoff a nanosecond after an event must delete it.
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

  // ---- bad input -------------------------------------------------------------------------------

  // Inputs no TCK rule tries (content that is not JSON, actions that are not JSON, a null delta or
  // scope, Instant.MAX and MIN), and the tables read through SQL.
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

  // B4 breaks a limit with one delta; here only the merged state does.
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

  // Besides B5's strings: the tokens of Jdbi's SQL templates and named parameters.
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

  // The TCK reads stats() only for the version, zeros before createTables() and the events (C1).
  @Test
  void statsCountRowsAndReportTheJournalMode() {
    create(KEY, Map.of());
    await(store.appendEvent(event(KEY, "e1", 1000), StateDelta.builder().putApp("a", 1).putUser("u", 1).build()));
    StoreStats stats = await(store.stats());
    assertThat(stats.schemaVersion()).isEqualTo(SqliteAdkStore.SCHEMA_VERSION);
    assertThat(stats.sessions()).isEqualTo(1);
    assertThat(stats.events()).isEqualTo(1);
    assertThat(stats.appStates()).isEqualTo(1);
    assertThat(stats.userStates()).isEqualTo(1);
    assertThat(stats.details()).containsKey("journal_mode");
  }
}
