package dev.adkstore.sqlite.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreClosedException;
import dev.adkstore.api.StoreOverloadedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's only writer: one thread that owns the only write connection and runs every write.
 *
 * <p>Writes wait in a bounded queue; when it is full a new write fails at once with
 * {@link StoreOverloadedException} (STORE-CONTRACT C3). The thread takes whatever is queued as one
 * batch and runs it in one {@code BEGIN IMMEDIATE} transaction (group commit), each operation
 * inside its own savepoint so that a failing operation is rolled back alone and fails only its own
 * future (an operation alone in its batch needs no savepoint: the transaction is its own).
 * Futures complete after {@code COMMIT} returns, on the {@link FutureCompleter}'s threads; after a
 * failure the connection's cached statements are dropped. Idle, the thread polls its queue for
 * 50 us before it parks, so a caller that awaits each write does not pay a wake-up per write.
 * Since only this thread writes, no write of this process ever waits for another ({@code
 * SQLITE_BUSY} can only come from other processes, and {@code busy_timeout} covers those).
 * Before each commit a guard may veto the batch (the database file was deleted underneath the
 * store): then the whole batch is rolled back and every future of it fails with the guard's error.
 *
 * <p>Thread-safe: {@link #submit} and {@link #close} may be called from any thread.
 */
public final class GroupCommitWriter {
  /**
   * One write operation, run on the writer thread inside a savepoint.
   *
   * @param <T> its result
   */
  @FunctionalInterface
  public interface WriteOp<T> {
    /**
     * Runs the operation. It must not call back into the store.
     *
     * @param connection the write connection
     * @return the result
     */
    T apply(StoreConnection connection);
  }

  private static final long SPIN_NANOS = 50_000;
  private static final Pending<Void> STOP = new Pending<>("stop", c -> null);

  private final StoreConnection connection;
  private final BlockingQueue<Pending<?>> queue;
  private final FutureCompleter completer;
  private final Lock exclusive;
  private final Runnable beforeCommit;
  private final ReadWriteLock acceptance = new ReentrantReadWriteLock();
  private final Thread thread;
  private boolean accepting = true;

  /**
   * Creates the writer; {@link #start()} starts its thread.
   *
   * @param connection the write connection, owned by the writer from now on
   * @param capacity how many writes may wait
   * @param completer completes the futures
   * @param exclusive held for the whole of each transaction, or null; for a shared-cache memory
   *     database, whose readers cannot read while a write transaction is open
   * @param beforeCommit runs on the writer thread before each commit and throws to veto it
   * @param threadName the writer thread's name
   */
  public GroupCommitWriter(
      StoreConnection connection, int capacity, FutureCompleter completer, Lock exclusive,
      Runnable beforeCommit, String threadName) {
    this.connection = connection;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.completer = completer;
    this.exclusive = exclusive;
    this.beforeCommit = beforeCommit;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  /** Starts the writer thread. */
  public void start() {
    thread.start();
  }

  /**
   * Queues a write.
   *
   * @param operation what it is, for error messages
   * @param op the operation
   * @param <T> its result
   * @return completes after the operation's transaction commits; fails with
   *     {@link StoreOverloadedException} at once if the queue is full, {@link StoreClosedException}
   *     after close
   */
  public <T> CompletableFuture<T> submit(String operation, WriteOp<T> op) {
    Pending<T> pending = new Pending<>(operation, op);
    acceptance.readLock().lock();
    try {
      if (!accepting) {
        return completer.failed(new StoreClosedException("the store is closed: " + operation));
      }
      if (!queue.offer(pending)) {
        return completer.failed(
            new StoreOverloadedException(
                "the store's write queue is full (" + (queue.size() + queue.remainingCapacity())
                    + " writes waiting); " + operation + " was refused, retry later"));
      }
    } finally {
      acceptance.readLock().unlock();
    }
    return pending.future;
  }

  /**
   * Stops accepting writes, runs and commits every write accepted before, and stops the thread.
   * Idempotent; every caller returns once the thread has stopped. The connection stays open.
   */
  public void close() {
    boolean first;
    acceptance.writeLock().lock();
    try {
      first = accepting;
      accepting = false;
    } finally {
      acceptance.writeLock().unlock();
    }
    if (first) {
      putUninterruptibly(STOP);
    }
    joinUninterruptibly();
  }

  private void run() {
    List<Pending<?>> drained = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      drained.clear();
      drained.add(takeUninterruptibly());
      queue.drainTo(drained);
      List<Pending<?>> batch = new ArrayList<>(drained.size());
      for (Pending<?> pending : drained) {
        if (pending == STOP) {
          stopping = true;
        } else {
          batch.add(pending);
        }
      }
      if (!batch.isEmpty()) {
        try {
          process(batch);
        } catch (Throwable unexpected) {
          // Nothing may end this thread but close(), and no accepted future may hang.
          failUncompleted(batch, unexpected);
        }
      }
    }
  }

  private void process(List<Pending<?>> batch) {
    if (exclusive != null) {
      exclusive.lock();
    }
    try {
      runInTransaction(batch);
    } finally {
      if (exclusive != null) {
        exclusive.unlock();
      }
    }
    for (Pending<?> pending : batch) {
      pending.complete(completer);
    }
  }

  private void runInTransaction(List<Pending<?>> batch) {
    TransactionDao tx = connection.transactions();
    try {
      tx.beginImmediate();
    } catch (RuntimeException e) {
      AdkStoreException error = SqliteErrors.INSTANCE.translate("starting a write transaction", e);
      batch.forEach(p -> p.error = error);
      return;
    }
    try {
      if (batch.size() == 1) {
        // Alone in its transaction, an operation needs no savepoint: failing, it rolls back all.
        if (!runAlone(tx, batch.get(0))) {
          return;
        }
      } else {
        for (Pending<?> pending : batch) {
          runInSavepoint(tx, pending);
        }
      }
      beforeCommit.run();
      tx.commit();
    } catch (RuntimeException | Error e) {
      // The savepoint machinery or the commit failed: nothing of this batch is durable.
      rollbackQuietly(tx);
      connection.forgetStatements();
      AdkStoreException error = e instanceof AdkStoreException vetoed
          ? vetoed
          : SqliteErrors.INSTANCE.translate("committing a write transaction", e);
      batch.forEach(p -> p.error = error);
    }
  }

  private boolean runAlone(TransactionDao tx, Pending<?> pending) {
    try {
      pending.run(connection);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      pending.error = SqliteErrors.INSTANCE.translate(pending.operation, e);
      rollbackQuietly(tx);
      connection.forgetStatements();
      return false;
    }
  }

  private void runInSavepoint(TransactionDao tx, Pending<?> pending) {
    tx.savepoint();
    try {
      pending.run(connection);
      tx.releaseSavepoint();
    } catch (RuntimeException | StackOverflowError e) {
      pending.error = SqliteErrors.INSTANCE.translate(pending.operation, e);
      connection.forgetStatements();
      tx.rollbackToSavepoint();
      tx.releaseSavepoint();
    }
  }

  private static void failUncompleted(List<Pending<?>> batch, Throwable unexpected) {
    List<Pending<?>> failed = List.copyOf(batch);
    StorageException error = new StorageException("the writer failed unexpectedly: " + unexpected, unexpected);
    Runnable failAll = () -> failed.forEach(p -> p.future.completeExceptionally(error));
    try {
      // Off the writer thread if at all possible, so that callbacks never run here.
      new Thread(failAll, Thread.currentThread().getName() + "-failure").start();
    } catch (Throwable cannotStartThread) {
      failAll.run();
    }
  }

  private static void rollbackQuietly(TransactionDao tx) {
    try {
      tx.rollback();
    } catch (RuntimeException alreadyRolledBack) {
      // SQLite rolls some failed commits back by itself; there is nothing left to undo then.
    }
  }

  private Pending<?> takeUninterruptibly() {
    // A caller awaiting its previous write usually sends the next within microseconds; polling
    // briefly before parking saves the wake-up of a parked thread, which on a busy virtual
    // machine costs more than the write itself.
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (System.nanoTime() < spinUntil) {
      Pending<?> next = queue.poll();
      if (next != null) {
        return next;
      }
      Thread.onSpinWait();
    }
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Only close() ends this thread, through the STOP marker, so accepted work is never lost.
      }
    }
  }

  private void putUninterruptibly(Pending<?> pending) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(pending);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void joinUninterruptibly() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Pending<T> {
    private final String operation;
    private final WriteOp<T> op;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;
    private AdkStoreException error;

    Pending(String operation, WriteOp<T> op) {
      this.operation = operation;
      this.op = op;
    }

    void run(StoreConnection connection) {
      result = op.apply(connection);
    }

    void complete(FutureCompleter completer) {
      if (error != null) {
        completer.fail(future, error);
      } else {
        completer.complete(future, result);
      }
    }
  }
}
