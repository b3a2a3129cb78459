package dev.adkstore.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A key-level change to the three state scopes, applied atomically with an event append
 * (STORE-CONTRACT T1 to T5).
 *
 * <p>Each scope maps top-level keys to their new value, or to {@link #REMOVED} to delete the key.
 * A new value replaces the old one whole (a nested object is replaced, not merged); keys not named
 * are untouched, so two writers changing different keys never lose each other's change. A value
 * of {@code null} stores JSON null; it does not remove the key.
 *
 * <p>Scopes: {@code session} belongs to one session; {@code app} is shared by every session of the
 * app; {@code user} by every session of one user in the app. Keys are stored verbatim: a caller
 * that uses prefixes such as {@code app:} strips them before building the delta.
 *
 * <p>Immutable and thread-safe: every map is a deep unmodifiable copy.
 *
 * @param session changes to the session's own state
 * @param app changes to the app-wide state
 * @param user changes to the user-wide state
 */
public record StateDelta(
    Map<String, Object> session, Map<String, Object> app, Map<String, Object> user) {

  /** The value that means "remove this key". Compare with {@code ==}. */
  public static final Object REMOVED = new Object() {
        @Override
        public String toString() {
          return "StateDelta.REMOVED";
        }
      };

  /** The delta that changes nothing. */
  public static final StateDelta EMPTY = new StateDelta(Map.of(), Map.of(), Map.of());

  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if a map is null or holds a null key
   */
  public StateDelta {
    session = StateValues.copyState("stateDelta.session", session);
    app = StateValues.copyState("stateDelta.app", app);
    user = StateValues.copyState("stateDelta.user", user);
  }

  /**
   * A delta of session-scope changes only.
   *
   * @param changes the session-scope changes
   * @return the delta
   */
  public static StateDelta ofSession(Map<String, Object> changes) {
    return new StateDelta(changes, Map.of(), Map.of());
  }

  /**
   * Starts a builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a value is the removal marker.
   *
   * @param value a value from one of the maps
   * @return true for {@link #REMOVED}
   */
  public static boolean isRemoved(Object value) {
    return value == REMOVED;
  }

  /**
   * Whether this delta changes nothing.
   *
   * @return true when all three scopes are empty
   */
  public boolean isEmpty() {
    return session.isEmpty() && app.isEmpty() && user.isEmpty();
  }

  /** A mutable builder for {@link StateDelta}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> session = new LinkedHashMap<>();
    private final Map<String, Object> app = new LinkedHashMap<>();
    private final Map<String, Object> user = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a session-scope key.
     *
     * @param key the key
     * @param value the new value, possibly null (JSON null)
     * @return this
     */
    public Builder putSession(String key, Object value) {
      session.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /**
     * Removes a session-scope key.
     *
     * @param key the key
     * @return this
     */
    public Builder removeSession(String key) {
      return putSession(key, REMOVED);
    }

    /**
     * Sets an app-scope key.
     *
     * @param key the key, without any prefix
     * @param value the new value, possibly null (JSON null)
     * @return this
     */
    public Builder putApp(String key, Object value) {
      app.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /**
     * Removes an app-scope key.
     *
     * @param key the key
     * @return this
     */
    public Builder removeApp(String key) {
      return putApp(key, REMOVED);
    }

    /**
     * Sets a user-scope key.
     *
     * @param key the key, without any prefix
     * @param value the new value, possibly null (JSON null)
     * @return this
     */
    public Builder putUser(String key, Object value) {
      user.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /**
     * Removes a user-scope key.
     *
     * @param key the key
     * @return this
     */
    public Builder removeUser(String key) {
      return putUser(key, REMOVED);
    }

    /**
     * Builds the delta.
     *
     * @return an immutable delta
     */
    public StateDelta build() {
      return new StateDelta(
          Collections.unmodifiableMap(session),
          Collections.unmodifiableMap(app),
          Collections.unmodifiableMap(user));
    }
  }
}
