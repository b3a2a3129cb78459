package dev.adkstore.postgres.internal;

import dev.adkstore.api.CommitOutcomeUnknownException;
import dev.adkstore.api.StorageException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs the store's reads and write transactions, and makes a lost connection cost no more than it
 * must.
 *
 * <ul>
 *   <li>A read whose connection is lost while it runs is run again on another connection, up to
 *       {@value #MAX_CONNECTION_ATTEMPTS} attempts in all. Failing to get a connection at all is
 *       not retried here: the pool already waited for one.
 *   <li>A write transaction whose connection is lost before its {@code COMMIT} was sent was rolled
 *       back by the server, so it is run again, within the same bound.
 *   <li>A write transaction whose connection is lost once its {@code COMMIT} was sent may or may
 *       not have committed. Each write transaction learns its own transaction id before its
 *       {@code COMMIT}: a statement of the work may return it ({@link #reportTransactionId}, as
 *       an append's first statement does, which saves a round trip), else it is asked for after
 *       the work; on another connection {@code txid_status} then tells what happened. Committed: the call
 *       succeeds with the result the transaction computed. Aborted: nothing was written and the
 *       transaction is run again. Still in progress: asked again until the server has finished it
 *       (at most {@value #OUTCOME_WAIT_MILLIS} ms). When it cannot be told, the call fails with a
 *       {@link CommitOutcomeUnknownException}, which says the write may have been applied; every other failure
 *       of a write means it was not written.
 *   <li>Serialization failures and deadlocks roll the transaction back; it is run again, up to
 *       {@value #MAX_TRANSIENT_ATTEMPTS} attempts in all.
 * </ul>
 *
 * <p>The work must be safe to run again after a rollback: it may only touch the database through
 * its handle. Thread-safe; each call runs on its caller's thread.
 */
public final class Transactions {
  private static final int MAX_TRANSIENT_ATTEMPTS = 5;
  private static final int MAX_CONNECTION_ATTEMPTS = 3;
  private static final long OUTCOME_WAIT_MILLIS = 10_000;
  private static final long MAX_PAUSE_MILLIS = 200;

  // The write transaction running on this thread, for reportTransactionId.
  private static final ThreadLocal<Attempt<?>> CURRENT = new ThreadLocal<>();

  private final Jdbi jdbi;

  /**
   * Creates the runner.
   *
   * @param jdbi the configured Jdbi
   */
  public Transactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Runs a read on one connection, in auto-commit mode.
   *
   * @param work the read
   * @param <T> the result type
   * @return its result
   */
  public <T> T read(HandleCallback<T, RuntimeException> work) {
    return readWith(attempt -> jdbi.withHandle(handle -> attempt.run(handle, work)));
  }

  /**
   * Runs a read in one transaction at the given isolation level, for a consistent snapshot.
   *
   * @param level the isolation level
   * @param work the read
   * @param <T> the result type
   * @return its result
   */
  public <T> T readInTransaction(
      TransactionIsolationLevel level, HandleCallback<T, RuntimeException> work) {
    return readWith(attempt -> jdbi.inTransaction(level, handle -> attempt.run(handle, work)));
  }

  /**
   * Runs a write transaction at the server's default isolation (READ COMMITTED; naming a level
   * would cost two extra round trips per call to read and set it).
   *
   * @param work the transaction's statements
   * @param <T> the result type
   * @return the result the committed transaction computed
   * @throws StorageException if the commit outcome cannot be determined
   */
  public <T> T write(HandleCallback<T, RuntimeException> work) {
    int transientFailures = 0;
    int lostConnections = 0;
    while (true) {
      Attempt<T> attempt = new Attempt<>();
      try {
        return jdbi.inTransaction(handle -> {
          CURRENT.set(attempt);
          try {
            return attempt.runKnowingItsId(handle, work);
          } finally {
            CURRENT.remove();
          }
        });
      } catch (RuntimeException e) {
        if (SqlStates.isTransient(e) && ++transientFailures < MAX_TRANSIENT_ATTEMPTS) {
          continue;
        }
        if (!attempt.started || !SqlStates.isConnectionLoss(e)) {
          throw e;
        }
        if (attempt.finished && committed(attempt.transactionId, e)) {
          return attempt.value;
        }
        if (++lostConnections >= MAX_CONNECTION_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private <T> T readWith(Function<Attempt<T>, T> once) {
    int lostConnections = 0;
    while (true) {
      Attempt<T> attempt = new Attempt<>();
      try {
        return once.apply(attempt);
      } catch (RuntimeException e) {
        if (!attempt.started || !SqlStates.isConnectionLoss(e)) {
          throw e;
        }
        if (attempt.finished) {
          return attempt.value; // only ending the read failed; what it read stands
        }
        if (++lostConnections >= MAX_CONNECTION_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  // Asks the server, on another connection, how the transaction ended. True: committed; false:
  // aborted, nothing written.
  private boolean committed(long transactionId, RuntimeException lost) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTCOME_WAIT_MILLIS);
    long pause = 5;
    while (true) {
      String status = status(transactionId, lost);
      if (status.equals("committed")) {
        return true;
      }
      if (status.equals("aborted")) {
        return false;
      }
      if (!status.equals("in progress")) {
        throw unknownOutcome(lost, "the server no longer knows the transaction");
      }
      // The server has not finished the transaction yet (its backend may still be ending).
      if (System.nanoTime() > deadline) {
        throw unknownOutcome(
            lost, "it was still in progress after " + OUTCOME_WAIT_MILLIS + " ms");
      }
      if (!pause(pause)) {
        throw unknownOutcome(lost, "interrupted while waiting for it to end");
      }
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }

  private String status(long transactionId, RuntimeException lost) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.withHandle(
            handle -> handle.attach(TransactionDao.class).status(transactionId));
      } catch (RuntimeException check) {
        if (!SqlStates.isConnectionLoss(check) || attempt >= MAX_CONNECTION_ATTEMPTS) {
          throw unknownOutcome(lost, "asking the server failed: " + SqlFailures.describe(check));
        }
      }
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static StorageException unknownOutcome(RuntimeException lost, String why) {
    return new CommitOutcomeUnknownException(
        "the connection to PostgreSQL was lost while committing, and whether the write was"
            + " committed could not be determined (" + why + "): it may have been applied; "
            + SqlFailures.describe(lost),
        SqlFailures.withoutPayload(lost));
  }

  /**
   * Records the id of the write transaction running on this thread, as a statement of its work
   * returned it ({@code txid_current()}), so that it need not be asked for again. Does nothing
   * outside a write transaction.
   *
   * @param transactionId the id
   */
  public static void reportTransactionId(long transactionId) {
    Attempt<?> attempt = CURRENT.get();
    if (attempt != null) {
      attempt.transactionId = transactionId;
    }
  }

  // What one run of the work got to; used on the calling thread only.
  private static final class Attempt<T> {
    private boolean started;
    private boolean finished;
    private T value;
    private Long transactionId;

    T run(Handle handle, HandleCallback<T, RuntimeException> work) {
      started = true;
      value = work.withHandle(handle);
      finished = true;
      return value;
    }

    // finished: the work ran and the transaction's id is known, so only COMMIT is left.
    T runKnowingItsId(Handle handle, HandleCallback<T, RuntimeException> work) {
      started = true;
      value = work.withHandle(handle);
      if (transactionId == null) {
        transactionId = handle.attach(TransactionDao.class).currentTransactionId();
      }
      finished = true;
      return value;
    }

  }
}
