package dev.adkstore.api;

import java.util.Map;

/**
 * What {@link AsyncAdkStore#createSession} needs: the identity, the initial session-scope state
 * and, when the store has an owner column configured, the owner id (STORE-CONTRACT S1, S11).
 *
 * <p>Immutable and thread-safe: the state is a deep unmodifiable copy, so a caller changing its
 * map later changes nothing stored.
 *
 * @param key the new session's identity
 * @param state its initial session-scope state, possibly empty
 * @param ownerId the owner id, or null for none
 */
public record NewSession(SessionKey key, Map<String, Object> state, String ownerId) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if the key or state is null
   */
  public NewSession {
    Identifiers.requireNonNull("key", key);
    state = StateValues.copyState("state", state);
  }

  /**
   * A new session with no owner.
   *
   * @param key the identity
   * @param state the initial state
   * @return the request
   */
  public static NewSession of(SessionKey key, Map<String, Object> state) {
    return new NewSession(key, state, null);
  }
}
