package dev.adkstore.sqlite.internal;

import dev.adkstore.api.StoreClosedException;
import dev.adkstore.api.StoreOverloadedException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs reads on a fixed set of reader threads, each read on a connection of its own from a pool as
 * large as the thread count, so a read never waits for a connection and never for the writer
 * (WAL lets readers read while a write transaction is open). Reads wait in a bounded queue; when
 * it is full a new read fails at once with {@link StoreOverloadedException}.
 *
 * <p>Thread-safe.
 */
public final class ReaderPool {
  /**
   * One read, run on a reader thread.
   *
   * @param <T> its result
   */
  @FunctionalInterface
  public interface ReadOp<T> {
    /**
     * Runs the read.
     *
     * @param connection a read connection, this read's alone until it returns
     * @return the result
     */
    T apply(StoreConnection connection);
  }

  private final BlockingQueue<StoreConnection> connections;
  private final List<StoreConnection> all;
  private final ThreadPoolExecutor executor;
  private final FutureCompleter completer;
  private final Lock shared;

  /**
   * Creates the pool and its threads.
   *
   * @param connections the read connections, owned by the pool from now on; one thread each
   * @param queueCapacity how many reads may wait
   * @param completer completes the futures
   * @param shared held around each read, or null; see {@link GroupCommitWriter}
   * @param threadNamePrefix the prefix of the reader threads' names
   */
  public ReaderPool(
      List<StoreConnection> connections, int queueCapacity, FutureCompleter completer, Lock shared,
      String threadNamePrefix) {
    this.all = List.copyOf(connections);
    this.connections = new ArrayBlockingQueue<>(all.size(), false, all);
    this.completer = completer;
    this.shared = shared;
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            all.size(), all.size(), 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
            runnable -> {
              Thread thread = new Thread(runnable, threadNamePrefix + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Queues a read.
   *
   * @param operation what it is, for error messages
   * @param op the read
   * @param beforeTables the result when the store's tables do not exist yet (STORE-CONTRACT L2)
   * @param <T> the result type
   * @return the result, completed on a completer thread
   */
  public <T> CompletableFuture<T> submit(String operation, ReadOp<T> op, Supplier<T> beforeTables) {
    CompletableFuture<T> future = new CompletableFuture<>();
    try {
      executor.execute(() -> run(operation, op, beforeTables, future));
    } catch (RejectedExecutionException e) {
      completer.fail(
          future,
          executor.isShutdown()
              ? new StoreClosedException("the store is closed: " + operation)
              : new StoreOverloadedException(
                  "the store's read queue is full; " + operation + " was refused, retry later"));
    }
    return future;
  }

  /**
   * Runs a body in one read transaction, so that everything it reads comes from one snapshot.
   *
   * @param connection the read connection
   * @param body the reads
   * @param <T> the result
   * @return the body's result
   */
  public static <T> T inSnapshot(StoreConnection connection, Function<StoreConnection, T> body) {
    connection.transactions().beginDeferred();
    try {
      T result = body.apply(connection);
      connection.transactions().commit();
      return result;
    } catch (RuntimeException e) {
      try {
        connection.transactions().rollback();
      } catch (RuntimeException ignored) {
        // The read failed; ending its transaction is all that matters and failed only if none was open.
      }
      throw e;
    }
  }

  /** Lets queued reads finish, then closes the connections. Idempotent. */
  public void close() {
    executor.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      for (StoreConnection connection : all) {
        connection.close();
      }
    }
  }

  private <T> void run(
      String operation, ReadOp<T> op, Supplier<T> beforeTables, CompletableFuture<T> future) {
    StoreConnection connection = connections.remove();
    if (shared != null) {
      shared.lock();
    }
    try {
      completer.complete(future, op.apply(connection));
    } catch (RuntimeException | StackOverflowError e) {
      connection.forgetStatements();
      if (SqliteErrors.INSTANCE.isMissingTable(e)) {
        completer.complete(future, beforeTables.get());
      } else {
        completer.fail(future, SqliteErrors.INSTANCE.translate(operation, e));
      }
    } finally {
      if (shared != null) {
        shared.unlock();
      }
      connections.add(connection);
    }
  }
}
