package dev.adkstore.postgres.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StoreOverloadedException;
import dev.adkstore.jdbc.StoreEngine;
import dev.adkstore.jdbc.StoreWork;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * PostgreSQL's connection model: a bounded {@link StoreExecutor} of worker threads, one per pooled
 * connection, running each call in its own transaction through {@link Transactions} (which retries
 * reads on a lost connection, retries serialization failures, and learns whether a write whose
 * connection broke committed). Futures complete on the executor's completion threads.
 *
 * <p>Thread-safe.
 */
public final class PostgresEngine implements StoreEngine {
  private static final long CLOSE_TIMEOUT_SECONDS = 300;

  private final StoreExecutor executor;
  private final Transactions transactions;
  private final StoreSql sql;
  private final AutoCloseable ownPool;
  // The last write of each session with writes in flight; see write(String, SessionKey, ...).
  private final Map<SessionKey, CompletableFuture<?>> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger waitingInLanes = new AtomicInteger();
  private final int laneCapacity;

  /**
   * Creates the engine.
   *
   * @param executor the workers
   * @param transactions the transaction runner
   * @param sql the store's names
   * @param ownPool the store's own pool, closed last, or null when the caller's DataSource is used
   * @param laneCapacity how many writes may wait for an earlier write of their session
   */
  public PostgresEngine(
      StoreExecutor executor, Transactions transactions, StoreSql sql, AutoCloseable ownPool,
      int laneCapacity) {
    this.laneCapacity = laneCapacity;
    this.executor = executor;
    this.transactions = transactions;
    this.sql = sql;
    this.ownPool = ownPool;
  }

  @Override
  public <T> CompletableFuture<T> read(String operation, StoreWork<T> work, Supplier<T> beforeTables) {
    return executor.submitRead(
        () -> orBeforeTables(() -> transactions.read(on(work)), beforeTables), errors(operation));
  }

  @Override
  public <T> CompletableFuture<T> snapshot(String operation, StoreWork<T> work, Supplier<T> beforeTables) {
    return executor.submitRead(() -> orBeforeTables(
        () -> transactions.readInTransaction(TransactionIsolationLevel.REPEATABLE_READ, on(work)),
        beforeTables), errors(operation));
  }

  @Override
  public <T> CompletableFuture<T> write(String operation, StoreWork<T> work) {
    return submit(operation, () -> transactions.write(on(work)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Workers run writes in parallel, so a session's writes wait in a lane: each is handed to
   * the workers only once the one called before it has finished. At most as many writes as the
   * queue holds may wait in lanes; beyond that a write fails at once, as a full queue does.
   */
  @Override
  public <T> CompletableFuture<T> write(String operation, SessionKey session, StoreWork<T> work) {
    // "finished" completes before the caller's future does, so the next write of the session is
    // handed over before any of the caller's callbacks run: a callback that blocks on that next
    // write cannot hold it up (C4).
    CompletableFuture<Void> finished = new CompletableFuture<>();
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<?> previous = lanes.put(session, finished);
    if (previous == null || previous.isDone()) {
      relay(write(operation, work), finished, result);
    } else if (waitingInLanes.incrementAndGet() > laneCapacity) {
      waitingInLanes.decrementAndGet();
      relay(executor.failed(new StoreOverloadedException(
          "too many writes are waiting for earlier writes of their session; " + operation
              + " was refused, retry later")), finished, result);
    } else {
      previous.whenComplete((ignored, failure) -> {
        waitingInLanes.decrementAndGet();
        relay(write(operation, work), finished, result);
      });
    }
    finished.whenComplete((ignored, failure) -> lanes.remove(session, finished));
    return result;
  }

  // Completes the caller's future from the worker's, on the thread that completes the worker's
  // (a completion thread, never the caller's: C4), after the session's next write was released.
  private static <T> void relay(
      CompletableFuture<T> from, CompletableFuture<Void> finished, CompletableFuture<T> to) {
    from.whenComplete((value, failure) -> {
      finished.complete(null);
      if (failure != null) {
        to.completeExceptionally(failure);
      } else {
        to.complete(value);
      }
    });
  }

  @Override
  public <T> CompletableFuture<T> failed(AdkStoreException failure) {
    return executor.failed(failure);
  }

  /**
   * Stops accepting calls, waits for every accepted call to finish (up to five minutes), then
   * closes the store's own pool. Idempotent.
   */
  @Override
  public void close() {
    try {
      // Writes waiting in lanes were accepted: they run before the workers stop (L4).
      for (CompletableFuture<?> tail : List.copyOf(lanes.values())) {
        tail.handle((value, failure) -> null).join();
      }
      executor.closeAndDrain(CLOSE_TIMEOUT_SECONDS);
    } finally {
      if (ownPool != null) {
        try {
          ownPool.close();
        } catch (Exception e) {
          throw new dev.adkstore.api.StorageException("closing the connection pool failed", e);
        }
      }
    }
  }

  /**
   * The number of calls waiting for a worker.
   *
   * @return the queue length
   */
  public int queued() {
    return executor.queued();
  }

  private <T> HandleCallback<T, RuntimeException> on(StoreWork<T> work) {
    return handle -> work.apply(new PostgresStatements(handle, sql));
  }

  private <T> CompletableFuture<T> submit(String operation, Supplier<T> call) {
    return executor.submit(call, errors(operation));
  }

  private static Function<Throwable, AdkStoreException> errors(String operation) {
    return failure -> PostgresErrors.INSTANCE.translate(operation, failure);
  }

  // A read before createTables finds no tables: that is an empty result, not an error (L2).
  private static <T> T orBeforeTables(Supplier<T> read, Supplier<T> beforeTables) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      if (PostgresErrors.INSTANCE.isMissingTable(e)) {
        return beforeTables.get();
      }
      throw e;
    }
  }
}
