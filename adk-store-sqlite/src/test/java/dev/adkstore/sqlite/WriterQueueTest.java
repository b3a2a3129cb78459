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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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
      List<CompletableFuture<Long>> refused = new ArrayList<>();
      List<CompletableFuture<Long>> accepted = new ArrayList<>();
      Connection lock = holdWriteLock(store);
      try {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          futures.add(store.appendEvent(event(KEY, "e" + i, i), StateDelta.EMPTY));
        }
        // Refusals complete within moments; accepted writes cannot complete while the lock is held.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (CompletableFuture<Long> future : futures) {
          if (isRefused(future, deadline)) {
            refused.add(future);
          } else {
            accepted.add(future);
          }
        }
        // The writer holds what it took before blocking on the lock; the queue holds 4 more.
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(4).allMatch(f -> !f.isDone());
        assertThat(refused).isNotEmpty().hasSize(50 - accepted.size());
      } finally {
        release(lock);
      }
      accepted.forEach(Fixtures::await);
      assertThat(await(store.getEvents(EventQuery.all(KEY)))).hasSize(accepted.size());
    }
  }

  /** Waits until the deadline at most: a refused write fails at once, an accepted one waits. */
  private static boolean isRefused(CompletableFuture<Long> future, long deadline) throws InterruptedException {
    try {
      future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      throw new AssertionError("no write can commit while another connection holds the write lock");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(StoreOverloadedException.class);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  @Test
  void oneFailingOperationOfAGroupCommitFailsAlone() throws Exception {
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(dir.resolve("g.db"))
        .busyTimeout(Duration.ofSeconds(60)))) {
      await(store.appendEvent(event(KEY, "dup", 0), StateDelta.EMPTY));
      Connection lock = holdWriteLock(store);
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          String id = i % 5 == 0 ? "dup" : "e" + i;
          futures.add(store.appendEvent(event(KEY, id, 1000 + i), StateDelta.ofSession(Map.of("k" + i, i))));
        }
      } finally {
        release(lock);
      }
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
      CompletableFuture<Void> callback;
      try {
        callback = store.appendEvent(event(KEY, "a", 1), StateDelta.EMPTY)
            .thenAccept(v -> completedOn.set(Thread.currentThread()));
        assertThat(callback).isNotDone();
      } finally {
        release(lock);
      }
      await(callback);
      assertThat(completedOn.get()).isNotEqualTo(Thread.currentThread());
      assertThat(completedOn.get().getName()).contains("-complete-");
    }
  }

  @Test
  void callbacksMayCallTheStoreAndBlockWithoutDeadlock() throws Exception {
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(dir.resolve("c.db"))
        .readerPoolSize(1).busyTimeout(Duration.ofSeconds(60)))) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Long> nested;
      CompletableFuture<Void> blocked;
      CompletableFuture<Long> independent;
      // The write lock keeps every future pending until the callbacks are attached, so they run
      // on the threads that complete the futures, not on this one.
      Connection lock = holdWriteLock(store);
      try {
        // A callback that calls the store again and waits for the answer, for a read and a write.
        nested = store.appendEvent(event(KEY, "a", 1), StateDelta.EMPTY)
            .thenApply(v -> store.getSession(KEY).join().orElseThrow().version())
            .thenApply(v -> store.appendEvent(event(KEY, "b", 2), StateDelta.EMPTY).join());
        // A callback blocked indefinitely.
        blocked = store.appendEvent(event(KEY, "c", 3), StateDelta.EMPTY).thenRun(() -> awaitQuietly(release));
        independent = store.appendEvent(event(KEY, "d", 4), StateDelta.EMPTY);
        assertThat(List.of(nested, blocked, independent)).noneMatch(CompletableFuture::isDone);
      } finally {
        release(lock);
      }
      // The blocked callback holds up neither the writer, nor readers, nor other completions.
      assertThat(await(independent)).isPositive();
      assertThat(await(nested)).isPositive();
      assertThat(await(store.getEvents(EventQuery.all(KEY)))).extracting(EventRecord::id)
          .containsExactlyInAnyOrder("a", "b", "c", "d");
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
