package dev.adkstore.api;

/**
 * One event and the state delta to apply with it: an element of a batch append
 * (STORE-CONTRACT E8, T1).
 *
 * <p>Immutable and thread-safe.
 *
 * @param event the event to insert
 * @param delta the state change to apply in the same transaction, {@link StateDelta#EMPTY} for none
 */
public record EventAppend(EventRecord event, StateDelta delta) {
  /**
   * Validates.
   *
   * @throws InvalidArgumentException if either part is null
   */
  public EventAppend {
    Identifiers.requireNonNull("event", event);
    Identifiers.requireNonNull("delta", delta);
  }
}
