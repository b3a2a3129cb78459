package dev.adkstore.api;

import java.time.Instant;
import java.util.Map;

/**
 * The stored state of one app (when {@code userId} is null) or of one user in an app: what export,
 * import and copy move between stores.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appName the app
 * @param userId the user, or null for the app-wide state
 * @param state the state
 * @param updateTime when it last changed, whole milliseconds
 */
public record ScopedState(String appName, String userId, Map<String, Object> state, Instant updateTime) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if a required component is missing or invalid
   */
  public ScopedState {
    Identifiers.requireId("appName", appName);
    if (userId != null) {
      Identifiers.requireId("userId", userId);
    }
    state = StateValues.copyState("state", state);
    Timestamps.requireMillis("updateTime", updateTime);
  }

  /**
   * Whether this is app-wide state.
   *
   * @return true when there is no user
   */
  public boolean isAppScope() {
    return userId == null;
  }
}
