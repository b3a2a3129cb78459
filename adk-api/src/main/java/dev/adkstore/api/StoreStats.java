package dev.adkstore.api;

import java.util.Map;

/**
 * Row counts and backend facts, for operators.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schemaVersion the recorded schema version, 0 when the tables do not exist
 * @param sessions the number of sessions
 * @param events the number of events
 * @param appStates the number of apps with stored app state
 * @param userStates the number of (app, user) pairs with stored user state
 * @param details backend-specific facts (file size, WAL size, server version), by name
 */
public record StoreStats(
    int schemaVersion,
    long sessions,
    long events,
    long appStates,
    long userStates,
    Map<String, String> details) {
  /** Copies the details. */
  public StoreStats {
    details = Map.copyOf(Identifiers.requireNonNull("details", details));
  }
}
