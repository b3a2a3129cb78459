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
