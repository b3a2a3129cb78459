package dev.adkstore.sqlite.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes the store's futures on threads of its own, never on the writer or a reader thread and
 * never on the caller's (STORE-CONTRACT C4). Completing a future runs the callbacks chained to it;
 * a callback may block, or wait for another call to the same store, so each completion gets a
 * thread of a growing pool: a blocked callback can hold up neither the writer nor another
 * completion. Idle threads die after a minute.
 *
 * <p>Thread-safe.
 */
public final class FutureCompleter {
  private final ExecutorService executor;

  /**
   * Creates the completer.
   *
   * @param threadNamePrefix the prefix of its threads' names
   */
  public FutureCompleter(String threadNamePrefix) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, threadNamePrefix + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.executor =
        new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  /**
   * Completes a future with a value.
   *
   * @param future the future
   * @param value the value
   * @param <T> the value type
   */
  public <T> void complete(CompletableFuture<T> future, T value) {
    run(() -> future.complete(value));
  }

  /**
   * Completes a future with a failure.
   *
   * @param future the future
   * @param failure the failure
   */
  public void fail(CompletableFuture<?> future, Throwable failure) {
    run(() -> future.completeExceptionally(failure));
  }

  /**
   * Returns a new future that fails soon, on a completer thread.
   *
   * @param failure the failure
   * @param <T> the value type
   * @return the future
   */
  public <T> CompletableFuture<T> failed(Throwable failure) {
    CompletableFuture<T> future = new CompletableFuture<>();
    fail(future, failure);
    return future;
  }

  /** Lets running completions finish; later completions run on the thread that asks for them. */
  public void shutdown() {
    executor.shutdown();
  }

  private void run(Runnable completion) {
    try {
      executor.execute(completion);
    } catch (RejectedExecutionException afterShutdown) {
      // Only after close: no store thread is left to protect, so completing here is safe.
      completion.run();
    }
  }
}
