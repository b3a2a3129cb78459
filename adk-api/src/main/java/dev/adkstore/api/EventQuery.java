package dev.adkstore.api;

import java.time.Instant;

/**
 * Which events of a session to read (STORE-CONTRACT E2 to E4). Events always come back in append
 * order, oldest first.
 *
 * <p>Filtering happens first, then the limit: with {@code after} and {@code limit} both given, the
 * result is the last {@code limit} events among those at or after {@code after}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param session the session
 * @param after only events with a timestamp at or after this instant (inclusive, compared exactly,
 *     sub-millisecond part included); null for no bound
 * @param limit only the most recent this many events; null for all; 0 for none
 */
public record EventQuery(SessionKey session, Instant after, Integer limit) {
  /**
   * Validates.
   *
   * @throws InvalidArgumentException if the session is null or the limit negative
   */
  public EventQuery {
    Identifiers.requireNonNull("session", session);
    if (limit != null && limit < 0) {
      throw new InvalidArgumentException("limit", "must not be negative, was " + limit);
    }
  }

  /**
   * Every event of a session.
   *
   * @param session the session
   * @return the query
   */
  public static EventQuery all(SessionKey session) {
    return new EventQuery(session, null, null);
  }

  /**
   * The same query with a lower time bound.
   *
   * @param bound the inclusive lower bound
   * @return the query
   */
  public EventQuery after(Instant bound) {
    return new EventQuery(session, bound, limit);
  }

  /**
   * The same query keeping only the most recent events.
   *
   * @param mostRecent how many
   * @return the query
   */
  public EventQuery last(int mostRecent) {
    return new EventQuery(session, after, mostRecent);
  }
}
