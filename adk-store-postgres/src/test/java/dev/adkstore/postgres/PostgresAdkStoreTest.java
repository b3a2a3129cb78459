package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static dev.adkstore.postgres.StoreFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StaleSessionException;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreOverloadedException;
import dev.adkstore.api.TableNames;
import dev.adkstore.postgres.internal.StoreSql;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behaviour specific to the PostgreSQL backend that the TCK does not reach: the jsonb number and
 * NUL traps, verbatim JSON payloads, server-side timestamps, schema creation races, the bounded
 * queue made deterministic with an advisory lock, and configuration validation. All tests share
 * one store in a schema of this class's own, and use distinct app names.
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
class PostgresAdkStoreTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private static String schema;
  private static PostgresAdkStore store;

  @BeforeAll
  static void openStore() {
    schema = PostgresTestDatabase.newSchema("store");
    store = PostgresAdkStore.open(PostgresTestDatabase.config(schema).build());
    await(store.createTables());
  }

  @AfterAll
  static void closeStore() {
    if (store != null) {
      store.close();
    }
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      result.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return result;
  }

  @Test
  void doublesStayDoublesThroughJsonbInEveryScope() {
    Map<String, Object> numbers = map(
        "hundred", 1e2, "huge", 1e20, "tiny", 1e-7, "max", Double.MAX_VALUE,
        "min", Double.MIN_VALUE, "one", 1.0, "negative", -2.5, "int", 100,
        "long", 1L << 40, "big", new BigInteger("123456789012345678901234567890"));
    SessionKey key = SessionKey.of("numbers", "u", "s");
    assertThat(await(store.createSession(NewSession.of(key, numbers))).state()).isEqualTo(numbers);
    assertThat(await(store.getSession(key)).orElseThrow().state()).isEqualTo(numbers);
    await(store.appendEvent(EventRecord.builder(key, "e1", T0).build(),
        new StateDelta(Map.of("delta", 3e3), numbers, numbers)));
    Map<String, Object> read = await(store.getSession(key)).orElseThrow().state();
    assertThat(read.get("hundred")).isInstanceOf(Double.class).isEqualTo(100.0);
    assertThat(read.get("one")).isInstanceOf(Double.class).isEqualTo(1.0);
    assertThat(read.get("delta")).isInstanceOf(Double.class).isEqualTo(3000.0);
    assertThat(read.get("int")).isInstanceOf(Integer.class);
    assertThat(read.get("long")).isInstanceOf(Long.class);
    assertThat(await(store.getAppState("numbers"))).isEqualTo(numbers);
    assertThat(await(store.getUserState("numbers", "u"))).isEqualTo(numbers);
    assertThat(await(store.replaceSessionState(key, numbers)).state()).isEqualTo(numbers);
    assertThat(await(store.getSession(key)).orElseThrow().state()).isEqualTo(numbers);
  }

  @Test
  void nulAndTheEscapeCharacterRoundTripInIdsKeysValuesAndEventFields() {
    List<String> tricky = List.of(
        "a\u0000b", "\u0001", "\u00010", "\u00011", "\u0000\u0001\u0000", "end\u0001", "\u0000");
    int n = 0;
    for (String value : tricky) {
      SessionKey key = SessionKey.of("nul" + value, "user" + value, "id" + value);
      Map<String, Object> state = map(value, value, "list", List.of(value, map(value, value)));
      assertThat(await(store.createSession(NewSession.of(key, state))).state()).isEqualTo(state);
      EventRecord event = EventRecord.builder(key, "event" + value, T0.plusMillis(n++))
          .author(value).branch(value).invocationId(value).errorCode(value).errorMessage(value)
          .content("{\"text\":\"" + value.replace("\u0000", "\\u0000").replace("\u0001", "\\u0001")
              + "\"}")
          .build();
      await(store.appendEvent(event, StateDelta.builder()
          .putSession("added" + value, value).putApp(value, value).putUser(value, List.of(value))
          .build()));
      Map<String, Object> expected = new LinkedHashMap<>(state);
      expected.put("added" + value, value);
      assertThat(await(store.getSession(key)).orElseThrow().state()).isEqualTo(expected);
      assertThat(await(store.getEvents(EventQuery.all(key)))).containsExactly(event);
      assertThat(await(store.getAppState(key.appName()))).isEqualTo(Map.of(value, value));
      assertThat(await(store.getUserState(key.appName(), key.userId())))
          .isEqualTo(Map.of(value, List.of(value)));

      await(store.appendEvent(EventRecord.builder(key, "remove" + value, T0.plusMillis(100)).build(),
          StateDelta.builder().removeSession(value).removeApp(value).build()));
      assertThat(await(store.getSession(key)).orElseThrow().state()).doesNotContainKey(value);
      assertThat(await(store.getAppState(key.appName()))).isEmpty();
      assertThat(await(store.listSessions(SessionQuery.forUser(key.appName(), key.userId()))))
          .extracting(SessionRecord::key).containsExactly(key);
    }
  }

  @Test
  void idsWithNulSortAsTheyDoInJava() {
    List<String> ids = new ArrayList<>(List.of(
        "a", "a\u0000", "a\u0000b", "a\u0001", "a\u00010", "a\u0002", "A", "b", "a\u0000\u0000"));
    for (String id : ids) {
      SessionRecord session = new SessionRecord(
          SessionKey.of("order", "u", id), Map.of(), T0, T0, 1, null);
      assertThat(await(store.restoreSession(session, List.of()))).isTrue();
    }
    List<String> listed = await(store.listSessions(
            SessionQuery.forUser("order", "u").orderedBy(SessionQuery.OrderBy.UPDATE_TIME, false)))
        .stream().map(s -> s.key().sessionId()).collect(Collectors.toList());
    ids.sort(Comparator.naturalOrder());
    assertThat(listed).isEqualTo(ids);
  }

  @Test
  void eventPayloadsAreStoredVerbatimNotNormalizedLikeJsonb() {
    SessionKey key = SessionKey.of("verbatim", "u", "s");
    await(store.createSession(NewSession.of(key, Map.of())));
    String content = "{ \"zeta\" : 1e2,\n  \"alpha\":[1.50, -0.0], \"nul\":\"\\u0000\" }";
    EventRecord event = EventRecord.builder(key, "e1", T0)
        .content(content)
        .extra("{\"b\":1,\"a\":2}")
        .longRunningToolIdsJson("[ ]")
        .actions("{\"stateDelta\" : {}}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .build();
    await(store.appendEvent(event, StateDelta.EMPTY));
    EventRecord read = await(store.getEvents(EventQuery.all(key))).get(0);
    assertThat(read.content()).isEqualTo(content);
    assertThat(read.extra()).isEqualTo("{\"b\":1,\"a\":2}");
    assertThat(read).isEqualTo(event);
  }

  @Test
  void timestampsWrittenWithMicrosecondsReadBackRoundedToTheMillisecond() throws Exception {
    SessionKey key = SessionKey.of("micros", "u", "s");
    await(store.createSession(NewSession.of(key, Map.of())));
    try (Connection connection = PostgresTestDatabase.connect(schema);
        PreparedStatement update = connection.prepareStatement(
            "UPDATE adk_sessions SET update_time = ?::timestamptz WHERE app_name = 'micros'")) {
      update.setString(1, "2025-03-01 10:00:00.123600+00");
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    assertThat(await(store.getSession(key)).orElseThrow().updateTime())
        .isEqualTo(Instant.parse("2025-03-01T10:00:00.124Z"));
  }

  @Test
  void batchAppendsComposeTheirDeltasInOrderAndCheckTheVersionOnce() {
    SessionKey key = SessionKey.of("batch", "u", "s");
    long created = await(store.createSession(NewSession.of(key, Map.of("keep", 1)))).version();
    long next = await(store.appendEvents(key, List.of(
        new EventAppend(EventRecord.builder(key, "e1", T0).build(),
            StateDelta.builder().putSession("x", 1).putApp("gone", 1).putUser("u", 1).build()),
        new EventAppend(EventRecord.builder(key, "e2", T0.plusMillis(1)).build(),
            StateDelta.builder().removeSession("x").removeApp("gone").putApp("kept", 2).build())),
        AppendCondition.expectVersion(created)));
    assertThat(next).isGreaterThan(created);
    SessionRecord session = await(store.getSession(key)).orElseThrow();
    assertThat(session.state()).isEqualTo(Map.of("keep", 1));
    assertThat(session.version()).isEqualTo(next);
    assertThat(await(store.getAppState("batch"))).isEqualTo(Map.of("kept", 2));
    assertThat(await(store.getUserState("batch", "u"))).isEqualTo(Map.of("u", 1));
    assertThat(failure(store.appendEvents(key,
        List.of(new EventAppend(EventRecord.builder(key, "e3", T0).build(), StateDelta.EMPTY)),
        AppendCondition.expectVersion(created))))
        .isInstanceOf(StaleSessionException.class);
    assertThat(await(store.appendEvents(key, List.of(), AppendCondition.expectVersion(next))))
        .isEqualTo(next);
  }

  @Test
  void restoreKeepsTimesVersionAndEventsAndNeverOverwrites() {
    SessionKey key = SessionKey.of("restore", "u", "s");
    SessionRecord session = new SessionRecord(key, Map.of("v", 1.0), T0, T0.plusSeconds(5), 42, null);
    List<EventRecord> events = List.of(
        EventRecord.builder(key, "late", T0.plusSeconds(9)).build(),
        EventRecord.builder(key, "early", T0).build());
    assertThat(await(store.restoreSession(session, events))).isTrue();
    assertThat(await(store.getSession(key))).contains(session);
    assertThat(await(store.getEvents(EventQuery.all(key)))).isEqualTo(events);
    SessionRecord other = new SessionRecord(key, Map.of(), T0, T0, 1, null);
    assertThat(await(store.restoreSession(other, List.of()))).isFalse();
    assertThat(await(store.getSession(key))).contains(session);

    await(store.restoreScopedState(new ScopedState("restore", null, Map.of("a", 1), T0)));
    await(store.restoreScopedState(new ScopedState("restore", "u", Map.of("b", 2), T0)));
    assertThat(await(store.listScopedStates("restore"))).containsExactly(
        new ScopedState("restore", null, Map.of("a", 1), T0),
        new ScopedState("restore", "u", Map.of("b", 2), T0));
  }

  @Test
  void readsWithoutTablesOrSchemaAreEmptyAndWritesSayToCreateTables() {
    String missing = "adk_t_missing_" + Long.toHexString(System.nanoTime());
    try (PostgresAdkStore bare = PostgresAdkStore.open(PostgresTestDatabase.config(missing).build())) {
      SessionKey key = SessionKey.of("app", "u", "s");
      assertThat(await(bare.getSession(key))).isEmpty();
      assertThat(await(bare.listScopedStates(null))).isEmpty();
      assertThat(await(bare.schemaVersion())).isEmpty();
      assertThat(await(bare.stats()).sessions()).isZero();
      Throwable write = failure(bare.createSession(NewSession.of(key, Map.of())));
      assertThat(write).isInstanceOf(StorageException.class)
          .hasMessageContaining("createTables()");
      await(bare.createTables());
      assertThat(await(bare.schemaVersion())).isEqualTo(OptionalInt.of(PostgresAdkStore.SCHEMA_VERSION));
      assertThat(await(bare.createSession(NewSession.of(key, Map.of()))).key()).isEqualTo(key);
    } finally {
      PostgresTestDatabase.dropSchema(missing);
    }
  }

  @Test
  void createTablesRefusesADatabaseWithANewerSchemaVersion() {
    String own = PostgresTestDatabase.newSchema("newer");
    try (PostgresAdkStore newer = PostgresAdkStore.open(PostgresTestDatabase.config(own).build())) {
      await(newer.createTables());
      PostgresTestDatabase.execute(own, "UPDATE adk_metadata SET value = '99'");
      assertThat(failure(newer.createTables())).isInstanceOf(StorageException.class)
          .hasMessageContaining("99");
      assertThat(await(newer.schemaVersion())).isEqualTo(OptionalInt.of(99));
    } finally {
      PostgresTestDatabase.dropSchema(own);
    }
  }

  @Test
  void concurrentCreateTablesFromSeveralStoresAllSucceed() {
    String shared = PostgresTestDatabase.newSchema("race");
    List<PostgresAdkStore> stores = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        stores.add(PostgresAdkStore.open(PostgresTestDatabase.config(shared).poolSize(1).build()));
      }
      List<CompletableFuture<Void>> creating =
          stores.stream().map(PostgresAdkStore::createTables).collect(Collectors.toList());
      creating.forEach(StoreFutures::await);
      assertThat(await(stores.get(0).schemaVersion())).isEqualTo(OptionalInt.of(PostgresAdkStore.SCHEMA_VERSION));
      assertThat(PostgresTestDatabase.tables(shared)).containsExactlyInAnyOrder(
          "adk_sessions", "adk_events", "adk_app_states", "adk_user_states", "adk_metadata",
          "adk_schema_history", "adk_memories");
    } finally {
      stores.forEach(PostgresAdkStore::close);
      PostgresTestDatabase.dropSchema(shared);
    }
  }

  @Test
  void aFullQueueFailsFastWhileTheOnlyWorkerIsBusy() throws Exception {
    String own = PostgresTestDatabase.newSchema("queue");
    long lockKey = new StoreSql(own, TableNames.DEFAULTS, null, null).schemaLockKey();
    try (PostgresAdkStore small = PostgresAdkStore.open(
            PostgresTestDatabase.config(own).poolSize(1).writeQueueCapacity(1).build());
        Connection blocker = PostgresTestDatabase.connect(null);
        Statement statement = blocker.createStatement()) {
      // Holding the lock createTables takes keeps the single worker busy, deterministically.
      statement.execute("SELECT pg_advisory_lock(" + lockKey + ")");
      CompletableFuture<Void> busy = small.createTables();
      CompletableFuture<Optional<SessionRecord>> queued =
          small.getSession(SessionKey.of("app", "u", "s"));
      Throwable refused = failure(small.getSession(SessionKey.of("app", "u", "s")));
      assertThat(refused).isInstanceOf(StoreOverloadedException.class)
          .hasMessageContaining("capacity 1");
      assertThat(busy).isNotDone();
      statement.execute("SELECT pg_advisory_unlock(" + lockKey + ")");
      await(busy);
      assertThat(await(queued)).isEmpty();
      assertThat(await(small.schemaVersion())).isEqualTo(OptionalInt.of(PostgresAdkStore.SCHEMA_VERSION));
    } finally {
      PostgresTestDatabase.dropSchema(own);
    }
  }

  @Test
  void aQueuedReadWaitsForOneWriteNotForEveryQueuedWrite() throws Exception {
    String own = PostgresTestDatabase.newSchema("lanes");
    long lockKey = new StoreSql(own, TableNames.DEFAULTS, null, null).schemaLockKey();
    try (PostgresAdkStore small = PostgresAdkStore.open(
            PostgresTestDatabase.config(own).poolSize(1).writeQueueCapacity(100).build());
        Connection blocker = PostgresTestDatabase.connect(null);
        Statement statement = blocker.createStatement()) {
      await(small.createTables());
      int writes = 20;
      for (int i = 0; i < writes; i++) {
        await(small.createSession(NewSession.of(SessionKey.of("lanes", "u", "s" + i), Map.of())));
      }
      // createTables waits for the lock, so the single worker is busy while the calls queue up.
      statement.execute("SELECT pg_advisory_lock(" + lockKey + ")");
      CompletableFuture<Void> busy = small.createTables();
      List<CompletableFuture<Long>> appends = new ArrayList<>();
      for (int i = 0; i < writes; i++) {
        appends.add(small.appendEvent(
            EventRecord.builder(SessionKey.of("lanes", "u", "s" + i), "e", T0).build(),
            StateDelta.builder().putApp("k" + i, i).build()));
      }
      CompletableFuture<Map<String, Object>> read = small.getAppState("lanes");
      statement.execute("SELECT pg_advisory_unlock(" + lockKey + ")");
      await(busy);
      // The read ran after at most one of the queued writes, not after all of them.
      assertThat(await(read).size()).isLessThanOrEqualTo(1);
      appends.forEach(StoreFutures::await);
      assertThat(await(small.getAppState("lanes"))).hasSize(writes);
    } finally {
      PostgresTestDatabase.dropSchema(own);
    }
  }

  @Test
  void anAppendChosenAsDeadlockVictimIsRetriedInsideTheStore() throws Exception {
    SessionKey key = SessionKey.of("deadlock", "u", "s");
    await(store.createSession(NewSession.of(key, Map.of())));
    await(store.restoreScopedState(new ScopedState("deadlock", null, Map.of("seed", 0), T0)));
    try (Connection other = PostgresTestDatabase.connect(schema);
        Statement statement = other.createStatement()) {
      // The other transaction waits longer before checking for deadlocks, so the store's
      // transaction is the one PostgreSQL aborts with 40P01.
      statement.execute("SET deadlock_timeout = '20s'");
      statement.execute("SET lock_timeout = '30s'");
      other.setAutoCommit(false);
      statement.execute("SELECT * FROM adk_app_states WHERE app_name = 'deadlock' FOR UPDATE");
      CompletableFuture<Long> append = store.appendEvent(
          EventRecord.builder(key, "e1", T0).build(),
          StateDelta.builder().putSession("s", 1).putApp("a", 1).build());
      // The append holds the session row and waits for the app row; wait until it does.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StoreFutures.TIMEOUT_SECONDS);
      while (!appendIsWaitingForALock(statement)) {
        assertThat(System.nanoTime()).as("the append never blocked").isLessThan(deadline);
      }
      statement.execute("UPDATE adk_sessions SET version = version WHERE app_name = 'deadlock'");
      other.commit();
      assertThat(await(append)).isPositive();
    }
    assertThat(await(store.getEvents(EventQuery.all(key)))).hasSize(1);
    assertThat(await(store.getSession(key)).orElseThrow().state()).isEqualTo(Map.of("s", 1));
    assertThat(await(store.getAppState("deadlock"))).isEqualTo(Map.of("seed", 0, "a", 1));
  }

  private static boolean appendIsWaitingForALock(Statement statement) throws Exception {
    try (var rows = statement.executeQuery(
        "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()")) {
      rows.next();
      return rows.getLong(1) > 0;
    }
  }

  @Test
  void anOwnerColumnOfTextHoldsAnyOwnerIdVerbatim() {
    String own = PostgresTestDatabase.newSchema("owner");
    try (PostgresAdkStore owned = PostgresAdkStore.open(
        PostgresTestDatabase.config(own).ownerColumn("tenant TEXT").build())) {
      await(owned.createTables());
      SessionKey key = SessionKey.of("app", "u", "s");
      String owner = "tenant\u0000'; --";
      assertThat(await(owned.createSession(new NewSession(key, Map.of(), owner))).ownerId())
          .isEqualTo(owner);
      assertThat(await(owned.getSession(key)).orElseThrow().ownerId()).isEqualTo(owner);
      assertThat(await(owned.listSessions(SessionQuery.forApp("app"))).get(0).ownerId())
          .isEqualTo(owner);
    } finally {
      PostgresTestDatabase.dropSchema(own);
    }
  }

  @Test
  void invalidConfigurationIsRejectedBeforeConnecting() {
    String url = "jdbc:postgresql://127.0.0.1:1/none";
    assertThatThrownBy(() -> PostgresStoreConfig.builder().build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("jdbcUrl");
    assertThatThrownBy(() -> PostgresStoreConfig.builder().jdbcUrl("jdbc:mysql://x/y").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("jdbcUrl");
    for (String schemaName : List.of("Bad", "a;b", "select", "x y", "")) {
      assertThatThrownBy(() -> PostgresStoreConfig.builder().jdbcUrl(url).schema(schemaName).build())
          .as(schemaName).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("schema");
    }
    for (String ddl : List.of("owner TEXT; DROP TABLE x", "owner TEXT -- hidden", "\"Owner\" TEXT",
        "id TEXT", "select TEXT", "  ", "owner TEXT /* x */", "owner TEXT, evil TEXT",
        "owner TEXT, UNIQUE (owner)", "owner TEXT\u0000")) {
      assertThatThrownBy(() -> PostgresStoreConfig.builder().jdbcUrl(url).ownerColumn(ddl).build())
          .as(ddl).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("ownerColumn");
    }
    assertThatThrownBy(() -> PostgresStoreConfig.builder().jdbcUrl(url)
            .tableNames(new TableNames("adk_sessions", "adk_sessions_update_idx", "a", "u", "m")).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("tables: 'adk_sessions_update_idx' would name both the events and the sessionsUpdateIndex");
    assertThatThrownBy(() -> PostgresStoreConfig.builder().jdbcUrl(url).poolSize(0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> PostgresStoreConfig.builder().jdbcUrl(url).writeQueueCapacity(0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("writeQueueCapacity");
    PostgresStoreConfig valid = PostgresStoreConfig.builder().jdbcUrl(url).schema("tenant_1")
        .ownerColumn("owner_id BIGINT REFERENCES owners(id)").build();
    assertThat(valid.ownerColumnName()).contains("owner_id");
    assertThat(valid.toBuilder().build().schema()).contains("tenant_1");
    PostgresStoreConfig secret = PostgresStoreConfig.builder()
        .jdbcUrl("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true").password("s3cret").build();
    assertThat(secret.toString()).doesNotContain("hunter2").doesNotContain("s3cret")
        .contains("password=***&ssl=true");
  }

  @Test
  void anUnreachableServerFailsOpenWithAStorageException() {
    PostgresStoreConfig config = PostgresStoreConfig.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2").build();
    assertThatThrownBy(() -> PostgresAdkStore.open(config))
        .isInstanceOf(StorageException.class).isInstanceOf(AdkStoreException.class)
        .hasMessageContaining("127.0.0.1:1");
  }
}
