package dev.adkstore.postgres.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.jdbc.StoreEngine;
import dev.adkstore.jdbc.StoreWork;
import java.util.concurrent.CompletableFuture;
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

  /**
   * Creates the engine.
   *
   * @param executor the workers
   * @param transactions the transaction runner
   * @param sql the store's names
   * @param ownPool the store's own pool, closed last, or null when the caller's DataSource is used
   */
  public PostgresEngine(StoreExecutor executor, Transactions transactions, StoreSql sql, AutoCloseable ownPool) {
    this.executor = executor;
    this.transactions = transactions;
    this.sql = sql;
    this.ownPool = ownPool;
  }

  @Override
  public <T> CompletableFuture<T> read(String operation, StoreWork<T> work, Supplier<T> beforeTables) {
    return submit(operation, () -> orBeforeTables(() -> transactions.read(on(work)), beforeTables));
  }

  @Override
  public <T> CompletableFuture<T> snapshot(String operation, StoreWork<T> work, Supplier<T> beforeTables) {
    return submit(operation, () -> orBeforeTables(
        () -> transactions.readInTransaction(TransactionIsolationLevel.REPEATABLE_READ, on(work)),
        beforeTables));
  }

  @Override
  public <T> CompletableFuture<T> write(String operation, StoreWork<T> work) {
    return submit(operation, () -> transactions.write(on(work)));
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
    return executor.submit(call, failure -> PostgresErrors.INSTANCE.translate(operation, failure));
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
