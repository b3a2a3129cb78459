package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.CommitOutcomeUnknownException;
import dev.adkstore.api.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lost connections against the real server: the store's backend is killed with
 * {@code pg_terminate_backend} while a call waits on a lock the test holds, or, through
 * {@link CommitCuttingProxy}, right before its {@code COMMIT} or right after it. Reads are run
 * again; writes report what really happened, so a failure means "not written".
 *
 * <p>Each store has a pool of one connection, so a call that succeeds after the kill ran on a new
 * one. Not thread-safe: JUnit runs these tests one at a time.
 */
class PostgresConnectionLossTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final SessionKey KEY = SessionKey.of("app", "u", "s");

  private String schema;
  private Connection monitor;

  @BeforeEach
  void createSchema() throws SQLException {
    schema = PostgresTestDatabase.newSchema("lost");
    monitor = PostgresTestDatabase.connect(schema);
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (monitor != null) { // null when no server is configured and the test was skipped
      monitor.close();
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aReadWhoseBackendIsKilledRunsAgainOnAnotherConnection() throws Exception {
    try (PostgresAdkStore store = openStore(PostgresTestDatabase.jdbcUrl());
        Connection locker = PostgresTestDatabase.connect(schema)) {
      SessionRecord created = await(store.createSession(NewSession.of(KEY, Map.of("a", 1))));
      locker.setAutoCommit(false);
      execute(locker, "LOCK TABLE adk_sessions IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Optional<SessionRecord>> read = store.getSession(KEY);
      int first = awaitBackendBlockedBy(locker, 0);
      terminate(first);
      int second = awaitBackendBlockedBy(locker, first);
      locker.commit();
      assertThat(await(read)).contains(created);
      assertThat(second).isNotEqualTo(first);
    }
  }

  @Test
  void anAppendWhoseBackendIsKilledBeforeCommitRunsAgainAndIsWrittenOnce() throws Exception {
    try (PostgresAdkStore store = openStore(PostgresTestDatabase.jdbcUrl());
        Connection locker = PostgresTestDatabase.connect(schema)) {
      long version = await(store.createSession(NewSession.of(KEY, Map.of()))).version();
      locker.setAutoCommit(false);
      // The append updates the session row, then waits to insert its event.
      execute(locker, "LOCK TABLE adk_events IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Long> append = store.appendEvent(
          EventRecord.builder(KEY, "e1", T0).build(), StateDelta.builder().putUser("n", 1).build());
      int first = awaitBackendBlockedBy(locker, 0);
      terminate(first);
      awaitBackendBlockedBy(locker, first);
      locker.commit();
      assertThat(await(append)).isEqualTo(version + 1);
      assertWrittenOnce(store, version + 1);
    }
  }

  @Test
  void anAppendWhoseBackendIsKilledBetweenItsStatementsAndCommitRunsAgain() throws Exception {
    String applicationName = "adk-t-" + UUID.randomUUID();
    try (CommitCuttingProxy proxy = new CommitCuttingProxy(PostgresTestDatabase.jdbcUrl());
        PostgresAdkStore store = openStore(proxy.jdbcUrl(applicationName))) {
      long version = await(store.createSession(NewSession.of(KEY, Map.of()))).version();
      proxy.beforeNextCommit(() -> terminate(onlyBackendOf(applicationName)));
      long appended = await(store.appendEvent(
          EventRecord.builder(KEY, "e1", T0).build(), StateDelta.builder().putUser("n", 1).build()));
      await(proxy.cutDone()); // the kill happened (its call may return after the store retried)
      assertThat(appended).isEqualTo(version + 1);
      assertWrittenOnce(store, version + 1);
    }
  }

  @Test
  void writesWhoseCommitReplyIsLostReportTheCommitThatHappened() throws Exception {
    try (CommitCuttingProxy proxy = new CommitCuttingProxy(PostgresTestDatabase.jdbcUrl());
        PostgresAdkStore store = openStore(proxy.jdbcUrl("adk-t-" + UUID.randomUUID()))) {
      proxy.dropNextCommitReply(false);
      SessionRecord created = await(store.createSession(NewSession.of(KEY, Map.of("a", 1))));
      await(proxy.cutDone());
      assertThat(await(store.getSession(KEY))).contains(created);

      try (CommitCuttingProxy second = new CommitCuttingProxy(PostgresTestDatabase.jdbcUrl());
          PostgresAdkStore other = openStore(second.jdbcUrl("adk-t-" + UUID.randomUUID()))) {
        second.dropNextCommitReply(false);
        long appended = await(other.appendEvent(
            EventRecord.builder(KEY, "e1", T0).build(),
            StateDelta.builder().putUser("n", 1).build()));
        await(second.cutDone());
        assertThat(appended).isEqualTo(created.version() + 1);
        assertWrittenOnce(other, created.version() + 1);
      }
    }
  }

  // The reply is lost and nobody can reach the server afterwards: the store cannot know, and
  // must not claim "not written".
  @Test
  void aWriteWhoseCommitOutcomeCannotBeLearnedSaysItMayHaveBeenApplied() throws Exception {
    try (CommitCuttingProxy proxy = new CommitCuttingProxy(PostgresTestDatabase.jdbcUrl())) {
      // Unpooled, so that learning the outcome needs a new connection, which the proxy refuses.
      CountingDataSource source =
          new CountingDataSource(proxy.jdbcUrl("adk-t-" + UUID.randomUUID()));
      try (PostgresAdkStore store = PostgresAdkStore.open(PostgresStoreConfig.builder()
          .dataSource(source).schema(schema).poolSize(1).build())) {
        await(store.createTables());
        await(store.createSession(NewSession.of(KEY, Map.of())));
        proxy.dropNextCommitReply(true);
        Throwable failure = StoreFutures.failure(store.appendEvent(
            EventRecord.builder(KEY, "e1", T0).build(), StateDelta.EMPTY));
        assertThat(failure).isInstanceOf(CommitOutcomeUnknownException.class)
            .hasMessageContaining("may have been applied");
      }
    }
    try (Statement statement = monitor.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM adk_events")) {
      rows.next();
      assertThat(rows.getInt(1)).as("it was in fact applied").isEqualTo(1);
    }
  }

  private PostgresAdkStore openStore(String url) {
    PostgresAdkStore store = PostgresAdkStore.open(
        PostgresStoreConfig.builder().jdbcUrl(url).schema(schema).poolSize(1).build());
    await(store.createTables());
    return store;
  }

  private static void assertWrittenOnce(PostgresAdkStore store, long version) {
    assertThat(await(store.getEvents(EventQuery.all(KEY))))
        .extracting(EventRecord::id).containsExactly("e1");
    assertThat(await(store.getSession(KEY)).orElseThrow().version()).isEqualTo(version);
    assertThat(await(store.getUserState("app", "u"))).isEqualTo(Map.of("n", 1));
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  // Polls until a backend other than `except` waits for a lock that `holder` holds.
  private int awaitBackendBlockedBy(Connection holder, int except) throws SQLException {
    int holderPid = backendPid(holder);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StoreFutures.TIMEOUT_SECONDS);
    try (PreparedStatement blocked = monitor.prepareStatement(
        "SELECT pid FROM pg_locks WHERE NOT granted AND ? = ANY(pg_blocking_pids(pid))"
            + " AND pid <> ?")) {
      blocked.setInt(1, holderPid);
      blocked.setInt(2, except);
      while (true) {
        try (ResultSet rows = blocked.executeQuery()) {
          if (rows.next()) {
            return rows.getInt(1);
          }
        }
        assertThat(System.nanoTime()).as("no store backend waited for the lock").isLessThan(deadline);
      }
    }
  }

  // The store's pool has one connection. (Its state column may still say "active" when the
  // COMMIT is already on its way, so it cannot tell the backend.)
  private int onlyBackendOf(String applicationName) {
    try (PreparedStatement find = monitor.prepareStatement(
        "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      find.setString(1, applicationName);
      try (ResultSet rows = find.executeQuery()) {
        assertThat(rows.next()).as("the store has a backend").isTrue();
        int pid = rows.getInt(1);
        assertThat(rows.next()).as("the store has one backend").isFalse();
        return pid;
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  // Waits (up to 10 s) until the backend has exited, so the next step meets a dead connection.
  private void terminate(int pid) {
    try (PreparedStatement kill = monitor.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
      kill.setInt(1, pid);
      try (ResultSet rows = kill.executeQuery()) {
        assertThat(rows.next() && rows.getBoolean(1)).as("terminated backend " + pid).isTrue();
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
