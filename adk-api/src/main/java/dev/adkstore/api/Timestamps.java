package dev.adkstore.api;

import java.time.Instant;

/**
 * The port's time precision and range: whole milliseconds (STORE-CONTRACT S12) from
 * {@link #MIN} to {@link #MAX}, years 1 to 9999 in UTC (B8). Stores round whatever their column
 * type holds back to the millisecond, so an instant goes in and the same instant comes out; every
 * backend holds this range exactly (SQLite's Julian-day doubles lose the millisecond only beyond
 * about ±70,000 years, PostgreSQL's {@code timestamptz} ends at 294276 AD), and an instant outside
 * it is refused rather than stored as something else.
 *
 * <p>Stateless and thread-safe.
 */
public final class Timestamps {
  /** The earliest instant a store holds: 0001-01-01T00:00:00Z. */
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant a store holds: 9999-12-31T23:59:59.999Z. */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

  private Timestamps() {}

  /**
   * Checks that an instant can be stored: a whole millisecond between {@link #MIN} and
   * {@link #MAX}.
   *
   * @param field the field's name, used in the error
   * @param instant the instant
   * @return the instant
   * @throws InvalidArgumentException if it is null, has a sub-millisecond part or is out of range
   */
  public static Instant requireMillis(String field, Instant instant) {
    Identifiers.requireNonNull(field, instant);
    if (instant.getNano() % 1_000_000 != 0) {
      throw new InvalidArgumentException(
          field, "must be a whole millisecond, was " + instant + " (truncate it to millis)");
    }
    return requireInRange(field, instant);
  }

  /**
   * Checks a time bound (a query's lower bound, a retention cutoff) and returns the first whole
   * millisecond at or after it: the bound an inclusive "at or after" comparison against millisecond
   * timestamps needs, so that 1000.5 ms excludes an event at 1000 ms (STORE-CONTRACT E3). A bound
   * may have a sub-millisecond part but must lie between {@link #MIN} and {@link #MAX}, like
   * every stored time (B8).
   *
   * @param field the field's name, used in the error
   * @param instant the bound
   * @return epoch milliseconds, rounded up
   * @throws InvalidArgumentException if it is null or out of range
   */
  public static long ceilingMillis(String field, Instant instant) {
    requireInRange(field, Identifiers.requireNonNull(field, instant));
    long floor = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? floor : floor + 1;
  }

  private static Instant requireInRange(String field, Instant instant) {
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new InvalidArgumentException(
          field, "must be between " + MIN + " and " + MAX + ", was " + instant);
    }
    return instant;
  }
}
