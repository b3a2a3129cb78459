package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static dev.adkstore.sqlite.Fixtures.event;
import static dev.adkstore.sqlite.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.AlreadyExistsException;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StoreOverloadedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer queue: back-pressure, group commit, draining on close, where futures complete. */
class WriterQueueTest {
  private static final SessionKey KEY = SessionKey.of("app", "alice", "s1");

  @TempDir Path dir;

  private SqliteAdkStore open(SqliteStoreConfig.Builder builder) {
    SqliteAdkStore store = SqliteAdkStore.open(builder.build());
    await(store.createTables());
    await(store.createSession(NewSession.of(KEY, Map.of())));
    return store;
  }

  /** Another process's write lock: the writer's BEGIN IMMEDIATE waits until it is released. */
  private static Connection holdWriteLock(SqliteAdkStore store) throws SQLException {
    Connection other = DriverManager.getConnection(store.config().jdbcUrl());
    try (Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    return other;
  }

  private static void release(Connection other) throws SQLException {
    try (Statement s = other.createStatement()) {
      s.execute("COMMIT");
    }
    other.close();
  }

  @Test
  void aFullQueueFailsNewWritesAtOnceAndAcceptedOnesCommitLater() throws Exception {
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(dir.resolve("q.db"))
        .writeQueueCapacity(4).busyTimeout(Duration.ofSeconds(60)))) {
      Connection lock = holdWriteLock(store);
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        futures.add(store.appendEvent(event(KEY, "e" + i, i), StateDelta.EMPTY));
      }
      List<CompletableFuture<Long>> refused = new ArrayList<>();
      List<CompletableFuture<Long>> accepted = new ArrayList<>();
      for (CompletableFuture<Long> future : futures) {
        try {
          future.get(200, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(StoreOverloadedException.class);
          refused.add(future);
          continue;
        } catch (java.util.concurrent.TimeoutException e) {
          // Still waiting for the writer, which waits for the lock: accepted, not yet committed.
        }
        accepted.add(future);
      }
      assertThat(refused).hasSizeGreaterThanOrEqualTo(50 - 4 - 2);
      assertThat(accepted).isNotEmpty().allMatch(f -> !f.isDone());
      release(lock);
      accepted.forEach(Fixtures::await);
      assertThat(await(store.getEvents(EventQuery.all(KEY)))).hasSize(accepted.size());
    }
  }

  @Test
  void oneFailingOperationOfAGroupCommitFailsAlone() throws Exception {
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(dir.resolve("g.db"))
        .busyTimeout(Duration.ofSeconds(60)))) {
      await(store.appendEvent(event(KEY, "dup", 0), StateDelta.EMPTY));
      Connection lock = holdWriteLock(store);
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = i % 5 == 0 ? "dup" : "e" + i;
        futures.add(store.appendEvent(event(KEY, id, 1000 + i), StateDelta.ofSession(Map.of("k" + i, i))));
      }
      release(lock);
      List<String> written = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        if (i % 5 == 0) {
          assertThat(failure(futures.get(i))).isInstanceOf(AlreadyExistsException.class);
        } else {
          await(futures.get(i));
          written.add("e" + i);
        }
      }
      List<EventRecord> events = await(store.getEvents(EventQuery.all(KEY)));
      assertThat(events.subList(1, events.size())).extracting(EventRecord::id).containsExactlyElementsOf(written);
      Map<String, Object> state = await(store.getSession(KEY)).orElseThrow().state();
      assertThat(state).hasSize(16).doesNotContainKeys("k0", "k5", "k10", "k15");
      assertThat(await(store.getSession(KEY)).orElseThrow().version()).isEqualTo(2 + 16);
    }
  }

  @Test
  void closeCommitsEveryAcceptedWrite() {
    Path file = dir.resolve("drain.db");
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(file))) {
      for (int i = 0; i < 500; i++) {
        futures.add(store.appendEvent(event(KEY, "e" + i, i), StateDelta.builder().putUser("last", i).build()));
      }
    }
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    try (SqliteAdkStore reopened = SqliteAdkStore.open(file)) {
      assertThat(await(reopened.getEvents(EventQuery.all(KEY)))).hasSize(500);
      assertThat(await(reopened.getUserState("app", "alice"))).containsEntry("last", 499);
    }
  }

  @Test
  void futuresCompleteOnACompleterThreadNotTheCallersNorTheWriters() throws Exception {
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(dir.resolve("t.db"))
        .busyTimeout(Duration.ofSeconds(60)))) {
      // While another connection holds the write lock the future is surely pending, so the
      // callback runs on whichever thread completes it.
      Connection lock = holdWriteLock(store);
      AtomicReference<Thread> completedOn = new AtomicReference<>();
      CompletableFuture<Void> callback = store.appendEvent(event(KEY, "a", 1), StateDelta.EMPTY)
          .thenAccept(v -> completedOn.set(Thread.currentThread()));
      assertThat(callback).isNotDone();
      release(lock);
      await(callback);
      assertThat(completedOn.get()).isNotEqualTo(Thread.currentThread());
      assertThat(completedOn.get().getName()).contains("-complete-");
    }
  }

  @Test
  void callbacksMayCallTheStoreAndBlockWithoutDeadlock() throws Exception {
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().inMemory().readerPoolSize(1))) {
      // A callback that calls the store again and waits for the answer, for a read and a write.
      CompletableFuture<Long> nested = store.appendEvent(event(KEY, "a", 1), StateDelta.EMPTY)
          .thenApply(v -> store.getSession(KEY).join().orElseThrow().version())
          .thenApply(v -> store.appendEvent(event(KEY, "b", 2), StateDelta.EMPTY).join());
      assertThat(await(nested)).isEqualTo(3);

      // A callback blocked indefinitely holds up neither the writer nor other completions.
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> blocked = store.appendEvent(event(KEY, "c", 3), StateDelta.EMPTY)
          .thenRun(() -> awaitQuietly(release));
      assertThat(await(store.appendEvent(event(KEY, "d", 4), StateDelta.EMPTY))).isEqualTo(5);
      assertThat(await(store.getEvents(EventQuery.all(KEY)))).hasSize(4);
      assertThat(blocked).isNotDone();
      release.countDown();
      await(blocked);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(Fixtures.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
