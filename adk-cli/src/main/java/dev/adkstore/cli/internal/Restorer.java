package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.cli.ExitCodes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes exported or copied records into a target store idempotently, and counts what it did:
 * a session whose key exists is left alone ({@link AsyncAdkStore#restoreSession}), a state equal
 * to the stored one is not rewritten. Running the same import or copy twice changes nothing the
 * second time.
 *
 * <p>Session restores are pipelined: up to {@link #MAX_IN_FLIGHT} run at once (they are
 * independent of each other), so a store's group commit or connection pool is put to use instead
 * of paying one commit round trip per session. {@link #finish()} waits for the rest.
 *
 * <p>Not thread-safe: one command thread drives it.
 */
public final class Restorer {
  /** Session restores submitted before the oldest is awaited. */
  public static final int MAX_IN_FLIGHT = 64;

  private record Pending(CompletableFuture<Boolean> restored, int events, String origin) {}

  private final AsyncAdkStore target;
  private final Deque<Pending> inFlight = new ArrayDeque<>();
  private long sessionsWritten;
  private long sessionsSkipped;
  private long eventsWritten;
  private long statesWritten;
  private long statesUnchanged;

  /**
   * Creates a restorer.
   *
   * @param target the store to write
   */
  public Restorer(AsyncAdkStore target) {
    this.target = target;
  }

  /**
   * Submits a session with its events, to be restored unless the target has that key already.
   *
   * @param session the session
   * @param events its events in append order
   * @param origin where the record came from, such as {@code dump.jsonl:12}, for error messages
   * @throws CliException with {@link ExitCodes#INPUT} if the store rejected a record as invalid
   */
  public void session(SessionRecord session, List<EventRecord> events, String origin) {
    inFlight.add(new Pending(target.restoreSession(session, events), events.size(), origin));
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      awaitOldest();
    }
  }

  /**
   * Waits for every submitted session.
   *
   * @throws CliException with {@link ExitCodes#INPUT} if the store rejected a record as invalid
   */
  public void finish() {
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
  }

  private void awaitOldest() {
    Pending pending = inFlight.poll();
    boolean written;
    try {
      written = pending.restored().join();
    } catch (CompletionException e) {
      throw rejected(e.getCause(), pending.origin());
    }
    if (written) {
      sessionsWritten++;
      eventsWritten += pending.events();
    } else {
      sessionsSkipped++;
    }
  }

  /**
   * Restores an app or user state unless the target holds an equal one.
   *
   * @param state the state
   * @param origin where the record came from, for error messages
   * @throws CliException with {@link ExitCodes#INPUT} if the store rejected it as invalid
   */
  public void state(ScopedState state, String origin) {
    try {
      Map<String, Object> current =
          Futures.await(
              state.isAppScope()
                  ? target.getAppState(state.appName())
                  : target.getUserState(state.appName(), state.userId()));
      if (current.equals(state.state())) {
        statesUnchanged++;
        return;
      }
      Futures.await(target.restoreScopedState(state));
    } catch (RuntimeException e) {
      throw rejected(e, origin);
    }
    statesWritten++;
  }

  /**
   * A record the store refused as invalid (a store with tighter limits than the defaults the
   * import validated against) is bad input, named by where it came from; anything else is rethrown.
   */
  private static RuntimeException rejected(Throwable failure, String origin) {
    if (failure instanceof InvalidArgumentException || failure instanceof PayloadLimitException) {
      return new CliException(
          ExitCodes.INPUT, origin + ": rejected by the store: " + failure.getMessage(), failure);
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    return new CompletionException(failure);
  }

  /**
   * Describes what was done, for people; call after {@link #finish()}.
   *
   * @return such as {@code 3 sessions with 12 events written, 1 already present; 2 states written,
   *     0 unchanged}
   */
  public String summary() {
    return sessionsWritten + " sessions with " + eventsWritten + " events written, "
        + sessionsSkipped + " already present; "
        + statesWritten + " states written, " + statesUnchanged + " unchanged";
  }
}
