package dev.adkstore.jdbc;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.SessionKey;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A backend's connection model: where and in which transaction a {@link StoreWork} runs, and on
 * which thread its future completes. Every operation of {@link JdbcAdkStore} converges on
 * {@link #read}, {@link #snapshot} or {@link #write}; the engine owns threads, queues, retries
 * and transactions, and nothing else.
 *
 * <p>Every engine keeps these rules: work never runs on the caller's thread and futures never
 * complete on a thread that runs work (STORE-CONTRACT C4); a full queue fails the call at once
 * (C3); failures complete the future with the dialect's {@link SqlErrors#translate translation};
 * after {@link #close()}, calls fail with {@link dev.adkstore.api.StoreClosedException}, and
 * close completes every write accepted before it (L4).
 *
 * <p>Implementations are thread-safe.
 */
public interface StoreEngine extends AutoCloseable {
  /**
   * Runs a read of one statement, or of statements that need not agree with each other.
   *
   * @param operation what it is, for messages
   * @param work the read
   * @param beforeTables the result when the store's tables do not exist yet (STORE-CONTRACT L2)
   * @param <T> the result
   * @return the result
   */
  <T> CompletableFuture<T> read(String operation, StoreWork<T> work, Supplier<T> beforeTables);

  /**
   * Runs a read whose statements all see one snapshot.
   *
   * @param operation what it is, for messages
   * @param work the reads
   * @param beforeTables the result when the store's tables do not exist yet
   * @param <T> the result
   * @return the result
   */
  <T> CompletableFuture<T> snapshot(String operation, StoreWork<T> work, Supplier<T> beforeTables);

  /**
   * Runs a write in a transaction of its own (or a savepoint of a shared one): it commits whole or
   * not at all, and the future completes after the commit is durable.
   *
   * @param operation what it is, for messages
   * @param work the write
   * @param <T> the result
   * @return the result
   */
  <T> CompletableFuture<T> write(String operation, StoreWork<T> work);

  /**
   * Runs a write of one session, as {@link #write(String, StoreWork)}, and after every write of
   * the same session called before it: a caller's writes to one session, made without awaiting
   * each, commit in the order they were called (STORE-CONTRACT E2). This default suits an engine
   * that runs all writes in the order they were called (one writer thread); an engine whose
   * writes run in parallel overrides it.
   *
   * @param operation what it is, for messages
   * @param session the session the write belongs to
   * @param work the write
   * @param <T> the result
   * @return the result
   */
  default <T> CompletableFuture<T> write(String operation, SessionKey session, StoreWork<T> work) {
    return write(operation, work);
  }

  /**
   * A future that fails with the given exception, completed off the caller's thread.
   *
   * @param failure the failure
   * @param <T> the value type
   * @return the failed future
   */
  <T> CompletableFuture<T> failed(AdkStoreException failure);

  /** Stops accepting work, finishes what was accepted, releases connections. Idempotent. */
  @Override
  void close();
}
