package dev.adkstore.postgres.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreClosedException;
import dev.adkstore.api.StoreOverloadedException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs store work on a bounded pool of worker threads, one per pooled connection, and completes
 * the callers' futures on a separate completion pool (STORE-CONTRACT C3, C4).
 *
 * <p>Why two pools: a caller's callback runs on the thread that completes its future. Completing
 * on a worker would let a callback that blocks on another store call occupy the very worker that
 * call needs, and with every worker so occupied the store would deadlock. Completion threads do no
 * store work, and the completion pool grows as callbacks block, so a blocking callback delays only
 * itself. Futures are never completed on the caller's thread, failures included.
 *
 * <p>Reads and writes wait in two lanes taken in turn ({@link WorkQueue}), so neither starves
 * the other. Each lane is bounded: when it is full the call fails at once with
 * {@link StoreOverloadedException}. After {@link #closeAndDrain(long)} calls fail with
 * {@link StoreClosedException}.
 *
 * <p>Thread-safe.
 */
public final class StoreExecutor {
  private final String name;
  private final int queueCapacity;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor completions;
  // Accepted calls whose future has not been completed yet: close() waits for them.
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Starts the pools.
   *
   * @param name a name for threads and messages
   * @param workerThreads how many workers
   * @param queueCapacity how many calls may wait
   */
  public StoreExecutor(String name, int workerThreads, int queueCapacity) {
    this.name = name;
    this.queueCapacity = queueCapacity;
    this.workers =
        new ThreadPoolExecutor(
            workerThreads, workerThreads, 30, TimeUnit.SECONDS,
            new WorkQueue(queueCapacity), daemonThreads(name + "-worker"),
            new ThreadPoolExecutor.AbortPolicy());
    this.workers.allowCoreThreadTimeOut(true);
    // Idle completion threads end after a few seconds, so the pool needs no shutdown and a late
    // failure (a call after close) can still complete off the caller's thread.
    this.completions =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
            daemonThreads(name + "-complete"));
  }

  /**
   * Runs a write on a worker and completes the returned future on a completion thread.
   *
   * @param work the work; may throw any exception, which is translated by {@code errors}
   * @param errors turns a non-project exception into a project exception
   * @param <T> the result type
   * @return the future
   */
  public <T> CompletableFuture<T> submit(
      Supplier<T> work, Function<Throwable, AdkStoreException> errors) {
    return submit(work, errors, false);
  }

  /**
   * Runs a read, as {@link #submit(Supplier, Function)}; reads and writes wait in separate lanes
   * and are taken in turn ({@link WorkQueue}), so a read never waits behind every queued write.
   *
   * @param work the read
   * @param errors turns a non-project exception into a project exception
   * @param <T> the result type
   * @return the future
   */
  public <T> CompletableFuture<T> submitRead(
      Supplier<T> work, Function<Throwable, AdkStoreException> errors) {
    return submit(work, errors, true);
  }

  private <T> CompletableFuture<T> submit(
      Supplier<T> work, Function<Throwable, AdkStoreException> errors, boolean read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed) {
      return failed(new StoreClosedException(name + " is closed"));
    }
    inFlight.add(result);
    try {
      Runnable task = () -> {
        T value;
        try {
          value = work.get();
        } catch (Throwable t) {
          AdkStoreException failure = translate(t, errors);
          complete(result, () -> result.completeExceptionally(failure));
          return;
        }
        complete(result, () -> result.complete(value));
      };
      workers.execute(read ? (WorkQueue.Read) task::run : task);
    } catch (RejectedExecutionException e) {
      inFlight.remove(result);
      return failed(
          closed || workers.isShutdown()
              ? new StoreClosedException(name + " is closed")
              : new StoreOverloadedException(
                  name + ": the work queue is full (capacity " + queueCapacity + ")"));
    }
    return result;
  }

  private void complete(CompletableFuture<?> result, Runnable completion) {
    completions.execute(() -> {
      try {
        completion.run();
      } finally {
        inFlight.remove(result);
      }
    });
  }

  /**
   * A future that fails, completed on a completion thread rather than the caller's.
   *
   * @param failure the failure
   * @param <T> the result type
   * @return the future
   */
  public <T> CompletableFuture<T> failed(Throwable failure) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AdkStoreException f = translate(failure, e -> new StorageException(e.toString(), e));
    completions.execute(() -> result.completeExceptionally(f));
    return result;
  }

  /**
   * Stops accepting work and waits until every accepted call has run and its future is completed
   * (its callbacks may still be running on completion threads).
   *
   * @param timeoutSeconds the longest wait
   * @return true when everything finished in time
   */
  public boolean closeAndDrain(long timeoutSeconds) {
    closed = true;
    workers.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    // An interrupted caller (a cancelled task, a shutdown hook) must not abandon accepted work:
    // keep waiting, and hand the interrupt back at the end.
    boolean interrupted = false;
    try {
      while (true) {
        try {
          long left = Math.max(0, deadline - System.nanoTime());
          if (!workers.awaitTermination(left, TimeUnit.NANOSECONDS)) {
            return false;
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      for (CompletableFuture<?> pending : List.copyOf(inFlight)) {
        while (true) {
          try {
            pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            break;
          } catch (ExecutionException | CancellationException e) {
            break; // Completed exceptionally: completed all the same.
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * How many calls wait for a worker right now.
   *
   * @return the queue length
   */
  public int queued() {
    return workers.getQueue().size();
  }

  private static AdkStoreException translate(
      Throwable t, Function<Throwable, AdkStoreException> errors) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof AdkStoreException store) {
      return store;
    }
    return errors.apply(cause);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
