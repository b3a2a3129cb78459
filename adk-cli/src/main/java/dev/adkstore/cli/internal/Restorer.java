package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionRecord;
import java.util.List;
import java.util.Map;

/**
 * Writes exported or copied records into a target store idempotently, and counts what it did:
 * a session whose key exists is left alone ({@link AsyncAdkStore#restoreSession}), a state equal
 * to the stored one is not rewritten. Running the same import or copy twice changes nothing the
 * second time.
 *
 * <p>Not thread-safe: one command thread drives it.
 */
public final class Restorer {
  private final AsyncAdkStore target;
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
   * Restores a session with its events unless the target has that key already.
   *
   * @param session the session
   * @param events its events in append order
   */
  public void session(SessionRecord session, List<EventRecord> events) {
    if (Futures.await(target.restoreSession(session, events))) {
      sessionsWritten++;
      eventsWritten += events.size();
    } else {
      sessionsSkipped++;
    }
  }

  /**
   * Restores an app or user state unless the target holds an equal one.
   *
   * @param state the state
   */
  public void state(ScopedState state) {
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
    statesWritten++;
  }

  /**
   * Describes what was done, for people.
   *
   * @return such as {@code 3 sessions with 12 events written, 1 already present; 2 states written,
   *     0 unchanged}
   */
  public String summary() {
    return sessionsWritten + " sessions with " + eventsWritten + " events written, "
        + sessionsSkipped + " already present; "
        + statesWritten + " states written, " + statesUnchanged + " unchanged";
  }

  /**
   * Returns how many sessions were written.
   *
   * @return the count
   */
  public long sessionsWritten() {
    return sessionsWritten;
  }

  /**
   * Returns how many sessions were skipped because their key existed.
   *
   * @return the count
   */
  public long sessionsSkipped() {
    return sessionsSkipped;
  }
}
