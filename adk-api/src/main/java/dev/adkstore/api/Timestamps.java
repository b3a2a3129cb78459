package dev.adkstore.api;

import java.time.Instant;

/**
 * The port's time precision: whole milliseconds (STORE-CONTRACT S12). Stores round whatever their
 * column type holds back to the millisecond, so an instant goes in and the same instant comes out.
 *
 * <p>Stateless and thread-safe.
 */
public final class Timestamps {
  private Timestamps() {}

  /**
   * Checks that an instant is a whole millisecond.
   *
   * @param field the field's name, used in the error
   * @param instant the instant
   * @return the instant
   * @throws InvalidArgumentException if it is null or has a sub-millisecond part
   */
  public static Instant requireMillis(String field, Instant instant) {
    Identifiers.requireNonNull(field, instant);
    if (instant.getNano() % 1_000_000 != 0) {
      throw new InvalidArgumentException(
          field, "must be a whole millisecond, was " + instant + " (truncate it to millis)");
    }
    return instant;
  }

  /**
   * The first whole millisecond at or after an instant: the bound an inclusive "at or after"
   * comparison against millisecond timestamps needs, so that 1000.5 ms excludes an event at 1000 ms
   * (STORE-CONTRACT E3).
   *
   * @param instant any instant
   * @return epoch milliseconds, rounded up
   */
  public static long ceilingMillis(Instant instant) {
    long floor = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? floor : floor + 1;
  }
}
