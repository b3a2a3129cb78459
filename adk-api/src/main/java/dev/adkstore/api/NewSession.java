package dev.adkstore.api;

import java.util.Map;

/**
 * What {@link AsyncAdkStore#createSession} needs: the identity, the initial session-scope state,
 * the owner id when the store has an owner column configured (STORE-CONTRACT S1, S11), and changes
 * to the app-scope and user-scope state to apply in the same transaction as the insert.
 *
 * <p>The shared changes are key-level, like an append's {@link StateDelta}: named keys are set or
 * removed, other keys of the app or user state are untouched. If the create fails (the session
 * exists, say), none of them is applied.
 *
 * <p>Immutable and thread-safe: the maps are deep unmodifiable copies, so a caller changing its
 * map later changes nothing stored.
 *
 * @param key the new session's identity
 * @param state its initial session-scope state, possibly empty
 * @param ownerId the owner id, or null for none
 * @param sharedState app and user changes applied atomically with the create; its session part
 *     must be empty (initial session keys belong in {@code state})
 */
public record NewSession(
    SessionKey key, Map<String, Object> state, String ownerId, StateDelta sharedState) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if the key, state or shared state is null, or the shared
   *     state has session-scope changes
   */
  public NewSession {
    Identifiers.requireNonNull("key", key);
    state = StateValues.copyState("state", state);
    Identifiers.requireNonNull("sharedState", sharedState);
    Identifiers.requireWellFormed("ownerId", ownerId);
    if (!sharedState.session().isEmpty()) {
      throw new InvalidArgumentException(
          "sharedState.session", "must be empty: initial session keys belong in state");
    }
  }

  /**
   * A new session with an owner and no shared-state changes.
   *
   * @param key the identity
   * @param state the initial state
   * @param ownerId the owner id, or null
   */
  public NewSession(SessionKey key, Map<String, Object> state, String ownerId) {
    this(key, state, ownerId, StateDelta.EMPTY);
  }

  /**
   * A new session with no owner and no shared-state changes.
   *
   * @param key the identity
   * @param state the initial state
   * @return the request
   */
  public static NewSession of(SessionKey key, Map<String, Object> state) {
    return new NewSession(key, state, null, StateDelta.EMPTY);
  }

  /**
   * The same request, also applying app and user changes in the create's transaction.
   *
   * @param shared the app and user changes; its session part must be empty
   * @return the request
   */
  public NewSession withSharedState(StateDelta shared) {
    return new NewSession(key, state, ownerId, shared);
  }
}
