package dev.adkstore.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stored session: its identity, its own (session-scope) state and its timestamps. App-scope and
 * user-scope state live apart, in {@link AsyncAdkStore#getAppState} and
 * {@link AsyncAdkStore#getUserState}; events are read separately (STORE-CONTRACT S9).
 *
 * <p>Immutable and thread-safe: the state is a deep unmodifiable copy.
 *
 * @param key the session's identity
 * @param state the session-scope state; JSON values (String, Boolean, Integer, Long, BigInteger,
 *     Double, null, Map, List)
 * @param createTime when the session was created, whole milliseconds
 * @param updateTime when the session was last changed, whole milliseconds (STORE-CONTRACT T6)
 * @param version a counter that grows by at least one with every change to the session (create,
 *     append, state replacement); what {@link AppendCondition#expectVersion(long)} compares
 * @param ownerId the owner id, or null when none was stored or no owner column is configured
 */
public record SessionRecord(
    SessionKey key,
    Map<String, Object> state,
    Instant createTime,
    Instant updateTime,
    long version,
    String ownerId) {

  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if a required component is null
   */
  public SessionRecord {
    Identifiers.requireNonNull("key", key);
    state = StateValues.copyState("state", state);
    Identifiers.requireNonNull("createTime", createTime);
    Identifiers.requireNonNull("updateTime", updateTime);
    Identifiers.requireWellFormed("ownerId", ownerId);
  }

  /**
   * Returns the owner id, if any.
   *
   * @return the owner id
   */
  public Optional<String> owner() {
    return Optional.ofNullable(ownerId);
  }
}
