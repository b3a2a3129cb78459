package dev.adkstore.api;

import java.util.List;
import java.util.Map;

/**
 * A session read in one consistent snapshot: the session, the events a query selected, and the
 * app-scope and user-scope state it sees. What a session service needs for one read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param session the session with its own state
 * @param events the selected events in append order
 * @param appState the app-wide state
 * @param userState the user-wide state
 */
public record SessionSnapshot(
    SessionRecord session,
    List<EventRecord> events,
    Map<String, Object> appState,
    Map<String, Object> userState) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if a component is null
   */
  public SessionSnapshot {
    Identifiers.requireNonNull("session", session);
    events = List.copyOf(Identifiers.requireNonNull("events", events));
    appState = StateValues.copyState("appState", appState);
    userState = StateValues.copyState("userState", userState);
  }
}
