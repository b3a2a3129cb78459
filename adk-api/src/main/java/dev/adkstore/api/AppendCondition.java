package dev.adkstore.api;

import java.time.Instant;

/**
 * A precondition checked inside the append's own transaction, so that checking and writing are one
 * atomic step (STORE-CONTRACT T7). When it does not hold, the append fails with
 * {@link StaleSessionException} and writes nothing.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface AppendCondition {

  /** No precondition: the append always proceeds. */
  AppendCondition NONE = new None();

  /**
   * Holds when the session's {@link SessionRecord#version()} still equals what the caller last
   * saw.
   *
   * @param version the version the caller last saw
   * @return the condition
   */
  static AppendCondition expectVersion(long version) {
    return new ExpectVersion(version);
  }

  /**
   * Holds when the session was not updated after the given instant: for callers that hold a copy
   * of a session with its update time but no version.
   *
   * @param lastSeenUpdateTime the update time of the caller's copy
   * @return the condition
   */
  static AppendCondition notUpdatedAfter(Instant lastSeenUpdateTime) {
    return new NotUpdatedAfter(Identifiers.requireNonNull("lastSeenUpdateTime", lastSeenUpdateTime));
  }

  /**
   * Checks the condition against the session as the append's transaction sees it. Every backend
   * calls this inside that transaction, so the rule is stated once.
   *
   * @param key the session, for the message
   * @param currentVersion its current version
   * @param currentUpdateTime its current update time
   * @throws StaleSessionException when the condition does not hold
   */
  default void check(SessionKey key, long currentVersion, Instant currentUpdateTime) {
    if (this instanceof ExpectVersion expected && expected.version() != currentVersion) {
      throw new StaleSessionException(
          "session " + key + " is at version " + currentVersion + ", the append expected "
              + expected.version());
    }
    if (this instanceof NotUpdatedAfter notAfter
        && currentUpdateTime.isAfter(notAfter.lastSeenUpdateTime())) {
      throw new StaleSessionException(
          "session " + key + " was updated at " + currentUpdateTime + ", after the caller's copy of "
              + notAfter.lastSeenUpdateTime());
    }
  }

  /** No precondition. */
  record None() implements AppendCondition {}

  /**
   * The session's version must equal {@code version}.
   *
   * @param version the expected version
   */
  record ExpectVersion(long version) implements AppendCondition {}

  /**
   * The session's update time must not be after {@code lastSeenUpdateTime}.
   *
   * @param lastSeenUpdateTime the caller's update time
   */
  record NotUpdatedAfter(Instant lastSeenUpdateTime) implements AppendCondition {}
}
